"""The six OAI-PMH verbs over HTTP on a corpus of real records, on both backends.

Every response is checked against the OAI-PMH 2.0 XSD and every record's
metadata against its own schema (``tests.oai.checks``).
"""

from __future__ import annotations

import re
from datetime import UTC
from typing import Any

from lxml import etree
from tests.oai.checks import OAI, OAI_DATACITE, error_code, headers, request_attributes, token
from tests.oai.fixtures import Oai, corpus_fixture, oai_fixture  # noqa: F401

from doiregistry.formats.oai_dc import DC_NAMESPACE
from doiregistry.metadata.xml_parse import parse_xml
from doiregistry.oai.dates import format_datestamp

FORMATS = ("oai_dc", "oai_datacite", "datacite")


def walk(oai: Oai, **params: str) -> list[etree._Element]:
    """Every page of a list request, following resumption tokens."""
    pages = [oai.get(**params)]
    while (element := token(pages[-1])) is not None and element.text:
        pages.append(oai.get(verb=params["verb"], resumptionToken=element.text))
    return pages


def harvestable(oai: Oai) -> list[Any]:
    return [row for row in oai.rows() if row.state != "draft"]


def test_identify(oai: Oai) -> None:
    root = oai.get(verb="Identify")
    identify = root.find(f"{OAI}Identify")
    assert identify is not None
    assert request_attributes(root) == {"verb": "Identify"}
    assert identify.findtext(f"{OAI}repositoryName") == "Test registry"
    assert identify.findtext(f"{OAI}baseURL") == "http://testserver/oai"
    assert root.findtext(f"{OAI}request") == "http://testserver/oai"
    assert identify.findtext(f"{OAI}protocolVersion") == "2.0"
    emails = [item.text for item in identify.findall(f"{OAI}adminEmail")]
    assert emails == ["oai@example.org", "second@example.org"]
    earliest = min(row.updated for row in harvestable(oai))
    assert identify.findtext(f"{OAI}earliestDatestamp") == format_datestamp(earliest)
    assert identify.findtext(f"{OAI}deletedRecord") == "persistent"
    assert identify.findtext(f"{OAI}granularity") == "YYYY-MM-DDThh:mm:ssZ"
    assert [item.text for item in identify.findall(f"{OAI}compression")] == ["gzip"]
    assert root.findtext(f"{OAI}responseDate", "").endswith("Z")


def test_list_metadata_formats(oai: Oai) -> None:
    root = oai.get(verb="ListMetadataFormats")
    formats = root.findall(f".//{OAI}metadataFormat")
    assert [item.findtext(f"{OAI}metadataPrefix") for item in formats] == list(FORMATS)
    assert [item.findtext(f"{OAI}metadataNamespace") for item in formats] == [
        "http://www.openarchives.org/OAI/2.0/oai_dc/",
        "http://schema.datacite.org/oai/oai-1.1/",
        "http://datacite.org/schema/kernel-4",
    ]
    findable = next(row for row in oai.rows() if row.state == "findable")
    identifier = f"doi:{findable.doi}"
    one = oai.get(verb="ListMetadataFormats", identifier=identifier)
    assert len(one.findall(f".//{OAI}metadataFormat")) == 3
    assert request_attributes(one) == {"verb": "ListMetadataFormats", "identifier": identifier}


def test_list_sets(oai: Oai) -> None:
    root = oai.get(verb="ListSets")
    sets = [
        (item.findtext(f"{OAI}setSpec"), item.findtext(f"{OAI}setName"))
        for item in root.iter(f"{OAI}set")
    ]
    assert sets == [
        ("DATACITE", "Datacite"),
        ("DATACITE.TEST", "datacite.test"),
        ("EXAMPLE", "Example"),
        ("EXAMPLE.REPO", "example.repo"),
    ]
    assert token(root) is None


