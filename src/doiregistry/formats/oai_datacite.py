"""``datacite`` and ``oai_datacite``: the stored DataCite XML, bare or in DataCite's OAI wrapper.

The wrapper (schema ``oai-1.1``) holds the DataCite Metadata Schema version
the record is written in (``schemaVersion``: ``4.5`` when its
``xsi:schemaLocation`` names kernel-4.5, ``4`` for kernel-4 without a
version, ``3``, ``2.2`` …), the symbol of the repository that registered it
(``datacentreSymbol``) and the record itself (``payload``).

The stored XML is parsed (safely, :func:`doiregistry.metadata.xml_parse.parse_xml`)
and placed in the response tree, never pasted in as text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Final, cast

from lxml import etree

from doiregistry.metadata.schema_files import KERNEL_3_NAMESPACE, KERNEL_4_NAMESPACE
from doiregistry.metadata.validation_select import declared_kernel_4_version
from doiregistry.metadata.writer import build_resource
from doiregistry.metadata.xml_parse import parse_xml

OAI_DATACITE_NAMESPACE: Final = "http://schema.datacite.org/oai/oai-1.1/"
XSI_NAMESPACE: Final = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION: Final = f"{OAI_DATACITE_NAMESPACE} http://schema.datacite.org/oai/oai-1.1/oai.xsd"
_SCHEMA_LOCATION_ATTRIBUTE: Final = f"{{{XSI_NAMESPACE}}}schemaLocation"
_VERSIONED_NAMESPACE: Final = re.compile(r"^http://datacite\.org/schema/kernel-(\d+(?:\.\d+)*)$")
_KERNEL_3_LOCATION: Final = re.compile(r"/kernel-(3(?:\.\d+)*)/")


def stored_resource(
    xml: str | None, doi: str, attributes: Mapping[str, Any] | None = None
) -> etree._Element:
    """The stored DataCite XML as an element (written from ``attributes`` if none is stored)."""
    if xml:
        return parse_xml(xml)
    return build_resource(attributes or {}, doi=doi)


def schema_version(resource: etree._Element) -> str:
    """The DataCite Metadata Schema version a ``resource`` element is written in."""
    namespace = etree.QName(resource).namespace or ""
    if namespace == KERNEL_4_NAMESPACE:
        return declared_kernel_4_version(resource) or "4"
    if namespace == KERNEL_3_NAMESPACE:
        match = _KERNEL_3_LOCATION.search(resource.get(_SCHEMA_LOCATION_ATTRIBUTE) or "")
        return match.group(1) if match else "3"
    versioned = _VERSIONED_NAMESPACE.match(namespace)
    return versioned.group(1) if versioned else "unknown"


def oai_datacite(resource: etree._Element, repository_symbol: str) -> etree._Element:
    """The ``oai_datacite`` wrapper around a ``resource`` element (which it takes over)."""
    root = etree.Element(
        f"{{{OAI_DATACITE_NAMESPACE}}}oai_datacite",
        # the default namespace is keyed by None, which the lxml stubs do not allow for
        nsmap=cast(dict[str, str], {None: OAI_DATACITE_NAMESPACE, "xsi": XSI_NAMESPACE}),
    )
    root.set(_SCHEMA_LOCATION_ATTRIBUTE, SCHEMA_LOCATION)
    etree.SubElement(root, f"{{{OAI_DATACITE_NAMESPACE}}}schemaVersion").text = schema_version(
        resource
    )
    etree.SubElement(root, f"{{{OAI_DATACITE_NAMESPACE}}}datacentreSymbol").text = repository_symbol
    payload = etree.SubElement(root, f"{{{OAI_DATACITE_NAMESPACE}}}payload")
    payload.append(resource)
    return root
