"""Related identifiers, related items, funding references and the container.

* ``relatedIdentifiers``: DOIs are validated and lower-cased (an invalid DOI
  loses its ``relatedIdentifier``); ``schemeURI`` becomes ``schemeUri``.
* ``relatedItems`` keep DataCite's shape, including the ``schemeURI`` key
  inside ``relatedItemIdentifier`` and empty ``creators`` / ``titles`` /
  ``contributors`` lists.
* ``fundingReferences``: Crossref Funder IDs become
  ``https://doi.org/10.13039/<number>`` (dropped when not recognisable), ROR
  ids ``https://ror.org/<id>`` with scheme URI ``https://ror.org``, other URLs
  are tidied.
* ``container`` is derived the way DataCite does it: from the first
  ``IsPartOf`` related identifier and the first ``SeriesInformation``
  description (``Title, Volume(Issue), FirstPage-LastPage``). Unlike
  DataCite, a DOI there is lower-cased like every other related DOI, and the
  description is split after the same clean-up as ``descriptions``.
"""

from __future__ import annotations

import re
from typing import Any

from doiregistry.metadata.read_identifiers import (
    normalize_id,
    normalize_ror,
    validate_doi,
    validate_funder_doi,
)
from doiregistry.metadata.read_names import read_contributors, read_creators
from doiregistry.metadata.read_text import sanitize
from doiregistry.metadata.read_tree import (
    Element,
    attr,
    child,
    is_blank,
    nested,
    own_text,
    text_or_none,
)


def _compact(mapping: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in mapping.items() if value is not None}


def _identifier_value(element: Element, type_attribute: str) -> str | None:
    text = text_or_none(element)
    if attr(element, type_attribute) == "DOI":
        return validate_doi(text.strip()) if text else None
    return text


def read_related_identifiers(resource: Element) -> list[dict[str, Any]]:
    """Every ``relatedIdentifiers/relatedIdentifier``."""
    result = []
    for element in nested(resource, "relatedIdentifiers", "relatedIdentifier"):
        if is_blank(element):
            continue
        result.append(
            _compact(
                {
                    "relatedIdentifier": _identifier_value(element, "relatedIdentifierType"),
                    "relatedIdentifierType": attr(element, "relatedIdentifierType"),
                    "relationType": attr(element, "relationType"),
                    "resourceTypeGeneral": attr(element, "resourceTypeGeneral"),
                    "relatedMetadataScheme": attr(element, "relatedMetadataScheme"),
                    "schemeUri": attr(element, "schemeURI"),
                    "schemeType": attr(element, "schemeType"),
                }
            )
        )
    return result


def read_titles(parent: Element) -> list[dict[str, Any]]:
    """Every ``titles/title`` of ``parent`` (the resource or a related item)."""
    result = []
    for element in nested(parent, "titles", "title"):
        if is_blank(element):
            continue
        result.append(
            _compact(
                {
                    "title": sanitize(own_text(element)),
                    "titleType": attr(element, "titleType"),
                    "lang": attr(element, "lang"),
                }
            )
        )
    return result


def _related_item_identifier(element: Element | None) -> dict[str, Any] | None:
    if element is None or is_blank(element):
        return None
    return _compact(
        {
            "relatedItemIdentifier": _identifier_value(element, "relatedItemIdentifierType"),
            "relatedItemIdentifierType": attr(element, "relatedItemIdentifierType"),
            "relatedMetadataScheme": attr(element, "relatedMetadataScheme"),
            "schemeURI": attr(element, "schemeURI"),
            "schemeType": attr(element, "schemeType"),
        }
    )


def read_related_item(element: Element) -> dict[str, Any]:
    """One ``relatedItem`` element."""
    number = child(element, "number")
    return _compact(
        {
            "relationType": attr(element, "relationType"),
            "relatedItemType": attr(element, "relatedItemType"),
            "relatedItemIdentifier": _related_item_identifier(
                child(element, "relatedItemIdentifier")
            ),
            "creators": read_creators(element),
            "titles": read_titles(element),
            "publicationYear": text_or_none(child(element, "publicationYear")),
            "volume": text_or_none(child(element, "volume")),
            "issue": text_or_none(child(element, "issue")),
            "number": text_or_none(number),
            "numberType": attr(number, "numberType"),
            "firstPage": text_or_none(child(element, "firstPage")),
            "lastPage": text_or_none(child(element, "lastPage")),
            "publisher": text_or_none(child(element, "publisher")),
            "edition": text_or_none(child(element, "edition")),
            "contributors": read_contributors(element),
        }
    )


