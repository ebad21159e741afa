"""Tests of doiregistry.demo."""
