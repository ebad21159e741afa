"""Crosscite JSON (``application/vnd.crosscite.crosscite+json``), bolognese's internal form.

Metadata properties keep their DataCite JSON values; the keys are snake case
and the DOI, landing page, owner and state are added (bolognese's
``crosscite_hsh``).
"""

from __future__ import annotations

from typing import Any, Final

from doiregistry.domain.doi_record import DoiRecord
from doiregistry.formats.metadata_values import (
    alternate_identifiers,
    compact,
    doi_name,
    doi_url,
    publication_year,
    publisher_object,
)

#: registration agency of every DOI this server holds
AGENCY: Final = "datacite"

#: (output key, attribute key) after ``id``/``doi``/``url``, in bolognese's order
_PROPERTIES: Final = (
    ("types", "types"),
    ("creators", "creators"),
    ("titles", "titles"),
    ("publisher", "publisher"),
    ("container", "container"),
    ("subjects", "subjects"),
    ("contributors", "contributors"),
    ("dates", "dates"),
    ("publication_year", "publicationYear"),
    ("language", "language"),
    ("identifiers", "identifiers"),
    ("sizes", "sizes"),
    ("formats", "formats"),
    ("version", "version"),
    ("rights_list", "rightsList"),
    ("descriptions", "descriptions"),
    ("geo_locations", "geoLocations"),
    ("funding_references", "fundingReferences"),
    ("related_identifiers", "relatedIdentifiers"),
    ("related_items", "relatedItems"),
    ("schema_version", "schemaVersion"),
)


def crosscite(record: DoiRecord) -> dict[str, Any]:
    """One DOI in crosscite form; keys without a value are left out."""
    attributes = record.attributes
    document: dict[str, Any] = {"id": doi_url(record), "doi": doi_name(record), "url": record.url}
    for key, attribute in _PROPERTIES:
        if attribute == "publisher":
            document[key] = publisher_object(attributes)
        elif attribute == "publicationYear":
            document[key] = publication_year(attributes)
        elif attribute == "identifiers":
            document[key] = alternate_identifiers(record)
        elif attribute == "schemaVersion":
            document[key] = attributes.get("schemaVersion") or record.schema_version
        else:
            document[key] = attributes.get(attribute)
    document["provider_id"] = record.provider_id.lower()
    document["client_id"] = record.client_id.lower()
    document["agency"] = AGENCY
    document["state"] = record.state
    return compact(document)