def read_related_items(resource: Element) -> list[dict[str, Any]]:
    """Every ``relatedItems/relatedItem``."""
    return [
        read_related_item(element)
        for element in nested(resource, "relatedItems", "relatedItem")
        if not is_blank(element)
    ]


def read_funding_reference(element: Element) -> dict[str, Any]:
    """One ``fundingReference`` element."""
    funder = child(element, "funderIdentifier")
    award = child(element, "awardNumber")
    identifier = text_or_none(funder)
    identifier_type = attr(funder, "funderIdentifierType")
    scheme_uri = attr(funder, "schemeURI")
    if identifier_type == "Crossref Funder ID":
        identifier = validate_funder_doi(identifier.strip() if identifier else None)
    elif identifier_type == "ROR":
        identifier = normalize_ror(identifier)
        scheme_uri = "https://ror.org"
    elif identifier is not None:
        identifier = normalize_id(identifier.strip()) or identifier
    return _compact(
        {
            "funderName": text_or_none(child(element, "funderName")),
            "funderIdentifier": identifier,
            "funderIdentifierType": identifier_type,
            "schemeUri": scheme_uri,
            "awardNumber": text_or_none(award),
            "awardUri": attr(award, "awardURI"),
            "awardTitle": text_or_none(child(element, "awardTitle")),
        }
    )


def read_funding_references(resource: Element) -> list[dict[str, Any]]:
    """Every ``fundingReferences/fundingReference``."""
    return [
        read_funding_reference(element)
        for element in nested(resource, "fundingReferences", "fundingReference")
        if not is_blank(element)
    ]


def parse_series_information(text: str | None) -> dict[str, str]:
    """Split ``Title, Volume(Issue), FirstPage-LastPage`` into container fields."""
    if not text or not text.strip():
        return {}
    parts = text.split(",")
    while parts and parts[-1] == "":
        parts.pop()
    parts = [part.strip() for part in parts]
    if not parts:
        return {}
    result: dict[str, str] = {"title": parts[0]}
    if len(parts) > 2:
        middle = parts[1]
        matches = list(re.finditer(r"\(([^)]+)\)", middle))
        if matches:
            last = matches[-1]
            before, issue, after = middle[: last.start()], last.group(1), middle[last.end() :]
        else:
            before, issue, after = "", "", middle
        volume = before or after
        if volume:
            result["volume"] = volume
        if issue:
            result["issue"] = issue
    if len(parts) > 1:
        pages = [page.strip() for page in parts[-1].split("-")]
        while pages and pages[-1] == "":
            pages.pop()
        if pages and pages[0]:
            result["firstPage"] = pages[0]
        if len(pages) > 1 and pages[1]:
            result["lastPage"] = pages[1]
    if not result["title"]:
        del result["title"]
    return result


def read_container(resource: Element, resource_type_general: str | None) -> dict[str, Any]:
    """The ``container`` object DataCite derives, or ``{}``."""
    series_text = None
    for description in nested(resource, "descriptions", "description"):
        if attr(description, "descriptionType") == "SeriesInformation":
            series_text = sanitize(own_text(description))
            break
    series = parse_series_information(series_text)
    is_part_of = next(
        (
            element
            for element in nested(resource, "relatedIdentifiers", "relatedIdentifier")
            if attr(element, "relationType") == "IsPartOf"
        ),
        None,
    )
    if not series.get("title") and is_part_of is None:
        return {}
    return _compact(
        {
            "type": "DataRepository" if resource_type_general == "Dataset" else "Series",
            "identifier": _identifier_value(is_part_of, "relatedIdentifierType")
            if is_part_of is not None
            else None,
            "identifierType": attr(is_part_of, "relatedIdentifierType"),
            "title": series.get("title"),
            "volume": series.get("volume"),
            "issue": series.get("issue"),
            "firstPage": series.get("firstPage"),
            "lastPage": series.get("lastPage"),
        }
    )
