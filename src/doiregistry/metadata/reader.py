"""Reading DataCite XML into the REST API's JSON ``attributes``.

:func:`xml_to_attributes` accepts kernel-2.2, kernel-3 and kernel-4.0…4.7
documents in UTF-8 or UTF-16, with or without byte-order mark, with the
DataCite namespace as default or as a prefix (``<datacite:resource>``), and
also with no or an unexpected namespace, as DataCite's own reader does:
elements are found by local name. Parsing goes through
:func:`doiregistry.metadata.xml_parse.parse_xml` only.

The result is the *canonical* attribute form: every property DataCite
returns, with DataCite's names, nesting and value forms, affiliations and
the publisher as objects, and the normalisation DataCite applies on save
(:func:`doiregistry.metadata.normalize.normalize_attributes`) already
applied. :mod:`doiregistry.metadata.presentation` turns it into the REST
default output.

Field rules follow DataCite's reader: free text (titles, descriptions,
subjects, dates, sizes, formats) is scrubbed to a few inline HTML tags and
squished; ``resourceType``, ``version``, rights and funding texts are kept as
written; the publisher, publication year and language are trimmed.
"""

from __future__ import annotations

import re
from typing import Any

from doiregistry.metadata.errors import MetadataFormatError
from doiregistry.metadata.normalize import normalize_attributes
from doiregistry.metadata.read_dates import read_dates
from doiregistry.metadata.read_geo import read_geo_locations
from doiregistry.metadata.read_identifiers import identifier_type, validate_doi
from doiregistry.metadata.read_names import read_contributors, read_creators
from doiregistry.metadata.read_related import (
    read_container,
    read_funding_references,
    read_related_identifiers,
    read_related_items,
    read_titles,
)
from doiregistry.metadata.read_text import sanitize
from doiregistry.metadata.read_tree import (
    Element,
    attr,
    child,
    children,
    is_blank,
    local_name,
    nested,
    own_text,
    text_or_none,
)
from doiregistry.metadata.resource_types import build_types
from doiregistry.metadata.xml_parse import parse_xml

#: Namespace URIs of DataCite metadata start with this.
DATACITE_NAMESPACE_PREFIX = "http://datacite.org/schema/kernel"
#: ``schemaVersion`` used when the document declares no DataCite namespace.
DEFAULT_SCHEMA_VERSION = "http://datacite.org/schema/kernel-4"


def _compact(mapping: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in mapping.items() if value is not None}


def find_resource(root: Element) -> Element:
    """The ``resource`` element: the root, or the first one inside a wrapper."""
    if local_name(root) == "resource":
        return root
    for element in root.iter():
        if local_name(element) == "resource":
            return element
    raise MetadataFormatError(
        f"Not DataCite XML: no <resource> element (root element is <{local_name(root)}>)"
    )


def schema_version(root: Element) -> str:
    """The first DataCite namespace declared in the document, else kernel-4."""
    for element in root.iter():
        for uri in element.nsmap.values():
            if uri and uri.startswith(DATACITE_NAMESPACE_PREFIX):
                return uri
    return DEFAULT_SCHEMA_VERSION


def _stripped(element: Element | None) -> str | None:
    text = text_or_none(element)
    return text.strip() if text is not None else None


def read_doi(resource: Element) -> str | None:
    """The lower-case DOI of ``<identifier>``, if it holds one."""
    return validate_doi(_stripped(child(resource, "identifier")))


def read_identifiers(resource: Element) -> list[dict[str, Any]]:
    """``alternateIdentifiers`` as ``{identifier, identifierType}``."""
    result = []
    for element in nested(resource, "alternateIdentifiers", "alternateIdentifier"):
        value = text_or_none(element)
        if value is None:
            continue
        result.append(
            _compact(
                {
                    "identifierType": identifier_type(attr(element, "alternateIdentifierType")),
                    "identifier": value,
                }
            )
        )
    return result


def read_publisher(resource: Element) -> dict[str, Any] | None:
    """The first non-empty ``publisher`` as a publisher object."""
    for element in children(resource, "publisher"):
        if is_blank(element):
            continue
        name = own_text(element).strip()
        return _compact(
            {
                "name": name or None,
                "publisherIdentifier": attr(element, "publisherIdentifier"),
                "publisherIdentifierScheme": attr(element, "publisherIdentifierScheme"),
                "schemeUri": attr(element, "schemeURI"),
                "lang": attr(element, "lang"),
            }
        )
    return None


