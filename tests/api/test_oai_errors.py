"""Every OAI-PMH error path over HTTP, on both backends: the code, HTTP 200, an XSD-valid
document, and ``<request>`` attributes only when the request was not refused as a whole."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from tests.oai.checks import error_code, request_attributes, token, valid
from tests.oai.fixtures import Oai, corpus_fixture, oai_fixture, serve  # noqa: F401

from doiregistry.oai import tokens
from doiregistry.settings import Settings
from doiregistry.storage.engine import Database

NOT_ECHOED = {"badVerb", "badArgument"}


def error_of(oai: Oai, **params: str) -> str:
    root = oai.get(**params)
    code = error_code(root)
    assert code is not None
    attributes = request_attributes(root)
    if code in NOT_ECHOED:
        assert attributes == {}
    else:
        assert attributes.get("verb") == params.get("verb")
    return code


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"metadataPrefix": "oai_dc"},
        {"verb": "Bogus"},
        {"verb": "identify"},
        {"verb": "GetMetadata", "identifier": "doi:10.5438/rec-001"},
        {"verb": ""},
    ],
)
def test_bad_verb(oai: Oai, params: dict[str, str]) -> None:
    assert error_of(oai, **params) == "badVerb"


def test_repeated_verb_is_a_bad_verb(oai: Oai) -> None:
    response = oai.client.get("/oai?verb=Identify&verb=Identify")
    assert error_code(valid(response.content)) == "badVerb"


@pytest.mark.parametrize(
    "params",
    [
        {"verb": "Identify", "set": "DATACITE"},
        {"verb": "ListMetadataFormats", "metadataPrefix": "oai_dc"},
        {"verb": "ListSets", "set": "DATACITE"},
        {"verb": "ListRecords"},
        {"verb": "ListIdentifiers", "set": "DATACITE"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "identifier": "doi:10.5438/rec-001"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "resumptionToken": "x"},
        {"verb": "ListIdentifiers", "resumptionToken": "x", "from": "2020-01-01"},
        {"verb": "ListSets", "resumptionToken": "x", "set": "DATACITE"},
        {"verb": "GetRecord", "identifier": "doi:10.5438/rec-001"},
        {"verb": "GetRecord", "metadataPrefix": "oai_dc"},
        {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": ""},
        {"verb": "ListRecords", "metadataPrefix": "oai dc"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2020-13-01"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "until": "yesterday"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2020-01-01T00:00:00.1Z"},
        {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "from": "2020-01-01T00:00:00"},
        {
            "verb": "ListRecords",
            "metadataPrefix": "oai_dc",
            "from": "2020-01-01",
            "until": "2021-01-01T00:00:00Z",
        },
        {
            "verb": "ListIdentifiers",
            "metadataPrefix": "oai_dc",
            "from": "2021-01-02",
            "until": "2021-01-01",
        },
        {
            "verb": "ListRecords",
            "metadataPrefix": "oai_dc",
            "from": "2021-01-01T00:00:01Z",
            "until": "2021-01-01T00:00:00Z",
        },
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": ""},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "NOT A SET"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "~not*base64"},
        {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": "~" + b64("titles.title:(")},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "~" + b64("nonsense_field:x")},
        {
            "verb": "ListRecords",
            "metadataPrefix": "oai_dc",
            "set": "~" + b64("publicationYear:[a TO b]"),
        },
    ],
)
def test_bad_argument(oai: Oai, params: dict[str, str]) -> None:
    assert error_of(oai, **params) == "badArgument"


@pytest.mark.parametrize(
    "query",
    [
        "verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc",
        "verb=ListRecords&metadataPrefix=oai_dc&set=DATACITE&set=EXAMPLE",
        "verb=GetRecord&metadataPrefix=oai_dc&identifier=doi:10.5438/rec-001"
        "&identifier=doi:10.5438/rec-001",
    ],
)
def test_repeated_arguments_are_bad_arguments(oai: Oai, query: str) -> None:
    root = valid(oai.client.get(f"/oai?{query}").content)
    assert error_code(root) == "badArgument"
    assert request_attributes(root) == {}


def test_characters_xml_cannot_carry_are_bad_arguments(oai: Oai) -> None:
    # (NUL never reaches the endpoint through a URL: the application refuses it with 400)
    root = oai.post(verb="GetRecord", metadataPrefix="oai_dc", identifier="doi:10.5438/\x00")
    assert error_code(root) == "badArgument"
    root = oai.get(verb="ListRecords", metadataPrefix="oai_dc", set="A\x0bB")
    assert error_code(root) == "badArgument"


@pytest.mark.parametrize("verb", ["ListIdentifiers", "ListRecords", "ListSets"])
def test_bad_resumption_tokens(oai: Oai, verb: str) -> None:
    for value in ["", "nonsense", "%%%", base64.urlsafe_b64encode(b'{"v":1}').decode()]:
        assert error_of(oai, verb=verb, resumptionToken=value) == "badResumptionToken"


def test_a_token_of_one_verb_is_bad_for_another(oai: Oai) -> None:
    identifiers = oai.get(verb="ListIdentifiers", metadataPrefix="oai_dc")
    element = token(identifiers)
    assert element is not None and element.text
    code = error_of(oai, verb="ListRecords", resumptionToken=element.text)
    assert code == "badResumptionToken"
    assert error_of(oai, verb="ListSets", resumptionToken=element.text) == "badResumptionToken"


def forged_tokens() -> list[str]:
    """Well-formed tokens naming an unknown format, and a query that does not parse."""
    base = tokens.RecordPosition(
        verb="ListRecords",
        metadata_prefix="marc21",
        set_argument=None,
        start=None,
        stop=datetime.now(UTC),
        last_updated=datetime(2000, 1, 1, tzinfo=UTC),
        last_doi="10.5438/a",
        cursor=10,
        complete_list_size=20,
    )
    bad_query = replace(base, metadata_prefix="oai_dc", set_argument="~" + b64("("))
    return [tokens.encode_records(base), tokens.encode_records(bad_query)]


def test_forged_tokens(oai: Oai) -> None:
    for value in forged_tokens():
        assert tokens.decode_records(value, "ListRecords").cursor == 10
        assert error_of(oai, verb="ListRecords", resumptionToken=value) == "badResumptionToken"


@pytest.mark.parametrize(
    "params",
    [
        {"verb": "ListRecords", "metadataPrefix": "marc21"},
        {"verb": "ListIdentifiers", "metadataPrefix": "oai_datacite_v2"},
        {"verb": "ListRecords", "metadataPrefix": "marc21", "set": "NOWHERE"},
        {"verb": "GetRecord", "metadataPrefix": "marc21", "identifier": "doi:10.5438/rec-002"},
        {"verb": "GetRecord", "metadataPrefix": "marc21", "identifier": "doi:10.14454/rec-007"},
    ],
)
def test_cannot_disseminate_format(oai: Oai, params: dict[str, str]) -> None:
    assert error_of(oai, **params) == "cannotDisseminateFormat"


@pytest.mark.parametrize(
    "identifier",
    [
        "doi:10.5438/does-not-exist",
        "10.5438/rec-001",
        "rec-001",
        "oai:oai.datacite.org:12425",
        "oai:10.5438/rec-001",
        "xyz:10.5438/rec-001",
        "doi:10.5438/rec-000",
        "doi:10.5438/[x]#a#b",
    ],
)
def test_id_does_not_exist(oai: Oai, identifier: str) -> None:
    for prefix in ("oai_dc", "datacite"):
        code = error_of(oai, verb="GetRecord", metadataPrefix=prefix, identifier=identifier)
        assert code == "idDoesNotExist"
    assert error_of(oai, verb="ListMetadataFormats", identifier=identifier) == "idDoesNotExist"


def test_an_identifier_that_is_no_uri_is_not_echoed(oai: Oai) -> None:
    root = oai.get(verb="GetRecord", metadataPrefix="oai_dc", identifier="doi:10.5438/[x]#a#b")
    assert request_attributes(root) == {"verb": "GetRecord", "metadataPrefix": "oai_dc"}


def test_no_metadata_formats_for_a_deleted_record(oai: Oai) -> None:
    hidden = next(row for row in oai.rows() if row.state == "registered")
    code = error_of(oai, verb="ListMetadataFormats", identifier=f"doi:{hidden.doi}")
    assert code == "noMetadataFormats"


@pytest.mark.parametrize(
    "params",
    [
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "NOWHERE"},
        {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": "DATACITE.NOWHERE"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2999-01-01"},
        {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "until": "2001-01-01"},
        {
            "verb": "ListRecords",
            "metadataPrefix": "oai_datacite",
            "set": "~" + b64('titles.title:"no such title anywhere"'),
        },
        {
            "verb": "ListIdentifiers",
            "metadataPrefix": "oai_dc",
            "set": "EXAMPLE~" + b64("doi:10.5438/*"),
        },
    ],
)
def test_no_records_match(oai: Oai, params: dict[str, str]) -> None:
    assert error_of(oai, **params) == "noRecordsMatch"


@pytest.fixture
def empty(database: Database) -> Iterator[Oai]:
    yield from serve(database, Settings())


def test_an_empty_repository(empty: Oai) -> None:
    assert error_of(empty, verb="ListSets") == "noSetHierarchy"
    code = error_of(empty, verb="ListRecords", metadataPrefix="oai_dc", set="DATACITE")
    assert code == "noSetHierarchy"
    assert error_of(empty, verb="ListIdentifiers", metadataPrefix="oai_dc") == "noRecordsMatch"
    query_set = "~" + b64("publicationYear:2020")
    code = error_of(empty, verb="ListRecords", metadataPrefix="oai_dc", set=query_set)
    assert code == "noRecordsMatch"
    root = empty.get(verb="Identify")
    assert root.findtext(".//{http://www.openarchives.org/OAI/2.0/}earliestDatestamp") == (
        "1970-01-01T00:00:00Z"
    )


def test_post_bodies_that_are_not_form_encoded(oai: Oai) -> None:
    client: TestClient = oai.client
    response = client.post("/oai", files={"verb": (None, "Identify")})
    assert response.status_code == 200
    assert error_code(valid(response.content)) == "badArgument"
    response = client.post(
        "/oai",
        content=b"verb=Identify&x=\xff",
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert error_code(valid(response.content)) == "badArgument"


def test_a_token_past_the_end_of_the_list_matches_nothing(oai: Oai) -> None:
    position = tokens.RecordPosition(
        verb="ListIdentifiers",
        metadata_prefix="oai_dc",
        set_argument="DATACITE",
        start=None,
        stop=datetime.now(UTC),
        last_updated=datetime.now(UTC),
        last_doi="10.99999/zzz",
        cursor=500,
        complete_list_size=501,
    )
    token_value = tokens.encode_records(position)
    assert error_of(oai, verb="ListIdentifiers", resumptionToken=token_value) == "noRecordsMatch"
    sets = tokens.encode_sets(tokens.SetPosition("ZZZ", 4, 5))
    assert error_of(oai, verb="ListSets", resumptionToken=sets) == "noRecordsMatch"
