"""The OAI-PMH data provider's HTTP endpoint (``/oai``)."""
