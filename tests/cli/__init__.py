"""Tests of doiregistry.cli."""
