"""Plain values the metadata serialisers share, read from canonical DataCite attributes.

Canonical attributes hold the publisher and affiliations as objects, but the
helpers also accept the REST presentation forms (strings), so records built
from recorded DataCite responses serialise the same way.
"""

from __future__ import annotations

from typing import Any, Final

from doiregistry.domain.doi_record import DoiRecord
from doiregistry.metadata.resource_types import complete_types

DOI_RESOLVER: Final = "https://doi.org/"


def doi_name(record: DoiRecord) -> str:
    """The DOI in its display form (lower case, spec §1.2)."""
    return record.doi.strip().lower()


def doi_url(record: DoiRecord) -> str:
    """The DOI as a resolver URL, DataCite's ``id`` in every metadata format."""
    return DOI_RESOLVER + doi_name(record)


def doi_as_url(value: str | None) -> str | None:
    """A resolver URL for a DOI-shaped value (``10.x/y``, ``doi:``, resolver URL), else ``None``."""
    if not value:
        return None
    text = value.strip()
    lowered = text.lower()
    for prefix in ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:"):
        if lowered.startswith(prefix):
            text = text[len(prefix) :]
            break
    if not text.startswith("10.") or "/" not in text:
        return None
    return DOI_RESOLVER + text.lower()


def identifier_as_url(value: str | None) -> str | None:
    """A DOI as its resolver URL, an HTTP(S) URL as itself, anything else ``None``."""
    as_doi = doi_as_url(value)
    if as_doi:
        return as_doi
    if value and value.strip().lower().startswith(("http://", "https://")):
        return value.strip()
    return None


def as_list(value: Any) -> list[Any]:
    """``None`` as ``[]``, a list as itself, anything else as a one-item list."""
    if value is None:
        return []
    if isinstance(value, list):
        return value
    return [value]


def unwrap(values: list[Any]) -> Any:
    """DataCite's JSON-LD habit: no items ``None``, one item the item, else the list."""
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return values


def compact(mapping: dict[str, Any]) -> dict[str, Any]:
    """``mapping`` without its ``None`` values (empty lists and objects stay)."""
    return {key: value for key, value in mapping.items() if value is not None}


def text_of(value: Any, key: str) -> str | None:
    """``value[key]`` of an object, a string as itself, else ``None``."""
    if isinstance(value, dict):
        item = value.get(key)
        return str(item) if item is not None and item != "" else None
    if isinstance(value, str) and value:
        return value
    return None


def first_text(values: Any, key: str) -> str | None:
    """``key`` of the first item of a list property (e.g. the first title)."""
    for item in as_list(values):
        text = text_of(item, key)
        if text is not None:
            return text
    return None


def title(attributes: dict[str, Any]) -> str | None:
    """The first title."""
    return first_text(attributes.get("titles"), "title")


def publisher_name(attributes: dict[str, Any]) -> str | None:
    """The publisher's name, whether stored as an object or as a string."""
    return text_of(attributes.get("publisher"), "name")


def publisher_object(attributes: dict[str, Any]) -> dict[str, Any] | None:
    """The publisher as an object (``{"name": ...}`` for a plain string)."""
    value = attributes.get("publisher")
    if isinstance(value, dict):
        return value or None
    if isinstance(value, str) and value:
        return {"name": value}
    return None


def types_of(attributes: dict[str, Any]) -> dict[str, Any]:
    """The ``types`` object with its derived types (schema.org, citeproc, BibTeX, RIS)."""
    value = attributes.get("types")
    return complete_types(value if isinstance(value, dict) else {})


def container_of(attributes: dict[str, Any]) -> dict[str, Any]:
    """The ``container`` object (``{}`` when missing)."""
    value = attributes.get("container")
    return value if isinstance(value, dict) else {}


def pages(container: dict[str, Any]) -> str | None:
    """``first-last`` (or just ``first``) from a container's pages, if it has a first page."""
    first = container.get("firstPage")
    if not first:
        return None
    last = container.get("lastPage")
    return f"{first}-{last}" if last else str(first)


def people(attributes: dict[str, Any], key: str) -> list[dict[str, Any]]:
    """Creators or contributors, objects only."""
    return [item for item in as_list(attributes.get(key)) if isinstance(item, dict)]


def date_of_type(attributes: dict[str, Any], date_type: str) -> str | None:
    """The first date of ``date_type`` (``Issued``, ``Updated`` …)."""
    for item in as_list(attributes.get("dates")):
        if isinstance(item, dict) and item.get("dateType") == date_type and item.get("date"):
            return str(item["date"])
    return None


def publication_year(attributes: dict[str, Any]) -> int | str | None:
    """The publication year as stored (an integer in canonical attributes)."""
    value = attributes.get("publicationYear")
    return value if isinstance(value, int | str) and value != "" else None


def date_parts(value: str | int | None) -> dict[str, list[list[int]]]:
    """CSL ``date-parts`` of an ISO 8601 date or year; ``[[]]`` when there is none."""
    text = "" if value is None else str(value)
    parts: list[int] = []
    for start, end in ((0, 4), (5, 7), (8, 10)):
        piece = text[start:end]
        if not piece.isdigit() or int(piece) == 0:
            break
        parts.append(int(piece))
    return {"date-parts": [parts]}


def subject_names(attributes: dict[str, Any]) -> list[str]:
    """Every subject's text, in order."""
    names = []
    for item in as_list(attributes.get("subjects")):
        text = text_of(item, "subject")
        if text is not None:
            names.append(text)
    return names


def first_description(attributes: dict[str, Any]) -> str | None:
    """The first description, of any type."""
    return first_text(attributes.get("descriptions"), "description")


def abstract(attributes: dict[str, Any]) -> str | None:
    """The first ``Abstract`` description, else the first description."""
    for item in as_list(attributes.get("descriptions")):
        if isinstance(item, dict) and item.get("descriptionType") == "Abstract":
            text = text_of(item, "description")
            if text is not None:
                return text
    return first_description(attributes)


def rights_uris(attributes: dict[str, Any]) -> list[str]:
    """Every licence URI of ``rightsList``."""
    return [
        str(item["rightsUri"])
        for item in as_list(attributes.get("rightsList"))
        if isinstance(item, dict) and item.get("rightsUri")
    ]


def first_rights(attributes: dict[str, Any]) -> str | None:
    """The statement of the first ``rightsList`` entry."""
    return first_text(attributes.get("rightsList"), "rights")


def alternate_identifiers(record: DoiRecord) -> list[dict[str, Any]]:
    """``identifiers`` other than the DOI itself and its landing page."""
    skip = {doi_name(record), doi_url(record), (record.url or "").lower()}
    return [
        item
        for item in as_list(record.attributes.get("identifiers"))
        if isinstance(item, dict) and str(item.get("identifier") or "").lower() not in skip
    ]


def person_name_with_comma(person: dict[str, Any]) -> str | None:
    """``Family, Given`` when the family name is known, else the full name."""
    family = person.get("familyName")
    if family:
        given = person.get("givenName")
        return f"{family}, {given}" if given else str(family)
    name = person.get("name")
    return str(name) if name else None


def authors_as_string(creators: list[dict[str, Any]]) -> str | None:
    """BibTeX's author list: ``Family, Given and {Organisation}``."""
    names = []
    for person in creators:
        if person.get("familyName"):
            names.append(person_name_with_comma(person) or "")
        elif person.get("name"):
            names.append("{" + str(person["name"]) + "}")
    return " and ".join(names) or None
