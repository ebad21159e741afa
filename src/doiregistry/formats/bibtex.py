"""BibTeX (``application/x-bibtex``): one entry keyed by the DOI's resolver URL.

Fields and their order follow bolognese's writer; the entry type comes from
``types.bibtex`` (``misc`` by default).
"""

from __future__ import annotations

from typing import Any

from doiregistry.domain.doi_record import DoiRecord
from doiregistry.formats.metadata_values import (
    authors_as_string,
    container_of,
    doi_name,
    doi_url,
    first_rights,
    pages,
    people,
    publication_year,
    publisher_name,
    subject_names,
    title,
    types_of,
)


def bibtex_fields(record: DoiRecord) -> dict[str, Any]:
    """The entry's fields in output order, without the empty ones."""
    attributes = record.attributes
    container = container_of(attributes)
    subjects = subject_names(attributes)
    fields: dict[str, Any] = {
        "doi": doi_name(record),
        "url": record.url,
        "author": authors_as_string(people(attributes, "creators")),
        "keywords": ", ".join(subjects) if subjects else None,
        "language": attributes.get("language"),
        "title": title(attributes),
        "journal": container.get("title"),
        "volume": container.get("volume"),
        "issue": container.get("issue"),
        "pages": pages(container),
        "publisher": publisher_name(attributes),
        "year": publication_year(attributes),
        "copyright": first_rights(attributes),
    }
    return {key: value for key, value in fields.items() if value is not None and value != ""}


def bibtex(record: DoiRecord) -> str:
    """One DOI as a BibTeX entry."""
    entry_type = types_of(record.attributes).get("bibtex") or "misc"
    lines = [f"  {key} = {{{value}}}" for key, value in bibtex_fields(record).items()]
    return f"@{entry_type}{{{doi_url(record)},\n" + ",\n".join(lines) + "\n}"
