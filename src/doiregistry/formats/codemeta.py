"""CodeMeta JSON-LD (``application/vnd.codemeta.ld+json``), after bolognese's writer.

``authors`` holds the DataCite creators unchanged and ``codeRepository`` the
landing page, as in DataCite's output.
"""

from __future__ import annotations

from typing import Any, Final

from doiregistry.domain.doi_record import DoiRecord
from doiregistry.formats.metadata_values import (
    compact,
    date_of_type,
    doi_url,
    first_description,
    people,
    publication_year,
    publisher_object,
    rights_uris,
    subject_names,
    title,
    types_of,
    unwrap,
)
from doiregistry.formats.schema_org import identifiers

CONTEXT: Final = "https://raw.githubusercontent.com/codemeta/codemeta/master/codemeta.jsonld"


def codemeta(record: DoiRecord) -> dict[str, Any]:
    """One DOI as a CodeMeta document."""
    attributes = record.attributes
    subjects = subject_names(attributes)
    year = publication_year(attributes)
    creators = people(attributes, "creators")
    return compact(
        {
            "@context": CONTEXT,
            "@type": types_of(attributes).get("schemaOrg"),
            "@id": doi_url(record),
            "identifier": identifiers(record),
            "codeRepository": record.url,
            "name": title(attributes),
            "authors": creators or None,
            "description": first_description(attributes),
            "version": attributes.get("version"),
            "tags": subjects or None,
            "datePublished": date_of_type(attributes, "Issued")
            or (str(year) if year is not None else None),
            "dateModified": date_of_type(attributes, "Updated"),
            "publisher": publisher_object(attributes),
            "license": unwrap(rights_uris(attributes)),
        }
    )
