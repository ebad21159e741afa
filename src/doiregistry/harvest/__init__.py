"""Importers and harvesters: bulk loading of DataCite metadata into the store."""
