"""RIS (``application/x-research-info-systems``): tagged lines ending with ``ER  -``.

Tags and their order follow bolognese's writer; lines end with CR LF and a
tag with several values (authors, keywords) is repeated.
"""

from __future__ import annotations

from typing import Any

from doiregistry.domain.doi_record import DoiRecord
from doiregistry.formats.metadata_values import (
    abstract,
    as_list,
    container_of,
    doi_name,
    people,
    person_name_with_comma,
    publication_year,
    publisher_name,
    subject_names,
    title,
    types_of,
)


def _part_of(attributes: dict[str, Any]) -> Any:
    for item in as_list(attributes.get("relatedIdentifiers")):
        if isinstance(item, dict) and item.get("relationType") == "IsPartOf":
            return item.get("relatedIdentifier")
    return None


def ris_tags(record: DoiRecord) -> list[tuple[str, Any]]:
    """``(tag, value)`` pairs in output order, one pair per value."""
    attributes = record.attributes
    container = container_of(attributes)
    authors = [person_name_with_comma(p) for p in people(attributes, "creators")]
    single: list[tuple[str, Any]] = [
        ("TY", types_of(attributes).get("ris") or "GEN"),
        ("T1", title(attributes)),
        ("T2", container.get("title")),
    ]
    single += [("AU", name) for name in authors if name]
    single += [("DO", doi_name(record)), ("UR", record.url), ("AB", abstract(attributes))]
    single += [("KW", subject) for subject in subject_names(attributes)]
    single += [
        ("PY", publication_year(attributes)),
        ("PB", publisher_name(attributes)),
        ("LA", attributes.get("language")),
        ("VL", container.get("volume")),
        ("IS", container.get("issue")),
        ("SP", container.get("firstPage")),
        ("EP", container.get("lastPage")),
        ("SN", _part_of(attributes)),
    ]
    return [(tag, value) for tag, value in single if value is not None and value != ""]


def ris(record: DoiRecord) -> str:
    """One DOI as an RIS record."""
    lines = [f"{tag}  - {value}" for tag, value in ris_tags(record)]
    lines.append("ER  - ")
    return "\r\n".join(lines)
