"""CSV (``text/csv``): DataCite's ten columns, a header line and one line per DOI."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any, Final

from doiregistry.domain.doi_record import DoiRecord
from doiregistry.formats.metadata_values import (
    authors_as_string,
    doi_name,
    people,
    publication_year,
    publisher_name,
    title,
    types_of,
)

HEADER: Final = (
    "doi",
    "url",
    "registered",
    "state",
    "resourceTypeGeneral",
    "resourceType",
    "title",
    "author",
    "publisher",
    "publicationYear",
)


def csv_values(record: DoiRecord) -> list[Any]:
    """The ten values of one DOI (``None`` for a missing one)."""
    attributes = record.attributes
    types = types_of(attributes)
    return [
        doi_name(record),
        record.url,
        record.registered.date().isoformat() if record.registered else None,
        record.state,
        types.get("resourceTypeGeneral"),
        types.get("resourceType"),
        title(attributes),
        authors_as_string(people(attributes, "creators")),
        publisher_name(attributes),
        publication_year(attributes),
    ]


def csv_lines(rows: Iterable[list[Any]]) -> str:
    """Rows as CSV lines ending with ``\\n``, empty cells for missing values."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in rows:
        writer.writerow(["" if value is None else value for value in row])
    return buffer.getvalue()


def csv_document(records: Iterable[DoiRecord]) -> str:
    """The header line and one line per DOI."""
    return csv_lines([list(HEADER), *(csv_values(record) for record in records)])
