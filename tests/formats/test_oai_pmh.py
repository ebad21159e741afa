"""OAI-PMH response documents from plain values: every kind validates against the OAI-PMH
2.0 XSD, and ``<request>`` repeats only what the schema allows there."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from lxml import etree

from doiregistry.formats.oai_pmh import answer_document, echoed, error_document
from doiregistry.oai.errors import OaiError
from doiregistry.oai.metadata_formats import DATACITE, FORMATS, OAI_DATACITE, OAI_DC
from doiregistry.oai.results import (
    FormatList,
    Header,
    Identity,
    Record,
    RecordList,
    Resumption,
    SetEntry,
    SetList,
    SingleRecord,
)
from doiregistry.oai.schema_files import response_schema

OAI = "{http://www.openarchives.org/OAI/2.0/}"
NOW = datetime(2026, 1, 2, 3, 4, 5, 678000, tzinfo=UTC)
BASE = "https://registry.example.org/oai"
XML = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<resource xmlns="http://datacite.org/schema/kernel-4"'
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    ' xsi:schemaLocation="http://datacite.org/schema/kernel-4'
    ' http://schema.datacite.org/meta/kernel-4.5/metadata.xsd">'
    '<identifier identifierType="DOI">10.5072/A&amp;B</identifier>'
    "<creators><creator><creatorName>Doe &lt;Jane&gt;</creatorName></creator></creators>"
    "<titles><title>T</title></titles><publisher>P</publisher>"
    "<publicationYear>2020</publicationYear>"
    '<resourceType resourceTypeGeneral="Dataset"/></resource>'
)
ATTRIBUTES = {"titles": [{"title": "T <&> \"'"}], "publicationYear": 2020}


def record(deleted: bool = False) -> Record:
    header = Header("doi:10.5072/a&b", NOW, ("DATACITE", "DATACITE.TEST"), deleted)
    return Record(header, "10.5072/a&b", "DATACITE.TEST", XML, ATTRIBUTES)


def check(document: bytes) -> etree._Element:
    assert document.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    root = etree.fromstring(document)
    assert response_schema("4.5").errors(root) == []
    assert root.findtext(f"{OAI}responseDate") == "2026-01-02T03:04:05Z"
    assert root.findtext(f"{OAI}request") == BASE
    return root


ANSWERS = [
    ("Identify", Identity("Name <&>", ("a@example.org",), NOW)),
    ("ListMetadataFormats", FormatList(FORMATS)),
    ("ListSets", SetList([SetEntry("A", "Member & Co"), SetEntry("A.B", "<Repo>")], None)),
    (
        "ListSets",
        SetList([SetEntry("A", "Member")], Resumption("token-1", 2, 0)),
    ),
    ("ListIdentifiers", RecordList(OAI_DC, [record(), record(True)], Resumption("", 2, 0))),
    *[
        ("ListRecords", RecordList(item, [record(), record(True)], Resumption("t", 50, 10)))
        for item in FORMATS
    ],
    *[("GetRecord", SingleRecord(item, record())) for item in FORMATS],
    ("GetRecord", SingleRecord(DATACITE, record(True))),
]


@pytest.mark.parametrize(("verb", "answer"), ANSWERS)
def test_every_answer_is_valid(verb: str, answer: object) -> None:
    root = check(
        answer_document(
            answer,  # type: ignore[arg-type]
            base_url=BASE,
            verb=verb,
            arguments={"metadataPrefix": "oai_dc"} if verb.startswith("List") else {},
            now=NOW,
        )
    )
    assert root[2].tag == f"{OAI}{verb}"


def test_resumption_tokens_carry_size_and_cursor() -> None:
    answer = RecordList(OAI_DATACITE, [record()], Resumption("next", 1234, 200))
    root = check(answer_document(answer, base_url=BASE, verb="ListRecords", arguments={}, now=NOW))
    element = root.find(f".//{OAI}resumptionToken")
    assert element is not None
    assert (element.text, element.get("completeListSize"), element.get("cursor")) == (
        "next",
        "1234",
        "200",
    )


def test_deleted_records_have_a_status_and_no_metadata() -> None:
    answer = RecordList(OAI_DC, [record(True)], None)
    root = check(answer_document(answer, base_url=BASE, verb="ListRecords", arguments={}, now=NOW))
    header = root.find(f".//{OAI}header")
    assert header is not None and header.get("status") == "deleted"
    assert root.find(f".//{OAI}metadata") is None
    assert root.find(f".//{OAI}resumptionToken") is None


@pytest.mark.parametrize(
    ("code", "echo"),
    [
        ("badVerb", False),
        ("badArgument", False),
        ("badResumptionToken", True),
        ("cannotDisseminateFormat", True),
        ("idDoesNotExist", True),
        ("noMetadataFormats", True),
        ("noRecordsMatch", True),
        ("noSetHierarchy", True),
    ],
)
def test_errors(code: str, echo: bool) -> None:
    error = OaiError(code, 'Message with <markup> & "quotes"')  # type: ignore[arg-type]
    arguments = {"metadataPrefix": "oai_dc", "set": "A"}
    root = check(
        error_document(error, base_url=BASE, verb="ListRecords", arguments=arguments, now=NOW)
    )
    element = root.find(f"{OAI}error")
    assert element is not None
    assert (element.get("code"), element.text) == (code, error.message)
    request = root.find(f"{OAI}request")
    assert request is not None
    expected = {"verb": "ListRecords", **arguments} if echo else {}
    assert dict(request.attrib) == expected


def test_echo_keeps_what_the_schema_allows() -> None:
    assert echoed({"identifier": "doi:10.5072/a b"}) == {"identifier": "doi:10.5072/a b"}
    assert echoed({"identifier": "doi:10.5072/[x]#a#b"}) == {}
    assert echoed({"set": "~cHVibGljYXRpb25ZZWFyOjIwMTY="}) == {
        "set": "~cHVibGljYXRpb25ZZWFyOjIwMTY"
    }
    assert echoed({"set": "A~Pz8+"}) == {"set": "A~Pz8-"}
    assert echoed({"set": "A B"}) == {}
    assert echoed({"resumptionToken": "anything <&>"}) == {"resumptionToken": "anything <&>"}
