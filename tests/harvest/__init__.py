"""Tests of doiregistry.harvest."""
