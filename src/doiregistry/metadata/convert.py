"""Converting one metadata record between DataCite XML and DataCite JSON.

DataCite JSON here is the REST API's ``attributes`` object, given bare or
inside a JSON:API document (``{"data": {"attributes": …}}``).
"""

from __future__ import annotations

from typing import Any, Literal

import orjson

from doiregistry.metadata.errors import MetadataParseError
from doiregistry.metadata.normalize import normalize_attributes
from doiregistry.metadata.reader import xml_to_attributes
from doiregistry.metadata.writer import attributes_to_xml

Format = Literal["xml", "json"]


def detect_format(data: bytes) -> Format:
    """``json`` for a JSON object, else ``xml``."""
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return "json" if start in (b"{", b"[") else "xml"


def json_to_attributes(data: bytes) -> dict[str, Any]:
    """DataCite JSON (bare attributes or a JSON:API document) → normalised attributes."""
    try:
        document = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise MetadataParseError(f"Not valid JSON: {exc.msg}", exc.lineno, exc.colno) from None
    if not isinstance(document, dict):
        raise MetadataParseError("DataCite JSON must be an object")
    inner = document.get("data")
    if isinstance(inner, dict) and isinstance(inner.get("attributes"), dict):
        document = inner["attributes"]
    return normalize_attributes(document)


def read_metadata(data: bytes) -> dict[str, Any]:
    """Attributes of a DataCite XML or DataCite JSON record."""
    if detect_format(data) == "json":
        return json_to_attributes(data)
    return xml_to_attributes(data)


def to_json(attributes: dict[str, Any]) -> bytes:
    """Pretty-printed DataCite JSON."""
    return orjson.dumps(attributes, option=orjson.OPT_INDENT_2) + b"\n"


def to_xml(attributes: dict[str, Any]) -> bytes:
    """DataCite kernel-4 XML."""
    return attributes_to_xml(attributes, doi=attributes.get("doi"))
