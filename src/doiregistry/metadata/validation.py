"""XSD validation of DataCite XML, reported the way DataCite reports it.

:func:`validate_xml` checks a document against the XSD its namespace and
``xsi:schemaLocation`` select (see :mod:`~doiregistry.metadata.validation_select`)
and returns *every* problem as a :class:`ValidationIssue`; it never raises on
bad input. :func:`registration_issues` applies the stricter rule DataCite uses
when a DOI becomes registered or findable (spec §5.5): kernel-2.x/3.x metadata
is no longer supported, and kernel-4 metadata must be valid against the
current kernel-4 XSD.

Each issue carries the REST attribute it is about (``source``), worked out
from the element libxml2 names in its message, and a ``title`` in DataCite's
format: ``"DOI <doi>: <message> at line L, column C"``. A value outside an XSD
enumeration, or a year that is not one, is worded by
:mod:`~doiregistry.metadata.value_messages` (the value and the allowed ones)
rather than by libxml2's facet message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from lxml import etree

from doiregistry.metadata.errors import MetadataParseError
from doiregistry.metadata.schema_files import LATEST_KERNEL_4, SchemaError, kernel_schema
from doiregistry.metadata.validation_select import (
    choose_schema,
    is_retired_namespace,
    root_namespace,
)
from doiregistry.metadata.value_messages import readable_schema_message
from doiregistry.metadata.xml_parse import parse_xml

#: XML element name → REST attribute reported as ``source`` (lupo's mapping,
#: plus ``relatedItems``); elements not listed map to themselves.
ELEMENT_SOURCES: dict[str, str] = {
    "date": "dates",
    "publicationYear": "publication_year",
    "alternateIdentifiers": "identifiers",
    "relatedIdentifiers": "related_identifiers",
    "relatedItems": "related_items",
    "geoLocations": "geo_locations",
    "rightsList": "rights_list",
    "fundingReferences": "funding_references",
    "version": "version_info",
    "resource": "xml",
}

_ELEMENT_PREFIX = re.compile(r"^Element '(?:\{[^}]*\})?([^']+)'")


class IssueKind(StrEnum):
    """What sort of problem an issue reports."""

    #: The document breaks a rule of its XSD.
    SCHEMA = "schema"
    #: The document is not well-formed XML (or cannot be decoded).
    SYNTAX = "syntax"
    #: No XSD applies: the document cannot be validated, or its schema is retired.
    UNSUPPORTED = "unsupported"


@dataclass(frozen=True, slots=True)
class ValidationIssue:
    """One problem found in a metadata document."""

    #: REST attribute the problem is about (``creators``, ``dates``, ``xml``, ...).
    source: str
    #: Local name of the XML element libxml2 reported, if any.
    element: str | None
    line: int | None
    column: int | None
    #: The message as libxml2 (or the parser) produced it.
    message: str
    #: DataCite-style error title, e.g. ``"DOI 10.5072/x: Missing child ... at line 4, column 0"``.
    title: str
    kind: IssueKind = IssueKind.SCHEMA

    def as_error(self) -> dict[str, str]:
        """The ``{"source", "title"}`` pair of a DataCite 422 error object."""
        return {"source": self.source, "title": self.title}


def source_for_element(element: str | None) -> str:
    """REST attribute an XML element maps to (spec §5.5); ``xml`` when unknown."""
    if not element:
        return "xml"
    return ELEMENT_SOURCES.get(element, element)


def _position(line: int | None, column: int | None) -> str:
    return f" at line {line}, column {column}" if line is not None and column is not None else ""


def with_doi(doi: str | None, text: str) -> str:
    """``DOI <doi>: <text>``, the form of DataCite's schema error titles (``text`` when no DOI)."""
    return f"DOI {doi}: {text}" if doi else text


def _document_doi(root: etree._Element) -> str | None:
    namespace = root_namespace(root)
    tag = f"{{{namespace}}}identifier" if namespace else "identifier"
    for child in root.iterchildren(tag):
        if (child.get("identifierType") or "").upper() == "DOI":
            text = (child.text or "").strip()
            return text or None
    return None


