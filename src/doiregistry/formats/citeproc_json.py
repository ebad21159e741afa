"""Citeproc JSON (``application/vnd.citationstyles.csl+json``): one CSL-JSON item.

After bolognese's ``citeproc_hsh``: names as ``family``/``given`` (or
``literal`` for organisations), ``issued`` from the Issued date or the
publication year, container details from ``container``. Software with a
version is typed ``book`` so that styles print the version.
"""

from __future__ import annotations

from typing import Any

from doiregistry.domain.doi_record import DoiRecord
from doiregistry.formats.metadata_values import (
    compact,
    container_of,
    date_of_type,
    date_parts,
    doi_name,
    doi_url,
    first_description,
    first_rights,
    pages,
    people,
    publication_year,
    publisher_name,
    subject_names,
    title,
    types_of,
)

#: the "unavailable" placeholder DataCite accepts as the only creator
UNAVAILABLE = ":(unav)"


def csl_names(persons: list[dict[str, Any]]) -> list[dict[str, Any]] | None:
    """People as CSL names; ``None`` for nobody."""
    names = []
    for person in persons:
        if person.get("familyName"):
            names.append(
                compact({"family": person["familyName"], "given": person.get("givenName")})
            )
        else:
            names.append(compact({"given": person.get("givenName"), "literal": person.get("name")}))
    return names or None


def _full_name(person: dict[str, Any]) -> str:
    if person.get("name"):
        return str(person["name"])
    return " ".join(str(p) for p in (person.get("givenName"), person.get("familyName")) if p)


def _container_title(attributes: dict[str, Any], citeproc_type: str | None) -> str | None:
    container = container_of(attributes)
    if container:
        value = container.get("title")
        return str(value) if value else None
    if citeproc_type == "article-journal":
        return publisher_name(attributes)
    return None


def citeproc(record: DoiRecord) -> dict[str, Any]:
    """One DOI as a CSL-JSON item."""
    attributes = record.attributes
    types = types_of(attributes)
    container = container_of(attributes)
    creators = people(attributes, "creators")
    contributors = people(attributes, "contributors")
    version = attributes.get("version")
    if len(creators) == 1 and creators[0].get("name") == UNAVAILABLE:
        authors = None
    else:
        authors = csl_names(creators)
    if types.get("resourceTypeGeneral") == "Software" and version:
        csl_type: Any = "book"
    else:
        csl_type = types.get("citeproc")
    creator_names = {_full_name(person) for person in creators}
    others = [
        person
        for person in contributors
        if _full_name(person) not in creator_names
        and person.get("contributorType") not in ("Editor", "Translator")
    ]
    issued = date_of_type(attributes, "Issued")
    subjects = subject_names(attributes)
    return compact(
        {
            "type": csl_type,
            "id": doi_url(record),
            "categories": subjects or None,
            "language": attributes.get("language"),
            "author": authors,
            "contributor": csl_names(others),
            "editor": csl_names([c for c in contributors if c.get("contributorType") == "Editor"]),
            "translator": csl_names(
                [c for c in contributors if c.get("contributorType") == "Translator"]
            ),
            "issued": date_parts(issued if issued else publication_year(attributes)),
            "abstract": first_description(attributes),
            "container-title": _container_title(attributes, types.get("citeproc")),
            "DOI": doi_name(record),
            "volume": container.get("volume"),
            "issue": container.get("issue"),
            "number": container.get("number"),
            "chapter-number": container.get("chapterNumber"),
            "edition": container.get("edition"),
            "page": pages(container),
            "page-first": container.get("firstPage"),
            "publisher": publisher_name(attributes),
            "title": title(attributes),
            "URL": record.url,
            "copyright": first_rights(attributes),
            "version": version,
        }
    )
