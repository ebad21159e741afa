"""Merging a write's XML and JSON attributes with the stored metadata (spec §5.3).

For each metadata attribute the JSON value wins when present and non-null; a
JSON ``null`` falls back to the XML of the same request; ``[]``/``{}`` clear
the field; attributes not mentioned keep their stored value. DataCite XML sent
on its own is stored verbatim (with its identifier set to the DOI); any JSON
metadata or an explicit ``schemaVersion`` regenerates kernel-4 XML from the
merged attributes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson
from lxml import etree

from doiregistry.domain.errors import FieldError
from doiregistry.metadata.errors import MetadataError, MetadataParseError
from doiregistry.metadata.normalize import normalize_attributes
from doiregistry.metadata.reader import xml_to_attributes
from doiregistry.metadata.writer import attributes_to_xml
from doiregistry.metadata.xml_parse import parse_xml
from doiregistry.registry.dois.attribute_reader import metadata_value
from doiregistry.registry.dois.payload import METADATA_KEYS, DoiPayload

KERNEL_4 = "http://datacite.org/schema/kernel-4"


@dataclass
class StoredMetadata:
    attributes: dict[str, Any]
    xml: str | None
    schema_version: str | None


@dataclass
class ResolvedMetadata:
    """The metadata to store after a write."""

    attributes: dict[str, Any]
    xml: str | None
    schema_version: str | None
    xml_changed: bool
    errors: list[FieldError]


def _position(error: MetadataParseError) -> str:
    return f" at line {error.line}, column {error.column}" if error.line is not None else ""


def _read_sent_metadata(
    data: bytes, errors: list[FieldError]
) -> tuple[dict[str, Any] | None, etree._Element | None]:
    """Attributes from the ``xml`` attribute: DataCite XML, or DataCite JSON."""
    if data.lstrip()[:1] in (b"{", b"["):
        try:
            document = orjson.loads(data)
        except orjson.JSONDecodeError as exc:
            errors.append(FieldError("xml", f"Metadata JSON is not valid: {exc}"))
            return None, None
        if not isinstance(document, dict):
            errors.append(FieldError("xml", "Metadata JSON must be an object"))
            return None, None
        wrapper = document.get("data")
        attributes = wrapper.get("attributes", document) if isinstance(wrapper, dict) else document
        if not isinstance(attributes, dict):
            errors.append(FieldError("xml", "Metadata JSON attributes must be an object"))
            return None, None
        return (
            {k: metadata_value(k, attributes[k], errors) for k in METADATA_KEYS if k in attributes},
            None,
        )
    try:
        root = parse_xml(data)
        return xml_to_attributes(data), root
    except MetadataParseError as exc:
        errors.append(FieldError("xml", f"{exc.message}{_position(exc)}"))
    except MetadataError as exc:
        errors.append(FieldError("xml", str(exc)))
    return None, None


def _with_identifier(root: etree._Element, doi: str) -> str:
    """The XML of ``root`` with its DOI identifier set to ``doi`` (upper-case, as stored)."""
    namespace = etree.QName(root).namespace
    tag = f"{{{namespace}}}identifier" if namespace else "identifier"
    identifier = root.find(tag)
    if identifier is None:
        identifier = etree.Element(tag)
        root.insert(0, identifier)
    identifier.set("identifierType", "DOI")
    identifier.text = doi.upper()
    body = etree.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}'


def resolve_metadata(payload: DoiPayload, stored: StoredMetadata, doi: str) -> ResolvedMetadata:
    """Combine the request with the stored record; see the module docstring."""
    errors: list[FieldError] = []
    sent: dict[str, Any] | None = None
    root: etree._Element | None = None
    if payload.xml is not None:
        sent, root = _read_sent_metadata(payload.xml, errors)
    metadata_sent = dict(payload.metadata)
    if sent is None and not metadata_sent:
        return ResolvedMetadata(
            dict(stored.attributes),
            stored.xml,
            payload.schema_version or stored.schema_version,
            False,
            errors,
        )
    merged = dict(stored.attributes)
    if sent is not None:
        for key in METADATA_KEYS:
            if sent.get(key) is not None:
                merged[key] = sent[key]
            else:
                merged.pop(key, None)
    for key, value in metadata_sent.items():
        if value is not None:
            merged[key] = value
    merged = normalize_attributes(merged)
    if root is not None and not metadata_sent and payload.schema_version is None:
        xml = _with_identifier(root, doi)
        schema_version = (sent or {}).get("schemaVersion") or etree.QName(root).namespace
    else:
        xml = attributes_to_xml(merged, doi=doi).decode("utf-8")
        schema_version = KERNEL_4
    merged.pop("schemaVersion", None)
    return ResolvedMetadata(merged, xml, schema_version, xml != stored.xml, errors)
