"""Safe parsing of untrusted XML: encodings, limits, entities, positions."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from doiregistry.metadata.errors import MetadataParseError
from doiregistry.metadata.xml_parse import parse_xml

TESTDATA = Path(__file__).resolve().parents[2].parent / "shared" / "datacite-testdata"
DOC = '<?xml version="1.0" encoding="{enc}"?>\n<resource><title>Zürich – ünïcode</title></resource>'


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", b""),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
    ],
)
def test_reads_utf8_and_utf16_with_and_without_bom(encoding: str, bom: bytes) -> None:
    declared = "UTF-16" if encoding.startswith("utf-16") else "UTF-8"
    data = bom + DOC.format(enc=declared).encode(encoding)
    root = parse_xml(data)
    assert root.findtext("title") == "Zürich – ünïcode"


def test_reads_real_utf16_fixture() -> None:
    data = (TESTDATA / "xml" / "lupo" / "utf-16.xml").read_bytes()
    assert data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    root = parse_xml(data)
    assert root.tag.endswith("resource")


def test_declaration_after_whitespace_is_not_well_formed() -> None:
    data = (TESTDATA / "xml" / "poodle" / "delft.xml").read_bytes()
    assert data[:1].isspace()
    with pytest.raises(MetadataParseError, match="declaration") as caught:
        parse_xml(data)
    assert (caught.value.line, caught.value.column) == (2, 1)
    assert parse_xml(data.strip()).tag.endswith("resource")


def test_positions_are_those_of_the_original_document() -> None:
    with pytest.raises(MetadataParseError) as caught:
        parse_xml(b'<?xml version="1.0"?><r><a></b></r>')
    assert (caught.value.line, caught.value.column) == (1, 32)  # as libxml2 reports it


def test_external_entities_are_refused() -> None:
    payload = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b"<r>&e;</r>"
    )
    with pytest.raises(MetadataParseError, match="DTD"):
        parse_xml(payload)


def test_entity_expansion_bomb_is_refused() -> None:
    payload = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><r>&b;&b;&b;</r>'
    )
    with pytest.raises(MetadataParseError):
        parse_xml(payload)


def test_size_limit() -> None:
    with pytest.raises(MetadataParseError, match="too large"):
        parse_xml(b"<r>" + b"x" * 200 + b"</r>", max_bytes=100)


def test_not_well_formed_reports_position() -> None:
    with pytest.raises(MetadataParseError) as caught:
        parse_xml(b"<resource>\n  <title>open\n</resource>")
    assert caught.value.line == 3
    assert caught.value.column is not None
    assert "at line 3" in str(caught.value)


@pytest.mark.parametrize("data", [b"", b"   \n", "", b"\xff\xfe"])
def test_empty_input_is_a_parse_error(data: bytes | str) -> None:
    with pytest.raises(MetadataParseError):
        parse_xml(data)


def test_invalid_utf8_is_a_parse_error() -> None:
    with pytest.raises(MetadataParseError, match="UTF-8"):
        parse_xml(b"<r>\xff\xfe\xfa</r>")


def test_not_well_formed_fixtures_raise_parse_errors_only() -> None:
    broken = [
        "xml/lupo/datacite_malformed.xml",
        "xml/lupo/datacite-example-relateditems.xml",
        "xml/poodle/datacitens.xml",
    ]
    for name in broken:
        with pytest.raises(MetadataParseError):
            parse_xml((TESTDATA / name).read_bytes())
