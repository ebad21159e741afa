"""``GET /dois``: the search service, its filter parameters, facets and cursors (spec §4)."""
