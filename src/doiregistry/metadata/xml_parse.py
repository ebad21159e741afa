"""Safe XML parsing for untrusted metadata.

Every XML document the product reads goes through :func:`parse_xml`: it never
resolves external entities, never loads a DTD, never touches the network, caps
the input size, and turns every libxml2 failure into a
:class:`~doiregistry.metadata.errors.MetadataParseError` carrying a position.
Input may be bytes in UTF-8 or UTF-16 (with or without byte-order mark) or an
already decoded string.
"""

from __future__ import annotations

import codecs

from lxml import etree

from doiregistry.metadata.errors import MetadataParseError

#: Largest document accepted, in bytes. DataCite's largest real records are a
#: few megabytes (lupo's fixtures include a 2.6 MB one).
MAX_XML_BYTES = 20 * 1024 * 1024

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _new_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def decode_xml_bytes(data: bytes) -> str:
    """Decode an XML byte string to text, honouring a BOM or UTF-16 layout.

    Without a BOM, UTF-16 is recognised from the zero bytes around the first
    ``<``; everything else is read as UTF-8.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode(data[len(bom) :], encoding)
    if data[:2] == b"<\x00":
        return _decode(data, "utf-16-le")
    if data[:2] == b"\x00<":
        return _decode(data, "utf-16-be")
    return _decode(data, "utf-8")


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise MetadataParseError(
            f"Document is not valid {encoding.upper()}: {exc.reason} at byte {exc.start}"
        ) from None


def _blank_declaration(text: str) -> str:
    """Blank out the XML declaration, keeping every position of the document.

    The text is already decoded, so the declaration's ``encoding=`` (often
    ``UTF-16``) would mislead libxml2. A declaration anywhere but at the very
    start is an error, as XML requires (the REST and MDS layers strip
    surrounding whitespace from request bodies first, as DataCite does).
    """
    body = text.removeprefix("\ufeff")
    if body.startswith("<?xml"):
        end = body.find("?>")
        if end != -1:
            return " " * (end + 2) + body[end + 2 :]
        return body
    stripped = body.lstrip()
    if stripped.startswith("<?xml"):
        before = body[: len(body) - len(stripped)]
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        raise MetadataParseError(
            "XML declaration allowed only at the start of the document", line, column
        )
    return body


def parse_xml(data: bytes | str, *, max_bytes: int = MAX_XML_BYTES) -> etree._Element:
    """Parse an untrusted XML document and return its root element.

    Raises :class:`MetadataParseError` for oversized, undecodable or
    not-well-formed input and for documents that declare a DTD.
    """
    size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8", "replace"))
    if size > max_bytes:
        raise MetadataParseError(f"Document is too large: {size} bytes (limit {max_bytes})")
    text = decode_xml_bytes(data) if isinstance(data, bytes) else data
    text = _blank_declaration(text)
    if not text.strip():
        raise MetadataParseError("Document is empty", 1, 1)
    parser = _new_parser()
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position
        message = str(exc.msg or exc).split(", line ")[0]
        raise MetadataParseError(message, line, column) from None
    if root is None:
        raise MetadataParseError("Document has no root element", 1, 1)
    # lxml-stubs do not declare DocInfo.doctype
    doctype: str = getattr(root.getroottree().docinfo, "doctype", "")
    if doctype:
        raise MetadataParseError("Document type declarations (DTDs) are not allowed", 1, 1)
    return root
