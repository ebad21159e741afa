"""``oai_dc``: unqualified Dublin Core crosswalked from a DOI's DataCite attributes.

The elements and their spelling follow DataCite's OAI-PMH provider (one
element per value, empty values left out): titles, creators, publisher,
dates (the publication year, then ``"<dateType>: <date>"``), identifiers
(the DOI as ``doi:<doi>``, alternate identifiers as ``<type>:<value>``),
relations (``<type>:<value>``; DOIs without a resolver, in lower case),
subjects, descriptions, contributors, language, types (general, then
specific), formats, rights (statement, then URI). The crosswalk goes further
where DataCite's own Dublin Core mapping does: sizes are ``dc:format`` and
geolocations ``dc:coverage`` (place names, and points and boxes in the DCMI
Point and Box encodings), and titles, subjects, descriptions and rights keep
their language as ``xml:lang``. Characters XML cannot carry are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, Final

from lxml import etree

from doiregistry.formats.metadata_values import as_list, text_of
from doiregistry.metadata.doi import strip_resolver

OAI_DC_NAMESPACE: Final = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC_NAMESPACE: Final = "http://purl.org/dc/elements/1.1/"
XSI_NAMESPACE: Final = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION: Final = f"{OAI_DC_NAMESPACE} http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
_XML_LANG: Final = "{http://www.w3.org/XML/1998/namespace}lang"
_NOT_XML: Final = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: ``xs:language`` (what ``xml:lang`` may hold)
_LANGUAGE: Final = re.compile(r"[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*")

#: one Dublin Core value: element name, text, language
DcValue = tuple[str, str, str | None]


def _clean(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    text = _NOT_XML.sub("", str(value)).strip()
    return text or None


def _lang(item: Any) -> str | None:
    lang = item.get("lang") if isinstance(item, dict) else None
    if isinstance(lang, str) and _LANGUAGE.fullmatch(lang):
        return lang
    return None


def _name(person: Any) -> Any:
    if not isinstance(person, dict):
        return person
    if person.get("name"):
        return person["name"]
    family, given = person.get("familyName"), person.get("givenName")
    return ", ".join(str(part) for part in (family, given) if part) or None


def _typed(item: Any, value_key: str, type_key: str) -> str | None:
    if not isinstance(item, dict):
        return None
    value, kind = _clean(item.get(value_key)), _clean(item.get(type_key))
    if value is None or kind is None:
        return None
    if kind.lower() == "doi":
        value = strip_resolver(value).lower()
    return f"{kind.lower()}:{value}"


def _number(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return f"{float(value):g}"
    except (TypeError, ValueError):
        return None


def _coverage(location: Any) -> Iterator[str | None]:
    if not isinstance(location, dict):
        return
    yield location.get("geoLocationPlace")
    point = location.get("geoLocationPoint")
    if isinstance(point, dict):
        north, east = _number(point.get("pointLatitude")), _number(point.get("pointLongitude"))
        if north is not None and east is not None:
            yield f"north={north}; east={east}"
    box = location.get("geoLocationBox")
    if isinstance(box, dict):
        limits = [
            (name, _number(box.get(key)))
            for name, key in (
                ("northlimit", "northBoundLatitude"),
                ("eastlimit", "eastBoundLongitude"),
                ("southlimit", "southBoundLatitude"),
                ("westlimit", "westBoundLongitude"),
            )
        ]
        if all(value is not None for _, value in limits):
            yield "; ".join(f"{name}={value}" for name, value in limits)


def _raw_values(doi: str, attributes: Mapping[str, Any]) -> Iterator[tuple[str, Any, str | None]]:
    for title in as_list(attributes.get("titles")):
        yield "title", text_of(title, "title"), _lang(title)
    for creator in as_list(attributes.get("creators")):
        yield "creator", _name(creator), None
    yield "publisher", text_of(attributes.get("publisher"), "name"), None
    yield "date", attributes.get("publicationYear"), None
    for date in as_list(attributes.get("dates")):
        if isinstance(date, dict) and _clean(date.get("date")):
            kind = _clean(date.get("dateType"))
            yield "date", f"{kind}: {date['date']}" if kind else date["date"], None
    own = f"doi:{doi.lower()}"
    yield "identifier", own, None
    for identifier in as_list(attributes.get("identifiers")):
        typed = _typed(identifier, "identifier", "identifierType")
        if typed != own:  # (DataCite's REST form lists the DOI itself among them)
            yield "identifier", typed, None
    for related in as_list(attributes.get("relatedIdentifiers")):
        yield "relation", _typed(related, "relatedIdentifier", "relatedIdentifierType"), None
    for subject in as_list(attributes.get("subjects")):
        yield "subject", text_of(subject, "subject"), _lang(subject)
    for description in as_list(attributes.get("descriptions")):
        text = text_of(description, "description")
        if isinstance(description, dict) and isinstance(description.get("description"), list):
            text = " ".join(str(part) for part in description["description"] if part)
        yield "description", text, _lang(description)
    for contributor in as_list(attributes.get("contributors")):
        yield "contributor", _name(contributor), None
    yield "language", attributes.get("language"), None
    types = attributes.get("types")
    if isinstance(types, dict):
        yield "type", types.get("resourceTypeGeneral"), None
        yield "type", types.get("resourceType"), None
    for value in [*as_list(attributes.get("formats")), *as_list(attributes.get("sizes"))]:
        yield "format", value, None
    for rights in as_list(attributes.get("rightsList")):
        yield "rights", text_of(rights, "rights"), _lang(rights)
        yield "rights", text_of(rights, "rightsUri"), None
    for location in as_list(attributes.get("geoLocations")):
        for coverage in _coverage(location):
            yield "coverage", coverage, None


def dublin_core_values(doi: str, attributes: Mapping[str, Any]) -> list[DcValue]:
    """The Dublin Core values of a record, in the order they are written."""
    values: list[DcValue] = []
    for element, raw, lang in _raw_values(doi, attributes):
        text = _clean(raw)
        if text is not None:
            values.append((element, text, lang))
    return values


def dublin_core(doi: str, attributes: Mapping[str, Any]) -> etree._Element:
    """The ``oai_dc:dc`` element of a record."""
    root = etree.Element(
        f"{{{OAI_DC_NAMESPACE}}}dc",
        nsmap={"oai_dc": OAI_DC_NAMESPACE, "dc": DC_NAMESPACE, "xsi": XSI_NAMESPACE},
    )
    root.set(f"{{{XSI_NAMESPACE}}}schemaLocation", SCHEMA_LOCATION)
    for element, text, lang in dublin_core_values(doi, attributes):
        child = etree.SubElement(root, f"{{{DC_NAMESPACE}}}{element}")
        child.text = text
        if lang is not None:
            child.set(_XML_LANG, lang)
    return root
