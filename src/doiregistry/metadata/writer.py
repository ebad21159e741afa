"""Write DataCite kernel-4 XML (schema version 4.7) from REST API attributes.

:func:`attributes_to_xml` takes the JSON ``attributes`` of a DOI in the REST
form (spec §5.2; camelCase keys, ``publisher`` and affiliations as strings or
objects) and returns pretty-printed UTF-8 XML with an XML declaration, the
elements in the order the XSD declares them.

Whatever the input, the writer never emits a value the kernel-4.7 XSD
rejects: optional parts that cannot be expressed validly (an unknown
``dateType``, an out-of-range coordinate, a malformed URI, ...) are left
out. The mandatory wrappers ``identifier``, ``creators``, ``titles``,
``publisher`` and ``publicationYear`` are always written, empty when the
attributes lack them, so that validating the result names the missing
property exactly as DataCite does (``creators``, ``publication_year``, ...);
``resourceType`` is written only with a valid ``resourceTypeGeneral``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from lxml import etree

from doiregistry.metadata.doi import strip_resolver
from doiregistry.metadata.schema_files import KERNEL_4_NAMESPACE, LATEST_KERNEL_4
from doiregistry.metadata.validation_select import XSI_NAMESPACE
from doiregistry.metadata.write_geo import write_geo_locations
from doiregistry.metadata.write_people import write_contributors, write_creators
from doiregistry.metadata.write_related import write_related_identifiers, write_related_items
from doiregistry.metadata.write_titles import XML_LANG, write_titles
from doiregistry.metadata.write_values import (
    any_uri,
    as_list,
    as_mapping,
    clean_text,
    controlled,
    language,
    nonempty,
    text_of,
    year,
)

NS = KERNEL_4_NAMESPACE
#: ``xsi:schemaLocation`` of every document the writer produces.
SCHEMA_LOCATION = (
    f"{KERNEL_4_NAMESPACE} http://schema.datacite.org/meta/kernel-{LATEST_KERNEL_4}/metadata.xsd"
)


def _tag(name: str) -> str:
    return f"{{{NS}}}{name}"


def _set(element: etree._Element, name: str, value: str | None) -> None:
    if value is not None:
        element.set(name, value)


def _doi_text(attrs: Mapping[str, Any], doi: str | None) -> str:
    value = doi if doi is not None else attrs.get("doi")
    text = clean_text(value)
    return strip_resolver(text).upper() if text else ""


def _write_identifier(root: etree._Element, doi: str) -> None:
    element = etree.SubElement(root, _tag("identifier"))
    element.text = doi
    element.set("identifierType", "DOI")


def _write_publisher(root: etree._Element, value: Any) -> None:
    element = etree.SubElement(root, _tag("publisher"))
    publisher = as_mapping(value, "name")
    if publisher is None:
        return
    element.text = nonempty(publisher.get("name"))
    _set(element, "publisherIdentifier", clean_text(publisher.get("publisherIdentifier")))
    _set(
        element,
        "publisherIdentifierScheme",
        clean_text(publisher.get("publisherIdentifierScheme")),
    )
    _set(element, "schemeURI", any_uri(text_of(publisher, "schemeUri", "schemeURI")))
    _set(element, XML_LANG, language(publisher.get("lang")))


def _write_resource_type(root: etree._Element, types: Any) -> None:
    if not isinstance(types, Mapping):
        return
    general = controlled(types.get("resourceTypeGeneral"), "resourceType")
    if general is None:
        return
    element = etree.SubElement(root, _tag("resourceType"))
    element.text = clean_text(types.get("resourceType"))
    element.set("resourceTypeGeneral", general)


def _write_subjects(root: etree._Element, subjects: Any) -> None:
    wrapper = etree.Element(_tag("subjects"))
    for item in as_list(subjects):
        subject = as_mapping(item, "subject")
        if not subject:
            continue
        element = etree.SubElement(wrapper, _tag("subject"))
        element.text = clean_text(subject.get("subject"))  # may be empty (xs:string)
        _set(element, "subjectScheme", clean_text(subject.get("subjectScheme")))
        _set(element, "schemeURI", any_uri(text_of(subject, "schemeUri", "schemeURI")))
        _set(element, "valueURI", any_uri(text_of(subject, "valueUri", "valueURI")))
        _set(element, "classificationCode", any_uri(subject.get("classificationCode")))
        _set(element, XML_LANG, language(subject.get("lang")))
    if len(wrapper):
        root.append(wrapper)


def _write_dates(root: etree._Element, dates: Any) -> None:
    wrapper = etree.Element(_tag("dates"))
    for item in as_list(dates):
        date = as_mapping(item, "date")
        text = clean_text(date.get("date")) if date is not None else None
        if date is None or text is None:
            continue
        # DataCite defaults a missing dateType to Issued; an unknown one cannot be written.
        raw_type = date.get("dateType")
        date_type = "Issued" if raw_type is None else controlled(raw_type, "dateType")
        if date_type is None:
            continue
        element = etree.SubElement(wrapper, _tag("date"))
        element.text = text
        element.set("dateType", date_type)
        _set(element, "dateInformation", clean_text(date.get("dateInformation")))
    if len(wrapper):
        root.append(wrapper)


def _alternate_identifiers(attrs: Mapping[str, Any]) -> list[tuple[str, str]]:
    """``(identifier, type)`` pairs from ``identifiers``, else ``alternateIdentifiers``."""
    pairs: list[tuple[str, str]] = []
    if attrs.get("identifiers") is not None:
        items, value_key, type_key = attrs["identifiers"], "identifier", "identifierType"
    else:
        items = attrs.get("alternateIdentifiers")
        value_key, type_key = "alternateIdentifier", "alternateIdentifierType"
    for item in as_list(items):
        if not isinstance(item, Mapping):
            continue
        value = clean_text(item.get(value_key))
        kind = clean_text(item.get(type_key))
        if value is not None and kind is not None:
            pairs.append((value, kind))
    return pairs


def _write_alternate_identifiers(root: etree._Element, attrs: Mapping[str, Any], doi: str) -> None:
    pairs = [
        (value, kind)
        for value, kind in _alternate_identifiers(attrs)
        # The DOI itself is the <identifier>, not an alternate one.
        if not (kind.upper() == "DOI" and doi and strip_resolver(value).upper() == doi)
    ]
    if not pairs:
        return
    wrapper = etree.SubElement(root, _tag("alternateIdentifiers"))
    for value, kind in pairs:
        element = etree.SubElement(wrapper, _tag("alternateIdentifier"))
        element.text = value
        element.set("alternateIdentifierType", kind)


def _write_strings(root: etree._Element, wrapper_name: str, name: str, values: Any) -> None:
    texts = [text for text in (clean_text(value) for value in as_list(values)) if text is not None]
    if not texts:
        return
    wrapper = etree.SubElement(root, _tag(wrapper_name))
    for text in texts:
        etree.SubElement(wrapper, _tag(name)).text = text


def _write_rights_list(root: etree._Element, rights_list: Any) -> None:
    wrapper = etree.Element(_tag("rightsList"))
    for item in as_list(rights_list):
        rights = as_mapping(item, "rights")
        if rights is None:
            continue
        element = etree.SubElement(wrapper, _tag("rights"))
        element.text = clean_text(rights.get("rights"))
        _set(element, "rightsURI", any_uri(text_of(rights, "rightsUri", "rightsURI")))
        _set(element, "rightsIdentifier", clean_text(rights.get("rightsIdentifier")))
        _set(element, "rightsIdentifierScheme", clean_text(rights.get("rightsIdentifierScheme")))
        _set(element, "schemeURI", any_uri(text_of(rights, "schemeUri", "schemeURI")))
        _set(element, XML_LANG, language(rights.get("lang")))
    if len(wrapper):
        root.append(wrapper)


def _write_descriptions(root: etree._Element, descriptions: Any) -> None:
    wrapper = etree.Element(_tag("descriptions"))
    for item in as_list(descriptions):
        description = as_mapping(item, "description")
        if not description:
            continue
        # A description without a type is an abstract (DataCite's default).
        raw_type = description.get("descriptionType")
        kind = "Abstract" if raw_type is None else controlled(raw_type, "descriptionType")
        if kind is None:
            continue
        element = etree.SubElement(wrapper, _tag("description"))
        element.text = clean_text(description.get("description"))  # may be empty
        element.set("descriptionType", kind)
        _set(element, XML_LANG, language(description.get("lang")))
    if len(wrapper):
        root.append(wrapper)


def _write_funding_references(root: etree._Element, funding: Any) -> None:
    wrapper = etree.Element(_tag("fundingReferences"))
    for item in as_list(funding):
        if not isinstance(item, Mapping):
            continue
        funder_name = nonempty(item.get("funderName"))
        if funder_name is None:
            continue  # required by the XSD
        reference = etree.SubElement(wrapper, _tag("fundingReference"))
        etree.SubElement(reference, _tag("funderName")).text = funder_name
        identifier = clean_text(item.get("funderIdentifier"))
        identifier_type = controlled(item.get("funderIdentifierType"), "funderIdentifierType")
        if identifier is not None and identifier_type is not None:
            element = etree.SubElement(reference, _tag("funderIdentifier"))
            element.text = identifier
            element.set("funderIdentifierType", identifier_type)
            _set(element, "schemeURI", any_uri(text_of(item, "schemeUri", "schemeURI")))
        award_number = clean_text(item.get("awardNumber"))
        award_uri = any_uri(text_of(item, "awardUri", "awardURI"))
        if award_number is not None or award_uri is not None:
            element = etree.SubElement(reference, _tag("awardNumber"))
            element.text = award_number
            _set(element, "awardURI", award_uri)
        award_title = nonempty(item.get("awardTitle"))
        if award_title is not None:
            etree.SubElement(reference, _tag("awardTitle")).text = award_title
    if len(wrapper):
        root.append(wrapper)


def build_resource(attrs: Mapping[str, Any], *, doi: str | None = None) -> etree._Element:
    """The ``<resource>`` element tree for ``attrs`` (see :func:`attributes_to_xml`)."""
    # The default namespace is keyed by None, which the lxml stubs do not allow for.
    nsmap = cast(dict[str, str], {None: NS, "xsi": XSI_NAMESPACE})
    root = etree.Element(_tag("resource"), nsmap=nsmap)
    root.set(f"{{{XSI_NAMESPACE}}}schemaLocation", SCHEMA_LOCATION)
    doi_text = _doi_text(attrs, doi)
    _write_identifier(root, doi_text)
    write_creators(root, NS, attrs.get("creators"))
    write_titles(root, NS, attrs.get("titles"))
    _write_publisher(root, attrs.get("publisher"))
    etree.SubElement(root, _tag("publicationYear")).text = year(attrs.get("publicationYear"))
    _write_resource_type(root, attrs.get("types"))
    _write_subjects(root, attrs.get("subjects"))
    write_contributors(root, NS, attrs.get("contributors"))
    _write_dates(root, attrs.get("dates"))
    lang = language(attrs.get("language"))
    if lang is not None:
        etree.SubElement(root, _tag("language")).text = lang
    _write_alternate_identifiers(root, attrs, doi_text)
    write_related_identifiers(root, NS, attrs.get("relatedIdentifiers"))
    _write_strings(root, "sizes", "size", attrs.get("sizes"))
    _write_strings(root, "formats", "format", attrs.get("formats"))
    version = nonempty(attrs.get("version"))
    if version is not None:
        etree.SubElement(root, _tag("version")).text = version
    _write_rights_list(root, attrs.get("rightsList"))
    _write_descriptions(root, attrs.get("descriptions"))
    write_geo_locations(root, NS, attrs.get("geoLocations"))
    _write_funding_references(root, attrs.get("fundingReferences"))
    write_related_items(root, NS, attrs.get("relatedItems"))
    return root


def attributes_to_xml(attrs: dict[str, Any], *, doi: str | None = None) -> bytes:
    """DataCite kernel-4 XML for REST API attributes.

    ``doi`` overrides ``attrs["doi"]``; it is written upper-case in
    ``<identifier identifierType="DOI">`` as DataCite stores it. Returns
    pretty-printed UTF-8 bytes with an XML declaration.
    """
    root = build_resource(attrs, doi=doi)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
