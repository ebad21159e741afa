"""The OAI-PMH schemas go through the package's one XSD wrapper: package data only."""

from __future__ import annotations

import pytest
from lxml import etree

from doiregistry.metadata.errors import SchemaResourceError
from doiregistry.oai.schema_files import (
    oai_schema,
    oai_schema_names,
    read_oai_schema_file,
    response_schema,
)


def test_the_shipped_schemas_are_listed() -> None:
    assert oai_schema_names() == [
        "OAI-PMH.xsd",
        "oai-identifier.xsd",
        "oai_dc.xsd",
        "provenance.xsd",
        "simpledc20021212.xsd",
        "xml.xsd",
    ]
    assert b"<schema targetNamespace" in read_oai_schema_file("oai_dc.xsd")


@pytest.mark.parametrize("name", ["", "..", "../service.py", "sub/oai_dc.xsd", "missing.xsd"])
def test_names_outside_the_folder_or_not_shipped_are_refused(name: str) -> None:
    with pytest.raises(SchemaResourceError):
        read_oai_schema_file(name)


def test_schemas_are_compiled_once_and_validate() -> None:
    assert oai_schema("oai_dc.xsd") is oai_schema("oai_dc.xsd")
    assert response_schema("4.7") is response_schema("4.7")
    assert response_schema("4.7") is not response_schema("4.5")
    empty_dc = etree.fromstring(
        b'<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"'
        b' xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>T</dc:title></oai_dc:dc>'
    )
    assert oai_schema("oai_dc.xsd").errors(empty_dc) == []
    wrong = etree.fromstring(
        b'<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"><x/></oai_dc:dc>'
    )
    assert [error.line for error in oai_schema("oai_dc.xsd").errors(wrong)] == [1]
