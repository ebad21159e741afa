"""Tests of doiregistry.api."""