def test_list_identifiers_walks_every_harvestable_doi_once_in_datestamp_order(oai: Oai) -> None:
    pages = walk(oai, verb="ListIdentifiers", metadataPrefix="oai_dc")
    expected = harvestable(oai)
    assert len(pages) == -(-len(expected) // 10)
    seen = [header for page in pages for header in headers(page)]
    assert [header.identifier for header in seen] == [f"doi:{row.doi}" for row in expected]
    for header, row in zip(seen, expected, strict=True):
        assert header.deleted == (row.state == "registered")
        assert header.datestamp == format_datestamp(row.updated.astimezone(UTC))
        assert header.sets == (row.provider_id.upper(), row.client_id.upper())
    for number, page in enumerate(pages):
        element = token(page)
        assert element is not None
        assert element.get("completeListSize") == str(len(expected))
        assert element.get("cursor") == str(10 * number)
        assert bool(element.text) == (number < len(pages) - 1)


def test_list_records_in_every_format(oai: Oai) -> None:
    stored = {row.doi: row for row in harvestable(oai)}
    for prefix in FORMATS:
        pages = walk(oai, verb="ListRecords", metadataPrefix=prefix)
        records = [record for page in pages for record in page.iter(f"{OAI}record")]
        assert len(records) == len(stored)
        for record in records:
            header = headers(record)[0]
            row = stored[header.identifier.removeprefix("doi:")]
            metadata = record.find(f"{OAI}metadata")
            assert (metadata is None) == (row.state == "registered")
            if metadata is not None:
                check_format(prefix, metadata[0], row)


def canonical(element: etree._Element) -> bytes:
    return etree.tostring(element, method="c14n", exclusive=True)


def check_format(prefix: str, element: etree._Element, row: Any) -> None:
    if prefix == "oai_dc":
        identifiers = [item.text for item in element.iter(f"{{{DC_NAMESPACE}}}identifier")]
        assert identifiers[0] == f"doi:{row.doi}"
        titles = [item.text for item in element.iter(f"{{{DC_NAMESPACE}}}title")]
        assert titles == [title["title"] for title in row.attributes["titles"]]
        return
    stored = parse_xml(row.xml)
    if prefix == "oai_datacite":
        assert element.findtext(f"{OAI_DATACITE}datacentreSymbol") == row.client_id.upper()
        location = stored.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation", "")
        named = re.search(r"/kernel-(4(?:\.\d)?)/", location)
        expected = named.group(1) if named else "4"
        assert element.findtext(f"{OAI_DATACITE}schemaVersion") == expected
        payload = element.find(f"{OAI_DATACITE}payload")
        assert payload is not None
        element = payload[0]
    assert canonical(element) == canonical(stored)


def test_get_record_in_every_format(oai: Oai) -> None:
    row = next(row for row in oai.rows() if row.state == "findable")
    identifier = f"doi:{row.doi}"
    for prefix in FORMATS:
        root = oai.get(verb="GetRecord", identifier=identifier, metadataPrefix=prefix)
        assert request_attributes(root) == {
            "verb": "GetRecord",
            "identifier": identifier,
            "metadataPrefix": prefix,
        }
        metadata = root.find(f".//{OAI}metadata")
        assert metadata is not None
        check_format(prefix, metadata[0], row)
    upper = oai.get(verb="GetRecord", identifier=identifier.upper(), metadataPrefix="oai_dc")
    assert headers(upper)[0].identifier == identifier


def test_get_record_of_a_hidden_doi_is_a_deleted_header(oai: Oai) -> None:
    row = next(row for row in oai.rows() if row.state == "registered")
    for prefix in FORMATS:
        root = oai.get(verb="GetRecord", identifier=f"doi:{row.doi}", metadataPrefix=prefix)
        record = root.find(f".//{OAI}record")
        assert record is not None
        assert [header.deleted for header in headers(record)] == [True]
        assert record.find(f"{OAI}metadata") is None


def test_drafts_are_never_shown(oai: Oai) -> None:
    drafts = [row for row in oai.rows() if row.state == "draft"]
    assert drafts
    for row in drafts:
        identifier = f"doi:{row.doi}"
        root = oai.get(verb="GetRecord", identifier=identifier, metadataPrefix="oai_dc")
        assert error_code(root) == "idDoesNotExist"
        listed = oai.get(verb="ListMetadataFormats", identifier=identifier)
        assert error_code(listed) == "idDoesNotExist"
