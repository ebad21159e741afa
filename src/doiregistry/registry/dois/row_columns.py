"""The ``dois`` table's column values of a checked DOI (spec §5, storage/tables.py).

One derivation for every path that writes DOI rows: the DOI service's saves
and the importer's bulk writes both call these, so a stored DOI's state, URL,
metadata and the columns derived from its metadata are computed the same way.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Final

from doiregistry.registry.dois.states import DRAFT

#: the size of the ``published`` column
MAX_PUBLISHED_LENGTH: Final = 32
#: the size of the ``resource_type_id`` column
MAX_RESOURCE_TYPE_LENGTH: Final = 64
#: columns computed from ``attributes`` (equal whenever the attributes are)
DERIVED_COLUMNS: Final = ("publication_year", "resource_type_id", "published")


def metadata_columns(
    *,
    state: str,
    url: str | None,
    xml: str | None,
    attributes: dict[str, Any],
    schema_version: str | None,
) -> dict[str, Any]:
    """The state, URL and metadata columns, and the :data:`DERIVED_COLUMNS`."""
    return {
        "state": state,
        "url": url,
        "xml": xml,
        "attributes": attributes,
        "schema_version": schema_version,
        "publication_year": publication_year(attributes.get("publicationYear")),
        "resource_type_id": resource_type_id(attributes),
        "published": (published_value(attributes) or "")[:MAX_PUBLISHED_LENGTH] or None,
    }


def identity_columns(doi: str, client_id: str, provider_id: str, now: datetime) -> dict[str, Any]:
    """The columns a new row gets once: its name, its owner, its first version and creation."""
    prefix, _, suffix = doi.partition("/")
    return {
        "doi": doi,
        "prefix": prefix,
        "suffix": suffix,
        "client_id": client_id,
        "provider_id": provider_id,
        "metadata_version": 0,
        "created": now,
    }


def registered_at(state: str, previous: datetime | None, now: datetime) -> datetime | None:
    """When the DOI was first registered: kept once set, ``now`` when it leaves draft."""
    if previous is not None:
        return previous
    return now if state != DRAFT else None


def published_value(attributes: dict[str, Any]) -> str | None:
    """The ``published`` attribute: the Issued date, else the publication year (spec Q7)."""
    for date in attributes.get("dates") or []:
        if isinstance(date, dict) and date.get("dateType") == "Issued" and date.get("date"):
            return str(date["date"])
    year = attributes.get("publicationYear")
    return str(year) if year is not None else None


def publication_year(value: Any) -> int | None:
    """The year of a ``publicationYear`` value, when it has one."""
    try:
        return int(str(value)[:4]) if value is not None else None
    except ValueError:
        return None


def resource_type_id(attributes: dict[str, Any]) -> str | None:
    """``resourceTypeGeneral`` as DataCite's dashed slug (``BookChapter`` → ``book-chapter``);
    ``None`` when missing or not a plausible type name."""
    slug = _slug(attributes)
    return slug if slug is None or len(slug) <= MAX_RESOURCE_TYPE_LENGTH else None


def _slug(attributes: dict[str, Any]) -> str | None:
    types = attributes.get("types") or {}
    general = types.get("resourceTypeGeneral") if isinstance(types, dict) else None
    if not general:
        return None
    out = []
    for index, char in enumerate(str(general)):
        if char.isupper() and index:
            out.append("-")
        out.append(char.lower())
    return "".join(out)
