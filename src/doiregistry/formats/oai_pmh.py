"""OAI-PMH 2.0 response documents, written with lxml from the service's plain values.

Every response is one ``OAI-PMH`` element: ``responseDate``, ``request``
(the base URL, with the request's arguments as attributes unless the
request was refused with ``badVerb`` or ``badArgument``) and either the
verb's element or the errors. Argument values are only repeated when the
schema allows them where they go: an identifier that is no ``anyURI`` is
left out, and a query set is written in its canonical spelling.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from datetime import datetime
from typing import Final, cast

from lxml import etree

from doiregistry.formats.oai_datacite import oai_datacite, stored_resource
from doiregistry.formats.oai_dc import dublin_core
from doiregistry.oai.dates import GRANULARITY, format_datestamp
from doiregistry.oai.errors import OaiError
from doiregistry.oai.metadata_formats import OAI_DATACITE, OAI_DC, MetadataFormat
from doiregistry.oai.results import (
    Answer,
    FormatList,
    Header,
    Identity,
    Record,
    RecordList,
    Resumption,
    SetList,
)
from doiregistry.oai.sets import SET_SPEC, parse_set

OAI_NAMESPACE: Final = "http://www.openarchives.org/OAI/2.0/"
XSI_NAMESPACE: Final = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION: Final = f"{OAI_NAMESPACE} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
# the default namespace is keyed by None, which the lxml stubs do not allow for
_NSMAP: Final = cast(dict[str, str], {None: OAI_NAMESPACE, "xsi": XSI_NAMESPACE})
_URI_CHECK: Final = etree.XMLSchema(
    etree.XML(
        b'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
        b'<xs:element name="u"><xs:complexType>'
        b'<xs:attribute name="v" type="xs:anyURI"/>'
        b"</xs:complexType></xs:element></xs:schema>"
    )
)


def _tag(name: str) -> str:
    return f"{{{OAI_NAMESPACE}}}{name}"


def _text(parent: etree._Element, name: str, text: str) -> etree._Element:
    child = etree.SubElement(parent, _tag(name))
    child.text = text
    return child


_URI_CHECK_LOCK: Final = threading.Lock()


def _is_uri(value: str) -> bool:
    probe = etree.Element("u")
    probe.set("v", value)
    with _URI_CHECK_LOCK:
        return bool(_URI_CHECK.validate(probe))


def echoed(arguments: Mapping[str, str]) -> dict[str, str]:
    """The arguments as ``<request>`` may carry them (see the module docstring)."""
    shown: dict[str, str] = {}
    for name, value in arguments.items():
        if name == "identifier" and not _is_uri(value):
            continue
        if name == "set" and SET_SPEC.fullmatch(value) is None:
            try:
                value = parse_set(value).canonical
            except OaiError:
                continue
        shown[name] = value
    return shown


def _envelope(
    base_url: str, verb: str | None, arguments: Mapping[str, str] | None, now: datetime
) -> etree._Element:
    root = etree.Element(_tag("OAI-PMH"), nsmap=_NSMAP)
    root.set(f"{{{XSI_NAMESPACE}}}schemaLocation", SCHEMA_LOCATION)
    _text(root, "responseDate", format_datestamp(now))
    request = _text(root, "request", base_url)
    if arguments is not None and verb is not None:
        request.set("verb", verb)
        for name, value in echoed(arguments).items():
            request.set(name, value)
    return root


def _serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def error_document(
    error: OaiError,
    *,
    base_url: str,
    verb: str | None,
    arguments: Mapping[str, str],
    now: datetime,
) -> bytes:
    """The response to a request that failed with a protocol error."""
    root = _envelope(base_url, verb, arguments if error.echoes_request else None, now)
    _text(root, "error", error.message).set("code", error.code)
    return _serialise(root)


def _identify(parent: etree._Element, identity: Identity, base_url: str) -> None:
    element = etree.SubElement(parent, _tag("Identify"))
    _text(element, "repositoryName", identity.repository_name)
    _text(element, "baseURL", base_url)
    _text(element, "protocolVersion", "2.0")
    for email in identity.admin_emails:
        _text(element, "adminEmail", email)
    _text(element, "earliestDatestamp", format_datestamp(identity.earliest_datestamp))
    _text(element, "deletedRecord", "persistent")
    _text(element, "granularity", GRANULARITY)
    _text(element, "compression", "gzip")


def _formats(parent: etree._Element, answer: FormatList) -> None:
    element = etree.SubElement(parent, _tag("ListMetadataFormats"))
    for item in answer.formats:
        entry = etree.SubElement(element, _tag("metadataFormat"))
        _text(entry, "metadataPrefix", item.prefix)
        _text(entry, "schema", item.schema)
        _text(entry, "metadataNamespace", item.namespace)


def _resumption(parent: etree._Element, resumption: Resumption | None) -> None:
    if resumption is None:
        return
    element = etree.SubElement(parent, _tag("resumptionToken"))
    element.set("completeListSize", str(resumption.complete_list_size))
    element.set("cursor", str(resumption.cursor))
    if resumption.token:
        element.text = resumption.token


def _sets(parent: etree._Element, answer: SetList) -> None:
    element = etree.SubElement(parent, _tag("ListSets"))
    for item in answer.sets:
        entry = etree.SubElement(element, _tag("set"))
        _text(entry, "setSpec", item.spec)
        _text(entry, "setName", item.name)
    _resumption(element, answer.resumption)


def _header(parent: etree._Element, header: Header) -> None:
    element = etree.SubElement(parent, _tag("header"))
    if header.deleted:
        element.set("status", "deleted")
    _text(element, "identifier", header.identifier)
    _text(element, "datestamp", format_datestamp(header.datestamp))
    for spec in header.set_specs:
        _text(element, "setSpec", spec)


def metadata_of(record: Record, metadata_format: MetadataFormat) -> etree._Element:
    """The metadata of a (not deleted) record in a format."""
    if metadata_format is OAI_DC:
        return dublin_core(record.doi, record.attributes or {})
    resource = stored_resource(record.xml, record.doi, record.attributes)
    if metadata_format is OAI_DATACITE:
        return oai_datacite(resource, record.repository_symbol)
    return resource


def _record(parent: etree._Element, record: Record, metadata_format: MetadataFormat) -> None:
    element = etree.SubElement(parent, _tag("record"))
    _header(element, record.header)
    if not record.header.deleted:
        etree.SubElement(element, _tag("metadata")).append(metadata_of(record, metadata_format))


def _records(parent: etree._Element, verb: str, answer: RecordList) -> None:
    element = etree.SubElement(parent, _tag(verb))
    if verb == "ListIdentifiers":
        for record in answer.records:
            _header(element, record.header)
    else:
        for record in answer.records:
            _record(element, record, answer.metadata_format)
    _resumption(element, answer.resumption)


def answer_document(
    answer: Answer,
    *,
    base_url: str,
    verb: str,
    arguments: Mapping[str, str],
    now: datetime,
) -> bytes:
    """The response to a request the service answered."""
    root = _envelope(base_url, verb, arguments, now)
    if isinstance(answer, Identity):
        _identify(root, answer, base_url)
    elif isinstance(answer, FormatList):
        _formats(root, answer)
    elif isinstance(answer, SetList):
        _sets(root, answer)
    elif isinstance(answer, RecordList):
        _records(root, verb, answer)
    else:
        element = etree.SubElement(root, _tag("GetRecord"))
        _record(element, answer.record, answer.metadata_format)
    return _serialise(root)
