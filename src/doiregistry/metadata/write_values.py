"""Value checks and coercions used by the DataCite XML writer.

The writer only emits values the kernel-4 XSD accepts. Text is made
XML-safe (characters XML 1.0 forbids are dropped) and typed values are
checked here: controlled lists come from the shipped XSD's enumerations,
``xs:anyURI``/``xs:language``/year/coordinate checks are done by libxml2
itself against a tiny schema of the same types, so the writer and the
validator can never disagree.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from lxml import etree

from doiregistry.metadata.schema_files import enumeration

# XML 1.0 Char production, complemented.
_NOT_XML_CHAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

_TYPE_CHECKS = b"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:element name="checks">
    <xs:complexType>
      <xs:choice>
        <xs:element name="anyURI" type="xs:anyURI"/>
        <xs:element name="language" type="xs:language"/>
        <xs:element name="year">
          <xs:simpleType>
            <xs:restriction base="xs:token"><xs:pattern value="[\\d]{4}"/></xs:restriction>
          </xs:simpleType>
        </xs:element>
        <xs:element name="longitude">
          <xs:simpleType>
            <xs:restriction base="xs:float">
              <xs:minInclusive value="-180"/><xs:maxInclusive value="180"/>
            </xs:restriction>
          </xs:simpleType>
        </xs:element>
        <xs:element name="latitude">
          <xs:simpleType>
            <xs:restriction base="xs:float">
              <xs:minInclusive value="-90"/><xs:maxInclusive value="90"/>
            </xs:restriction>
          </xs:simpleType>
        </xs:element>
      </xs:choice>
    </xs:complexType>
  </xs:element>
</xs:schema>"""

_checker_lock = threading.Lock()


@lru_cache(maxsize=1)
def _checker() -> etree.XMLSchema:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.XMLSchema(etree.fromstring(_TYPE_CHECKS, parser))


def _matches(kind: str, value: str) -> bool:
    root = etree.Element("checks")
    etree.SubElement(root, kind).text = value
    with _checker_lock:
        return bool(_checker().validate(root))


def clean_text(value: Any) -> str | None:
    """A JSON scalar as XML-safe text; ``None`` for null, booleans and containers."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        text = value
    elif isinstance(value, int | float):
        text = str(value)
    else:
        return None
    return _NOT_XML_CHAR.sub("", text)


def text_of(mapping: Mapping[str, Any], *keys: str) -> str | None:
    """Clean text of the first of ``keys`` present with a scalar value."""
    for key in keys:
        text = clean_text(mapping.get(key))
        if text is not None:
            return text
    return None


def nonempty(value: Any) -> str | None:
    """Clean text, or ``None`` when it is missing or empty."""
    text = clean_text(value)
    return text if text else None


def any_uri(value: Any) -> str | None:
    """The value when it is a valid ``xs:anyURI`` (as libxml2 judges it)."""
    text = clean_text(value)
    if text is None or not _matches("anyURI", text):
        return None
    return text


def language(value: Any) -> str | None:
    """The value when it is a valid ``xs:language`` tag (e.g. ``en-US``)."""
    text = nonempty(value)
    if text is None or not _matches("language", text):
        return None
    return text


def year(value: Any) -> str | None:
    """A four-digit year as text (``2014`` or ``"2014"``), else ``None``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        value = str(value)
    text = nonempty(value)
    if text is None or not _matches("year", text):
        return None
    return text.strip()


def coordinate(value: Any, kind: str) -> str | None:
    """A longitude/latitude (``kind``) in range, as text; numeric strings are kept verbatim."""
    if isinstance(value, bool):
        return None
    text = clean_text(value)
    if text is None:
        return None
    text = text.strip()
    if not text or not _matches(kind, text):
        return None
    return text


def controlled(value: Any, type_name: str) -> str | None:
    """The value when it belongs to the kernel-4.7 controlled list ``type_name``."""
    text = clean_text(value)
    if text is None or text not in enumeration(type_name):
        return None
    return text


def as_list(value: Any) -> list[Any]:
    """``None`` → ``[]``, a list as is, any single value → a one-item list."""
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return list(value)
    return [value]


def as_mapping(value: Any, text_key: str) -> Mapping[str, Any] | None:
    """An object as is; a bare string becomes ``{text_key: value}``; anything else ``None``."""
    if isinstance(value, Mapping):
        return value
    if isinstance(value, str):
        return {text_key: value}
    return None
