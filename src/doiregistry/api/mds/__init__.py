"""The legacy MDS API: plain-text responses over HTTP Basic (spec MDS §3)."""
