"""Tests of doiregistry.registry."""
