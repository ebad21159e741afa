"""The ``/oai`` endpoint as HTTP: GET and form-encoded POST, gzip, media type, and the
settings (base URL, page size, ``oai:`` identifiers, environment), on both backends."""

from __future__ import annotations

import gzip
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from lxml import etree
from tests.oai.checks import OAI, error_code, headers, request_attributes, token, valid
from tests.oai.fixtures import Oai, corpus_fixture, oai_fixture, serve  # noqa: F401

from doiregistry.settings import Settings

REQUESTS = [
    {"verb": "Identify"},
    {"verb": "ListMetadataFormats"},
    {"verb": "ListSets"},
    {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": "DATACITE"},
    {"verb": "ListRecords", "metadataPrefix": "oai_datacite"},
    {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "doi:10.5438/rec-002"},
    {"verb": "ListRecords", "metadataPrefix": "nope"},
    {"verb": "Nope"},
]


def without_date(root: etree._Element) -> bytes:
    """The response without what depends on the time of the request."""
    date = root.find(f"{OAI}responseDate")
    assert date is not None
    root.remove(date)
    element = token(root)
    if element is not None:
        element.text = "(token)"
    return etree.tostring(root)


@pytest.mark.parametrize("params", REQUESTS)
def test_post_answers_as_get(oai: Oai, params: dict[str, str]) -> None:
    assert without_date(oai.post(**params)) == without_date(oai.get(**params))


def test_post_resumes_with_tokens_from_get(oai: Oai) -> None:
    first = oai.get(verb="ListIdentifiers", metadataPrefix="oai_dc")
    element = token(first)
    assert element is not None and element.text
    by_post = oai.post(verb="ListIdentifiers", resumptionToken=element.text)
    by_get = oai.get(verb="ListIdentifiers", resumptionToken=element.text)
    assert headers(by_post) == headers(by_get)
    assert set(headers(by_post)).isdisjoint(headers(first))


def test_post_arguments_join_those_of_the_query_string(oai: Oai) -> None:
    response = oai.client.post("/oai?verb=ListSets", data={})
    assert valid(response.content).find(f"{OAI}ListSets") is not None
    response = oai.client.post("/oai?verb=ListSets", data={"verb": "ListSets"})
    assert error_code(valid(response.content)) == "badVerb"


@pytest.mark.parametrize(
    ("accept", "compressed"),
    [
        ("gzip", True),
        ("deflate, gzip;q=0.5", True),
        ("*", True),
        ("identity", False),
        ("", False),
    ],
)
def test_gzip_when_the_client_accepts_it(oai: Oai, accept: str, compressed: bool) -> None:
    for method in ("GET", "POST"):
        response = oai.client.request(
            method,
            "/oai",
            params={"verb": "ListRecords", "metadataPrefix": "oai_dc"} if method == "GET" else None,
            data={"verb": "ListRecords", "metadataPrefix": "oai_dc"} if method == "POST" else None,
            headers={"accept-encoding": accept},
        )
        assert response.status_code == 200
        assert response.headers.get("content-encoding") == ("gzip" if compressed else None)
        assert response.headers["vary"].lower() == "accept-encoding"
        valid(response.content)  # (the client decompressed it)


def test_the_compressed_body_is_gzip(oai: Oai) -> None:
    with oai.client.stream(
        "GET", "/oai", params={"verb": "Identify"}, headers={"accept-encoding": "gzip"}
    ) as response:
        raw = b"".join(response.iter_raw())
    valid(gzip.decompress(raw))


@pytest.fixture
def configured(oai: Oai) -> Iterator[Oai]:
    settings = Settings(
        oai_base_url="https://oai.example.org/oai",
        oai_page_size=3,
        oai_repository_identifier="oai.example.org",
        oai_admin_email="not an address, ok@example.org",
    )
    yield from serve(oai.database, settings)


def test_configured_base_url_and_addresses(configured: Oai) -> None:
    root = configured.get(verb="Identify")
    assert root.findtext(f"{OAI}request") == "https://oai.example.org/oai"
    assert root.findtext(f".//{OAI}baseURL") == "https://oai.example.org/oai"
    assert [item.text for item in root.iter(f"{OAI}adminEmail")] == ["ok@example.org"]


def test_base_url_follows_the_public_base_url(oai: Oai) -> None:
    for public in serve(oai.database, Settings(base_url="https://registry.example.org/")):
        root = public.get(verb="Identify")
        assert root.findtext(f".//{OAI}baseURL") == "https://registry.example.org/oai"


def test_configured_page_size_pages_sets_too(configured: Oai) -> None:
    first = configured.get(verb="ListSets")
    assert len(first.findall(f".//{OAI}set")) == 3
    element = token(first)
    assert element is not None and element.text
    assert (element.get("completeListSize"), element.get("cursor")) == ("4", "0")
    second = configured.get(verb="ListSets", resumptionToken=element.text)
    specs = [item.text for item in second.iter(f"{OAI}setSpec")]
    assert specs == ["EXAMPLE.REPO"]
    last = token(second)
    assert last is not None and not last.text and last.get("cursor") == "3"
    records = configured.get(verb="ListIdentifiers", metadataPrefix="oai_dc")
    assert len(headers(records)) == 3


def test_configured_oai_identifiers(configured: Oai, oai: Oai) -> None:
    row = next(row for row in configured.rows() if row.state == "findable")
    identifier = f"oai:oai.example.org:{row.doi}"
    root = configured.get(verb="GetRecord", metadataPrefix="oai_dc", identifier=identifier)
    assert headers(root)[0].identifier == f"doi:{row.doi}"
    assert request_attributes(root)["identifier"] == identifier
    formats = configured.get(verb="ListMetadataFormats", identifier=identifier)
    assert error_code(formats) is None
    unconfigured = oai.get(verb="GetRecord", metadataPrefix="oai_dc", identifier=identifier)
    assert error_code(unconfigured) == "idDoesNotExist"


def test_settings_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOIREGISTRY_OAI_REPOSITORY_NAME", "Env registry")
    monkeypatch.setenv("DOIREGISTRY_OAI_ADMIN_EMAIL", "env@example.org")
    monkeypatch.setenv("DOIREGISTRY_OAI_BASE_URL", "https://env.example.org/oai")
    monkeypatch.setenv("DOIREGISTRY_OAI_PAGE_SIZE", "7")
    monkeypatch.setenv("DOIREGISTRY_OAI_REPOSITORY_IDENTIFIER", "env.example.org")
    settings = Settings.from_env()
    assert (
        settings.oai_repository_name,
        settings.oai_admin_email,
        settings.oai_base_url,
        settings.oai_page_size,
        settings.oai_repository_identifier,
    ) == ("Env registry", "env@example.org", "https://env.example.org/oai", 7, "env.example.org")
    assert Settings().oai_page_size == 100


def test_always_http_200_and_text_xml(oai: Oai) -> None:
    client: TestClient = oai.client
    for params in REQUESTS:
        response = client.get("/oai", params=params)
        assert response.status_code == 200
        assert response.headers["content-type"] == "text/xml; charset=utf-8"
