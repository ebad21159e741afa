"""doiregistry: a self-hosted, DataCite-compatible DOI registry and metadata service."""

__version__ = "0.1.0"