def read_publication_year(text: str | None) -> int | None:
    """The year as an integer (its leading digits), as DataCite stores it."""
    if text is None:
        return None
    match = re.match(r"\s*([+-]?\d+)", text)
    return int(match.group(1)) if match else None


def read_types(resource: Element) -> dict[str, Any]:
    """``types`` from ``resourceType`` with the derived vocabularies."""
    element = child(resource, "resourceType")
    general = attr(element, "resourceTypeGeneral")
    specific = text_or_none(element)
    return build_types(general, specific)


def read_descriptions(resource: Element) -> list[dict[str, Any]]:
    """Every ``descriptions/description``; without a type it is an ``Abstract``."""
    result = []
    for element in nested(resource, "descriptions", "description"):
        if is_blank(element):
            continue
        text = own_text(element)
        description = sanitize(text) if text.strip() else None
        if not element.attrib:
            result.append({"description": description, "descriptionType": "Abstract"})
            continue
        result.append(
            _compact(
                {
                    "description": description,
                    "descriptionType": attr(element, "descriptionType"),
                    "lang": attr(element, "lang"),
                }
            )
        )
    return result


def read_rights_list(resource: Element) -> list[dict[str, Any]]:
    """Every ``rightsList/rights`` with its attributes (SPDX matching follows)."""
    result = []
    for element in nested(resource, "rightsList", "rights"):
        if is_blank(element):
            continue
        text = own_text(element)
        result.append(
            _compact(
                {
                    "rights": text if text.strip() else None,
                    "rightsUri": attr(element, "rightsURI"),
                    "rightsIdentifier": attr(element, "rightsIdentifier"),
                    "rightsIdentifierScheme": attr(element, "rightsIdentifierScheme"),
                    "schemeUri": attr(element, "schemeURI"),
                    "lang": attr(element, "lang"),
                }
            )
        )
    return result


def read_subjects(resource: Element) -> list[dict[str, Any]]:
    """Every ``subjects/subject`` (FOS subjects are added by normalisation)."""
    result = []
    for element in nested(resource, "subjects", "subject"):
        if is_blank(element):
            continue
        text = own_text(element)
        result.append(
            _compact(
                {
                    "subject": sanitize(text) if text.strip() else None,
                    "subjectScheme": attr(element, "subjectScheme"),
                    "schemeUri": attr(element, "schemeURI"),
                    "valueUri": attr(element, "valueURI"),
                    "classificationCode": attr(element, "classificationCode"),
                    "lang": attr(element, "lang"),
                }
            )
        )
    return result


def _text_list(resource: Element, wrapper: str, name: str) -> list[str]:
    """Cleaned-up texts of ``wrapper/name`` elements (``sizes/size``…), empty ones left out."""
    values = (sanitize(own_text(element)) for element in nested(resource, wrapper, name))
    return [value for value in values if value]


def read_resource(resource: Element, version: str) -> dict[str, Any]:
    """Attributes of a ``resource`` element, before save-time normalisation."""
    publication_year_text = text_or_none(child(resource, "publicationYear"))
    types = read_types(resource)
    language = _stripped(child(resource, "language"))
    return {
        "doi": read_doi(resource),
        "identifiers": read_identifiers(resource),
        "creators": read_creators(resource),
        "titles": read_titles(resource),
        "publisher": read_publisher(resource),
        "container": read_container(resource, types.get("resourceTypeGeneral")),
        "publicationYear": read_publication_year(publication_year_text),
        "subjects": read_subjects(resource),
        "contributors": read_contributors(resource),
        "dates": read_dates(resource, publication_year_text),
        "language": language or None,
        "types": types,
        "relatedIdentifiers": read_related_identifiers(resource),
        "relatedItems": read_related_items(resource),
        "sizes": _text_list(resource, "sizes", "size"),
        "formats": _text_list(resource, "formats", "format"),
        "version": text_or_none(child(resource, "version")),
        "rightsList": read_rights_list(resource),
        "descriptions": read_descriptions(resource),
        "geoLocations": read_geo_locations(resource),
        "fundingReferences": read_funding_references(resource),
        "schemaVersion": version,
    }


def xml_to_attributes(data: bytes | str) -> dict[str, Any]:
    """Read a DataCite XML document into canonical REST ``attributes``.

    Raises :class:`~doiregistry.metadata.errors.MetadataParseError` for
    input that is not well-formed XML and
    :class:`~doiregistry.metadata.errors.MetadataFormatError` for XML without
    a DataCite ``resource`` element.
    """
    root = parse_xml(data)
    resource = find_resource(root)
    return normalize_attributes(read_resource(resource, schema_version(root)))
