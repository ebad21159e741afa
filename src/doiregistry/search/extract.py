"""What the search index holds for one DOI, derived from its stored record.

Every leaf of the canonical attributes at a catalogue path becomes a value
row; text fields become coded words for the full-text index; DOI-typed
related identifiers become relation rows (for the derived counts); the first
title gives the sort key of ``sort=title``.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any, Final

from doiregistry.metadata.doi import parse_doi
from doiregistry.search.query.fields import FIELDS, TEXT_CODES, Kind, Store
from doiregistry.search.query.tokens import fold, words
from doiregistry.storage.index_entry import MAX_DOI_LENGTH, MAX_VALUE_LENGTH, IndexEntry, ValueRow

FOS_SCHEME: Final = "Fields of Science and Technology (FOS)"


def _leaves(node: Any, path: str) -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        for key, child in node.items():
            yield from _leaves(child, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for item in node:
            yield from _leaves(item, path)
    elif node is not None and node != "":
        yield path, node


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if math.isfinite(value) else None
    try:
        number = float(str(value).strip())
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _natural_name(person: dict[str, Any]) -> str | None:
    given, family = person.get("givenName"), person.get("familyName")
    if given and family:
        return f"{given} {family}"
    name = person.get("name")
    if isinstance(name, str) and "," in name and person.get("nameType") != "Organizational":
        last, _, first = name.partition(",")
        return f"{first.strip()} {last.strip()}".strip()
    return name if isinstance(name, str) else None


def _persons(attributes: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for key in ("creators", "contributors"):
        for person in attributes.get(key) or []:
            if isinstance(person, dict):
                yield person


def _derived(attributes: dict[str, Any]) -> dict[str, list[str]]:
    """Values of the derived fields (creator_names, affiliation_id, …)."""
    creator_names = [
        name
        for person in attributes.get("creators") or []
        if isinstance(person, dict) and (name := _natural_name(person))
    ]
    affiliation_ids, organization_ids, person_ids = [], [], []
    for person in _persons(attributes):
        for affiliation in person.get("affiliation") or []:
            if (
                isinstance(affiliation, dict)
                and affiliation.get("affiliationIdentifierScheme") == "ROR"
            ):
                identifier = str(affiliation.get("affiliationIdentifier") or "")
                if identifier:
                    affiliation_ids.append(ror_id(identifier))
        for identifier in person.get("nameIdentifiers") or []:
            if not isinstance(identifier, dict) or not identifier.get("nameIdentifier"):
                continue
            scheme, value = (
                identifier.get("nameIdentifierScheme"),
                str(identifier["nameIdentifier"]),
            )
            if scheme == "ROR":
                organization_ids.append(ror_id(value))
            elif scheme == "ORCID":
                person_ids.append(value)
    fields_of_science = [
        str(subject["subject"]).removeprefix("FOS:").strip().lower().replace(" ", "_")
        for subject in attributes.get("subjects") or []
        if isinstance(subject, dict)
        and subject.get("subjectScheme") == FOS_SCHEME
        and str(subject.get("subject") or "").startswith("FOS:")
    ]
    return {
        "creator_names": creator_names,
        "affiliation_id": affiliation_ids,
        "organization_id": organization_ids,
        "person_id": person_ids,
        "fields_of_science": fields_of_science,
    }


def ror_id(value: str) -> str:
    """``ror.org/<id>`` from a bare ROR id, ``ror.org/x`` or its URL."""
    text = value.strip().lower().removeprefix("https://").removeprefix("http://")
    return text if text.startswith("ror.org/") else f"ror.org/{text}"


def _related_doi(item: dict[str, Any]) -> str | None:
    if str(item.get("relatedIdentifierType") or "").upper() != "DOI":
        return None
    doi = parse_doi(str(item.get("relatedIdentifier") or ""))
    # no DOI in the store is longer (they are checked on write), so no relation to count
    return doi if doi is not None and len(doi) <= MAX_DOI_LENGTH else None


def extract(
    attributes: dict[str, Any],
    *,
    content_url: list[str] | None = None,
    landing_page: dict[str, Any] | None = None,
    reason: str | None = None,
) -> IndexEntry:
    """The index entry of one DOI (``attributes`` in canonical form)."""
    entry = IndexEntry()
    document: dict[str, Any] = dict(attributes)
    publisher = document.get("publisher")
    if isinstance(publisher, str):
        document["publisher"] = {"name": publisher}
    document.update(_derived(attributes))
    if content_url:
        document["contentUrl"] = content_url
    if landing_page:
        document["landingPage"] = landing_page
    seen: set[tuple[str, str]] = set()
    for path, raw in _leaves(document, ""):
        spec = FIELDS.get(path)
        if spec is None or spec.store is not Store.VALUES:
            continue
        text = str(raw).lower() if isinstance(raw, bool) else str(raw)
        if spec.kind is Kind.TEXT:
            # text is matched through words; the value row only records presence
            if spec.code:
                entry.words.setdefault(spec.code, []).append(words(text))
            value = ""
        elif spec.kind is Kind.KEYWORD_CI:
            value = fold(text)[:MAX_VALUE_LENGTH]
        else:
            value = text[:MAX_VALUE_LENGTH]
        if (path, value) in seen:
            continue
        seen.add((path, value))
        number = _number(raw) if spec.kind is Kind.NUMBER else None
        entry.values.append(ValueRow(path, value, number))
    if reason:
        entry.words.setdefault(TEXT_CODES["reason"], []).append(words(reason))
    for item in attributes.get("relatedIdentifiers") or []:
        if isinstance(item, dict) and (target := _related_doi(item)) and item.get("relationType"):
            entry.relations.append((target, str(item["relationType"])))
    for title in attributes.get("titles") or []:
        if isinstance(title, dict) and isinstance(title.get("title"), str):
            entry.title_sort = fold(title["title"]).strip()[:255]
            break
    return entry