def _known_doi(doi: str | None, root: etree._Element | None) -> str | None:
    value = doi.strip() if doi else None
    if not value and root is not None:
        value = _document_doi(root)
    return value.lower() if value else None


def _syntax_issue(error: MetadataParseError) -> ValidationIssue:
    return ValidationIssue(
        source="xml",
        element=None,
        line=error.line,
        column=error.column,
        message=error.message,
        title=error.message + _position(error.line, error.column),
        kind=IssueKind.SYNTAX,
    )


def _schema_issue(error: SchemaError, doi: str | None, version: str) -> ValidationIssue:
    message = error.message.strip()
    match = _ELEMENT_PREFIX.match(message)
    element = match.group(1) if match else None
    # DataCite's title drops the "Element '...'" (and attribute) prefix.
    text = readable_schema_message(message, version) or (
        message.split(": ", 1)[1] if match and ": " in message else message
    )
    return ValidationIssue(
        source=source_for_element(element),
        element=element,
        line=error.line,
        column=error.column,
        message=message,
        title=with_doi(doi, text + _position(error.line, error.column)),
    )


def _unsupported_issue(root: etree._Element, doi: str | None, text: str) -> ValidationIssue:
    return ValidationIssue(
        source="xml",
        element=etree.QName(root).localname,
        line=None,
        column=None,
        message=text,
        title=with_doi(doi, text),
        kind=IssueKind.UNSUPPORTED,
    )


def _parse(data: bytes | str) -> etree._Element | ValidationIssue:
    try:
        return parse_xml(data)
    except MetadataParseError as error:
        return _syntax_issue(error)


def _check(root: etree._Element, version: str, doi: str | None) -> list[ValidationIssue]:
    return [_schema_issue(error, doi, version) for error in kernel_schema(version).errors(root)]


def validate_element(root: etree._Element, *, doi: str | None = None) -> list[ValidationIssue]:
    """Validate an already parsed document (parsed with :func:`parse_xml`).

    See :func:`validate_xml`.
    """
    known = _known_doi(doi, root)
    choice = choose_schema(root)
    if choice.version is None:
        if choice.namespace is None:
            text = "The document has no XML namespace, so no DataCite XSD applies"
        else:
            text = f"No XSD is available for schema {choice.namespace}"
        text += "; it cannot be validated"
        return [_unsupported_issue(root, known, text)]
    return _check(root, choice.version, known)


def validate_xml(data: bytes | str, *, doi: str | None = None) -> list[ValidationIssue]:
    """Validate a DataCite XML document; an empty list means it is valid.

    Kernel-4 documents are checked against the kernel-4.x XSD named in their
    ``xsi:schemaLocation`` when shipped, else the latest; kernel-3 documents
    against kernel-3. For other namespaces (kernel-2.x, ...) a single
    :attr:`IssueKind.UNSUPPORTED` issue says that the document cannot be
    validated. Not-well-formed input gives one :attr:`IssueKind.SYNTAX` issue
    with source ``xml``. ``doi`` (else the document's DOI identifier) prefixes
    the titles of schema issues.
    """
    parsed = _parse(data)
    if isinstance(parsed, ValidationIssue):
        return [parsed]
    return validate_element(parsed, doi=doi)


def registration_issues(data: bytes | str, *, doi: str | None = None) -> list[ValidationIssue]:
    """Problems that stop metadata from being used for a registered/findable DOI.

    Kernel-2.x and kernel-3.x documents give one issue, source ``xml``, title
    ``"DOI <doi>: Schema <namespace> is no longer supported"``. Everything else
    must be valid against the latest kernel-4 XSD (as DataCite checks it),
    whatever version its ``xsi:schemaLocation`` names.
    """
    parsed = _parse(data)
    if isinstance(parsed, ValidationIssue):
        return [parsed]
    known = _known_doi(doi, parsed)
    namespace = root_namespace(parsed)
    if is_retired_namespace(namespace):
        return [_unsupported_issue(parsed, known, f"Schema {namespace} is no longer supported")]
    return _check(parsed, LATEST_KERNEL_4, known)
