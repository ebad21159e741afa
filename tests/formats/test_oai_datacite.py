"""``oai_datacite`` and ``datacite``: DataCite's OAI wrapper around the stored XML."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from doiregistry.formats.oai_datacite import (
    OAI_DATACITE_NAMESPACE,
    oai_datacite,
    schema_version,
    stored_resource,
)
from doiregistry.metadata.schema_files import compiled_schema, kernel_schema

TESTDATA = Path(__file__).resolve().parents[2].parent / "shared" / "datacite-testdata"
XML = TESTDATA / "xml"
WRAPPER = f"{{{OAI_DATACITE_NAMESPACE}}}"


@pytest.mark.parametrize(
    ("path", "version"),
    [
        ("datacite-schema/kernel-4.4/datacite-example-full-v4.xml", "4.4"),
        ("datacite-schema/kernel-4.7/datacite-example-full-v4.xml", "4"),
        ("datacite-schema/kernel-3/datacite-example-full-v3.1.xml", "3"),
        ("bolognese/datacite-schema-2.2.xml", "2.2"),
    ],
)
def test_schema_version_is_the_kernel_of_the_record(path: str, version: str) -> None:
    assert schema_version(stored_resource((XML / path).read_text(), "10.5072/x")) == version


def test_schema_version_without_a_versioned_location() -> None:
    bare = '<resource xmlns="http://datacite.org/schema/kernel-4"/>'
    assert schema_version(stored_resource(bare, "10.5072/x")) == "4"
    assert schema_version(stored_resource("<resource/>", "10.5072/x")) == "unknown"
    kernel_3 = '<resource xmlns="http://datacite.org/schema/kernel-3"/>'
    assert schema_version(stored_resource(kernel_3, "10.5072/x")) == "3"


def test_the_wrapper() -> None:
    text = (XML / "datacite-schema/kernel-4.4/datacite-example-full-v4.xml").read_text()
    resource = stored_resource(text, "10.5072/x")
    wrapper = oai_datacite(resource, "DATACITE.TEST")
    document = etree.fromstring(etree.tostring(wrapper))
    assert compiled_schema("oai-1.1/oai.xsd").errors(document) == []
    assert [etree.QName(child).localname for child in document] == [
        "schemaVersion",
        "datacentreSymbol",
        "payload",
    ]
    assert document.findtext(f"{WRAPPER}schemaVersion") == "4.4"
    assert document.findtext(f"{WRAPPER}datacentreSymbol") == "DATACITE.TEST"
    payload = document.find(f"{WRAPPER}payload")
    assert payload is not None and len(payload) == 1
    inner = etree.fromstring(etree.tostring(payload[0]))
    assert kernel_schema("4.4").errors(inner) == []
    original = etree.fromstring(
        (XML / "datacite-schema/kernel-4.4/datacite-example-full-v4.xml").read_bytes()
    )
    assert etree.tostring(inner, method="c14n", exclusive=True) == etree.tostring(
        original, method="c14n", exclusive=True
    )


def test_the_same_shape_as_datacites_provider() -> None:
    fixture = etree.parse(str(TESTDATA / "oai/viringo/oai_getrecord_oaidatacite.xml"))
    theirs = fixture.find(f".//{WRAPPER}oai_datacite")
    assert theirs is not None
    resource = theirs.find(f"{WRAPPER}payload/{{http://datacite.org/schema/kernel-4}}resource")
    assert resource is not None
    ours = oai_datacite(
        stored_resource(etree.tostring(resource).decode(), "x"), "DATACITE.DATACITE"
    )
    assert {etree.QName(child).localname for child in ours} == {
        etree.QName(child).localname for child in theirs
    }
    assert ours.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation") == theirs.get(
        "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation"
    )
    assert ours.findtext(f"{WRAPPER}datacentreSymbol") == theirs.findtext(
        f"{WRAPPER}datacentreSymbol"
    )


def test_records_without_stored_xml_are_written_from_their_attributes() -> None:
    attributes = {
        "creators": [{"name": "Doe, Jane"}],
        "titles": [{"title": "Written from attributes"}],
        "publisher": {"name": "Example"},
        "publicationYear": 2024,
        "types": {"resourceTypeGeneral": "Dataset"},
    }
    resource = stored_resource(None, "10.5072/abc", attributes)
    assert kernel_schema("4.7").errors(etree.fromstring(etree.tostring(resource))) == []
    assert resource.findtext("{http://datacite.org/schema/kernel-4}identifier") == "10.5072/ABC"
