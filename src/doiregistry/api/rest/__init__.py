"""Routers of the JSON:API REST surface."""
