"""Prefixes: the pool, provider-prefixes and client-prefixes, and automatic assignment (spec §8)."""
