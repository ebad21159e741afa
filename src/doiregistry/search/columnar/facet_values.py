"""The facet values of one DOI, derived from its stored row (spec §4.7).

Single-valued facets get one key (or none); multi-valued facets get a list of
distinct keys. Titles found in the record itself (affiliation names, funder
names, author names) travel with the keys.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final

from doiregistry.search.extract import FOS_SCHEME, ror_id

SINGLE: Final = (
    "state",
    "resource_type",
    "created",
    "created_month",
    "registered",
    "published",
    "provider",
    "client",
    "prefix",
    "schema_version",
    "link_check_status",
    "language",
)
MULTI: Final = (
    "affiliations",
    "licenses",
    "subjects",
    "fields_of_science",
    "authors",
    "creators_and_contributors",
    "funders",
)
MISSING: Final = "__missing__"


@dataclass
class FacetDoc:
    single: dict[str, str | None] = field(default_factory=dict)
    multi: dict[str, list[str]] = field(default_factory=dict)
    titles: dict[tuple[str, str], str] = field(default_factory=dict)
    updated: float = 0.0


def _year(value: datetime | None) -> str | None:
    return str(value.year) if value is not None else None


def _persons(attributes: Mapping[str, Any], keys: tuple[str, ...]) -> list[dict[str, Any]]:
    return [p for key in keys for p in attributes.get(key) or [] if isinstance(p, dict)]


def _orcids(doc: FacetDoc, facet: str, persons: list[dict[str, Any]]) -> list[str]:
    found: list[str] = []
    for person in persons:
        for identifier in person.get("nameIdentifiers") or []:
            if isinstance(identifier, dict) and identifier.get("nameIdentifierScheme") == "ORCID":
                value = str(identifier.get("nameIdentifier") or "")
                if value and value not in found:
                    found.append(value)
                    name = person.get("name") or " ".join(
                        str(p) for p in (person.get("givenName"), person.get("familyName")) if p
                    )
                    doc.titles.setdefault((facet, value), str(name or value))
    return found


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def facet_doc(row: Mapping[Any, Any]) -> FacetDoc:
    """Facet keys of a ``dois`` row (as a mapping of its columns)."""
    attributes: Mapping[str, Any] = row.get("attributes") or {}
    doc = FacetDoc()
    types = attributes.get("types") if isinstance(attributes.get("types"), dict) else {}
    general = (types or {}).get("resourceTypeGeneral")
    doc.single["state"] = row.get("state")
    doc.single["resource_type"] = row.get("resource_type_id") or MISSING
    if general and row.get("resource_type_id"):
        doc.titles[("resource_type", row["resource_type_id"])] = str(general)
    created: datetime | None = row.get("created")
    doc.single["created"] = _year(created)
    doc.single["created_month"] = created.strftime("%Y-%m") if created else None
    doc.single["registered"] = _year(row.get("registered"))
    year = row.get("publication_year")
    doc.single["published"] = str(year) if year is not None else None
    doc.single["provider"] = row.get("provider_id")
    doc.single["client"] = row.get("client_id")
    doc.single["prefix"] = row.get("prefix")
    schema = row.get("schema_version")
    doc.single["schema_version"] = str(schema).rsplit("-", 1)[-1] if schema else None
    landing = row.get("landing_page") if isinstance(row.get("landing_page"), dict) else None
    status = (landing or {}).get("status")
    doc.single["link_check_status"] = str(status) if status is not None else None
    language = attributes.get("language")
    doc.single["language"] = str(language).lower() if language else None
    updated: datetime | None = row.get("updated")
    doc.updated = updated.timestamp() if updated else 0.0

    affiliations: list[str] = []
    for person in _persons(attributes, ("creators", "contributors")):
        for affiliation in person.get("affiliation") or []:
            if (
                isinstance(affiliation, dict)
                and affiliation.get("affiliationIdentifierScheme") == "ROR"
                and affiliation.get("affiliationIdentifier")
            ):
                key = ror_id(str(affiliation["affiliationIdentifier"]))
                affiliations.append(key)
                doc.titles.setdefault(("affiliations", key), str(affiliation.get("name") or key))
    doc.multi["affiliations"] = _unique(affiliations)
    rights = [r for r in attributes.get("rightsList") or [] if isinstance(r, dict)]
    doc.multi["licenses"] = _unique([str(r.get("rightsIdentifier") or "").lower() for r in rights])
    subjects = [s for s in attributes.get("subjects") or [] if isinstance(s, dict)]
    doc.multi["subjects"] = _unique([str(s.get("subject") or "") for s in subjects])
    fos = []
    for subject in subjects:
        text = str(subject.get("subject") or "")
        if subject.get("subjectScheme") == FOS_SCHEME and text.startswith("FOS:"):
            title = text.removeprefix("FOS:").strip()
            key = title.lower().replace(" ", "_")
            fos.append(key)
            doc.titles.setdefault(("fields_of_science", key), title)
    doc.multi["fields_of_science"] = _unique(fos)
    doc.multi["authors"] = _orcids(doc, "authors", _persons(attributes, ("creators",)))
    doc.multi["creators_and_contributors"] = _orcids(
        doc, "creators_and_contributors", _persons(attributes, ("creators", "contributors"))
    )
    funders = []
    for funding in attributes.get("fundingReferences") or []:
        if isinstance(funding, dict) and funding.get("funderIdentifier"):
            key = str(funding["funderIdentifier"])
            funders.append(key)
            doc.titles.setdefault(("funders", key), str(funding.get("funderName") or key))
    doc.multi["funders"] = _unique(funders)
    return doc
