"""Writing ``<relatedIdentifiers>`` and ``<relatedItems>``.

REST forms (spec §5.2)::

    relatedIdentifiers: {relatedIdentifier, relatedIdentifierType, relationType,
                         relatedMetadataScheme, schemeUri, schemeType,
                         resourceTypeGeneral, relationTypeInformation}
    relatedItems: {relationType, relatedItemType, relationTypeInformation,
                   relatedItemIdentifier: {relatedItemIdentifier, relatedItemIdentifierType,
                                           relatedMetadataScheme, schemeURI, schemeType},
                   creators, titles, publicationYear, volume, issue, number,
                   numberType, firstPage, lastPage, publisher, edition, contributors}

Entries whose required type or relation is missing or not in the controlled
list are left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lxml import etree

from doiregistry.metadata.write_people import write_contributors, write_creators
from doiregistry.metadata.write_titles import write_titles
from doiregistry.metadata.write_values import (
    any_uri,
    as_list,
    clean_text,
    controlled,
    nonempty,
    text_of,
    year,
)


def _set(element: etree._Element, name: str, value: str | None) -> None:
    if value is not None:
        element.set(name, value)


def write_related_identifiers(parent: etree._Element, ns: str, related: Any) -> None:
    """Append ``<relatedIdentifiers>`` for every expressible related identifier."""
    entries: list[etree._Element] = []
    for item in as_list(related):
        if not isinstance(item, Mapping):
            continue
        identifier_type = controlled(item.get("relatedIdentifierType"), "relatedIdentifierType")
        relation_type = controlled(item.get("relationType"), "relationType")
        if identifier_type is None or relation_type is None:
            continue
        element = etree.Element(f"{{{ns}}}relatedIdentifier")
        element.text = clean_text(item.get("relatedIdentifier"))  # may be empty (xs:string)
        general = controlled(item.get("resourceTypeGeneral"), "resourceType")
        _set(element, "resourceTypeGeneral", general)
        element.set("relatedIdentifierType", identifier_type)
        element.set("relationType", relation_type)
        _set(element, "relatedMetadataScheme", clean_text(item.get("relatedMetadataScheme")))
        _set(element, "schemeURI", any_uri(text_of(item, "schemeUri", "schemeURI")))
        _set(element, "schemeType", clean_text(item.get("schemeType")))
        _set(element, "relationTypeInformation", clean_text(item.get("relationTypeInformation")))
        entries.append(element)
    if entries:
        wrapper = etree.SubElement(parent, f"{{{ns}}}relatedIdentifiers")
        wrapper.extend(entries)


def _write_item_identifier(parent: etree._Element, ns: str, value: Any) -> None:
    if isinstance(value, Mapping):
        identifier = value
    elif isinstance(value, str):
        identifier = {"relatedItemIdentifier": value}
    else:
        return
    text = clean_text(identifier.get("relatedItemIdentifier"))
    if text is None:
        return
    element = etree.SubElement(parent, f"{{{ns}}}relatedItemIdentifier")
    element.text = text
    _set(
        element,
        "relatedItemIdentifierType",
        controlled(identifier.get("relatedItemIdentifierType"), "relatedIdentifierType"),
    )
    _set(element, "relatedMetadataScheme", clean_text(identifier.get("relatedMetadataScheme")))
    _set(element, "schemeURI", any_uri(text_of(identifier, "schemeURI", "schemeUri")))
    _set(element, "schemeType", clean_text(identifier.get("schemeType")))


def _publisher_name(value: Any) -> str | None:
    if isinstance(value, Mapping):
        return nonempty(value.get("name"))
    return nonempty(value)


def _write_related_item(parent: etree._Element, ns: str, item: Mapping[str, Any]) -> None:
    item_type = controlled(item.get("relatedItemType"), "resourceType")
    relation_type = controlled(item.get("relationType"), "relationType")
    if item_type is None or relation_type is None:
        return
    element = etree.SubElement(parent, f"{{{ns}}}relatedItem")
    element.set("relatedItemType", item_type)
    element.set("relationType", relation_type)
    _set(element, "relationTypeInformation", clean_text(item.get("relationTypeInformation")))
    _write_item_identifier(element, ns, item.get("relatedItemIdentifier"))
    write_creators(element, ns, item.get("creators"), full=False, always=False)
    write_titles(element, ns, item.get("titles"), always=False)
    published = year(item.get("publicationYear"))
    if published is not None:
        etree.SubElement(element, f"{{{ns}}}publicationYear").text = published
    for key in ("volume", "issue"):
        text = nonempty(item.get(key))
        if text is not None:
            etree.SubElement(element, f"{{{ns}}}{key}").text = text
    number = nonempty(item.get("number"))
    if number is not None:
        number_element = etree.SubElement(element, f"{{{ns}}}number")
        number_element.text = number
        _set(number_element, "numberType", controlled(item.get("numberType"), "numberType"))
    for key in ("firstPage", "lastPage"):
        text = nonempty(item.get(key))
        if text is not None:
            etree.SubElement(element, f"{{{ns}}}{key}").text = text
    publisher = _publisher_name(item.get("publisher"))
    if publisher is not None:
        etree.SubElement(element, f"{{{ns}}}publisher").text = publisher
    edition = nonempty(item.get("edition"))
    if edition is not None:
        etree.SubElement(element, f"{{{ns}}}edition").text = edition
    write_contributors(element, ns, item.get("contributors"), full=False)


def write_related_items(parent: etree._Element, ns: str, related_items: Any) -> None:
    """Append ``<relatedItems>`` for every related item with a valid type and relation."""
    wrapper = etree.Element(f"{{{ns}}}relatedItems")
    for item in as_list(related_items):
        if isinstance(item, Mapping):
            _write_related_item(wrapper, ns, item)
    if len(wrapper):
        parent.append(wrapper)
