"""Serialisers: JSON:API resources, DataCite XML/JSON and the other output formats."""
