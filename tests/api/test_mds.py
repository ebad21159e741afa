"""The MDS API: plain-text answers and status codes for every path (spec MDS §3)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.seed import seed_repository

from doiregistry.api.app import create_app
from doiregistry.registry.accounts.passwords import hash_password
from doiregistry.settings import Settings
from doiregistry.storage.engine import Database
from doiregistry.storage.tables import providers

TESTDATA = Path(__file__).resolve().parents[2].parent / "shared" / "datacite-testdata"
KERNEL4 = TESTDATA / "xml" / "datacite-schema" / "kernel-4.7" / "datacite-example-full-v4.xml"
OWNER = ("DATACITE.TEST", "secret")
OTHER = ("DATACITE.OTHER", "other-secret")
XML_HEADERS = {"content-type": "application/xml;charset=UTF-8"}
TEXT_HEADERS = {"content-type": "text/plain;charset=UTF-8"}


def _xml(doi: str) -> bytes:
    text = KERNEL4.read_text(encoding="utf-8")
    start = text.index("<identifier")
    end = text.index("</identifier>") + len("</identifier>")
    identifier = f'<identifier identifierType="DOI">{doi}</identifier>'
    return (text[:start] + identifier + text[end:]).encode()


@pytest.fixture
def client(database: Database) -> Iterator[TestClient]:
    seed_repository(database, "datacite.test", "secret", "10.5438", domains="example.org")
    seed_repository(database, "datacite.other", "other-secret", "10.14454")
    with TestClient(create_app(Settings(), database)) as test_client:
        yield test_client


def _registered(client: TestClient, doi: str = "10.5438/mds-1") -> None:
    assert (
        client.put(
            f"/metadata/{doi}", content=_xml(doi), headers=XML_HEADERS, auth=OWNER
        ).status_code
        == 201
    )
    body = f"doi={doi}\nurl=https://example.org/{doi}"
    assert (
        client.put(f"/doi/{doi}", content=body, headers=TEXT_HEADERS, auth=OWNER).status_code == 201
    )


def test_missing_credentials(client: TestClient) -> None:
    response = client.get("/doi")
    assert response.status_code == 401
    assert response.text == "An Authentication object was not found in the SecurityContext"
    assert response.headers["www-authenticate"] == 'Basic realm="mds.datacite.org"'
    assert response.headers["content-type"].startswith("text/plain")


def test_wrong_credentials(client: TestClient) -> None:
    response = client.get("/doi", auth=("DATACITE.TEST", "wrong"))
    assert response.status_code == 401
    assert response.text == "Bad credentials"


def test_list_is_204_when_empty_then_lists_registered_only(client: TestClient) -> None:
    assert client.get("/doi", auth=OWNER).status_code == 204
    _registered(client)
    client.put(
        "/metadata/10.5438/draft-only",
        content=_xml("10.5438/draft-only"),
        headers=XML_HEADERS,
        auth=OWNER,
    )
    response = client.get("/doi", auth=OWNER)
    assert response.status_code == 200
    assert response.text.splitlines() == ["10.5438/MDS-1"]


def test_upload_creates_a_draft_and_registering_a_url_makes_it_findable(client: TestClient) -> None:
    created = client.put(
        "/metadata/10.5438/mds-1", content=_xml("10.5438/mds-1"), headers=XML_HEADERS, auth=OWNER
    )
    assert created.status_code == 201
    assert created.text == "OK (10.5438/MDS-1)"
    assert created.headers["location"].endswith("/metadata/10.5438/mds-1")
    assert client.get("/doi/10.5438/mds-1", auth=OWNER).status_code == 204
    assert (
        client.get("/dois/10.5438/mds-1", auth=OWNER).json()["data"]["attributes"]["state"]
        == "draft"
    )
    registered = client.post(
        "/doi",
        content="doi=10.5438/mds-1\nurl=https://example.org/x",
        headers=TEXT_HEADERS,
        auth=OWNER,
    )
    assert registered.status_code == 201 and registered.text == "OK"
    assert client.get("/doi/10.5438/mds-1", auth=OWNER).text == "https://example.org/x"
    metadata = client.get("/metadata/10.5438/mds-1", auth=OWNER)
    assert metadata.headers["content-type"].startswith("application/xml")
    assert "10.5438/MDS-1" in metadata.text
    assert client.get("/dois/10.5438/mds-1").json()["data"]["attributes"]["state"] == "findable"


def test_upload_for_a_prefix_generates_a_doi(client: TestClient) -> None:
    response = client.put(
        "/metadata/10.5438", content=_xml("10.5438/ignored"), headers=XML_HEADERS, auth=OWNER
    )
    assert response.status_code == 201
    doi = response.text.removeprefix("OK (").removesuffix(")")
    assert doi.startswith("10.5438/") and len(doi) == len("10.5438/XXXX-XXXX")


def test_upload_errors(client: TestClient) -> None:
    form = client.put(
        "/metadata/10.5438/x",
        content=b"a=b",
        headers={"content-type": "application/x-www-form-urlencoded"},
        auth=OWNER,
    )
    assert form.status_code == 415
    assert form.text == "Content type application/x-www-form-urlencoded is not supported"
    blank = client.put("/metadata/10.5438/x", content=b"", headers=XML_HEADERS, auth=OWNER)
    assert blank.status_code == 422 and blank.text == "Can't be blank"
    invalid = (TESTDATA / "xml" / "lupo" / "datacite_missing_creator.xml").read_bytes()
    schema = client.put("/metadata/10.5438/x", content=invalid, headers=XML_HEADERS, auth=OWNER)
    assert schema.status_code == 422
    assert "creator" in schema.text
    other = client.put(
        "/metadata/10.14454/x", content=_xml("10.14454/x"), headers=XML_HEADERS, auth=OWNER
    )
    assert (other.status_code, other.text) == (403, "Access is denied")
    no_doi = client.post("/metadata", content=b"<resource/>", headers=XML_HEADERS, auth=OWNER)
    assert no_doi.status_code == 404 and no_doi.text == "DOI not found"


def test_register_url_errors(client: TestClient) -> None:
    assert (
        client.put("/doi/10.5438/x", content=b"", headers=TEXT_HEADERS, auth=OWNER).status_code
        == 400
    )
    no_doi = client.put(
        "/doi/10.5438/x", content="url=https://example.org/x", headers=TEXT_HEADERS, auth=OWNER
    )
    assert (no_doi.status_code, no_doi.text) == (400, "param 'doi' required")
    no_url = client.put("/doi/10.5438/x", content="doi=10.5438/x", headers=TEXT_HEADERS, auth=OWNER)
    assert (no_url.status_code, no_url.text) == (400, "param 'url' required")
    mismatch = client.put(
        "/doi/10.5438/x",
        content="doi=10.5438/y\nurl=https://example.org/",
        headers=TEXT_HEADERS,
        auth=OWNER,
    )
    assert (mismatch.status_code, mismatch.text) == (
        400,
        "doi parameter does not match doi of resource",
    )
    bad_url = client.put(
        "/doi/10.5438/x", content="doi=10.5438/x\nurl=mailto:a@b", headers=TEXT_HEADERS, auth=OWNER
    )
    assert (bad_url.status_code, bad_url.text) == (400, "Not a valid HTTP(S) or FTP URL")
    no_metadata = client.put(
        "/doi/10.5438/x",
        content="doi=10.5438/x\nurl=https://example.org/x",
        headers=TEXT_HEADERS,
        auth=OWNER,
    )
    assert no_metadata.status_code == 422
    client.put("/metadata/10.5438/x", content=_xml("10.5438/x"), headers=XML_HEADERS, auth=OWNER)
    wrong_domain = client.put(
        "/doi/10.5438/x",
        content="doi=10.5438/x\nurl=https://elsewhere.net/x",
        headers=TEXT_HEADERS,
        auth=OWNER,
    )
    assert wrong_domain.status_code == 422
    assert "is not allowed by repository datacite.test domain settings" in wrong_domain.text


def test_other_repository_is_denied_and_unknown_dois_are_404(client: TestClient) -> None:
    _registered(client)
    denied = client.get("/doi/10.5438/mds-1", auth=OTHER)
    assert (denied.status_code, denied.text) == (403, "Access is denied")
    assert client.get("/metadata/10.5438/mds-1", auth=OTHER).status_code == 403
    missing = client.get("/doi/10.5438/nothing", auth=OWNER)
    assert (missing.status_code, missing.text) == (404, "DOI not found")
    unknown = client.get("/metadata/10.5438/nothing", auth=OWNER)
    assert (unknown.status_code, unknown.text) == (404, "DOI is unknown to MDS")
    assert client.get("/doi/not-a-doi", auth=OWNER).status_code == 404


def test_delete_metadata_hides_and_delete_doi_only_for_drafts(client: TestClient) -> None:
    _registered(client)
    refused = client.delete("/doi/10.5438/mds-1", auth=OWNER)
    assert refused.status_code == 405
    assert client.delete("/metadata/10.5438/mds-1", auth=OWNER).text == "OK"
    assert client.get("/dois/10.5438/mds-1").status_code == 404
    assert (
        client.get("/dois/10.5438/mds-1", auth=OWNER).json()["data"]["attributes"]["state"]
        == "registered"
    )
    client.put(
        "/metadata/10.5438/draft", content=_xml("10.5438/draft"), headers=XML_HEADERS, auth=OWNER
    )
    assert client.delete("/doi/10.5438/draft", auth=OWNER).text == "OK"
    assert client.delete("/metadata/10.5438/gone", auth=OWNER).status_code == 404


def test_media(client: TestClient) -> None:
    _registered(client)
    missing = client.get("/media/10.5438/mds-1", auth=OWNER)
    assert (missing.status_code, missing.text) == (404, "No media for the DOI")
    body = "application/json=https://example.org/a.json\r\ntext/csv=https://example.org/a.csv"
    assert (
        client.post("/media/10.5438/mds-1", content=body, headers=TEXT_HEADERS, auth=OWNER).text
        == "OK"
    )
    lines = client.get("/media/10.5438/mds-1", auth=OWNER).text.splitlines()
    assert sorted(lines) == [
        "application/json=https://example.org/a.json",
        "text/csv=https://example.org/a.csv",
    ]
    assert client.get("/doi/10.5438/mds-1/media", auth=OWNER).status_code == 200
    bad = client.post(
        "/media/10.5438/mds-1", content="text/plain=not a url", headers=TEXT_HEADERS, auth=OWNER
    )
    assert bad.status_code == 422
    empty = client.post("/media/10.5438/mds-1", content="", headers=TEXT_HEADERS, auth=OWNER)
    assert empty.status_code == 400
    assert (
        client.delete("/doi/10.5438/mds-1/media/0000-0000-0000-zzzz", auth=OWNER).status_code == 404
    )
    # a code longer than any 64-bit row id names no media (it was a 500 on PostgreSQL)
    too_long = client.delete("/doi/10.5438/mds-1/media/" + "zzzz-" * 8 + "zzzz", auth=OWNER)
    assert too_long.status_code == 404


def test_login_is_not_implemented(client: TestClient) -> None:
    response = client.get("/login")
    assert response.status_code == 501


def test_nul_characters_are_a_400(client: TestClient) -> None:
    """PostgreSQL cannot store NUL: MDS bodies holding one are refused on every backend."""
    doi = "10.5438/mds-nul"
    xml = _xml(doi).replace(b"</title>", b"\x00</title>", 1)
    metadata = client.put(f"/metadata/{doi}", content=xml, headers=XML_HEADERS, auth=OWNER)
    assert metadata.status_code == 422 and "Char 0x0" in metadata.text  # not well-formed XML
    assert (
        client.put(
            f"/metadata/{doi}", content=_xml(doi), headers=XML_HEADERS, auth=OWNER
        ).status_code
        == 201
    )
    body = f"doi={doi}\nurl=https://example.org/a\x00b"
    url = client.put(f"/doi/{doi}", content=body, headers=TEXT_HEADERS, auth=OWNER)
    assert url.status_code == 400, url.text
    assert client.get(f"/doi/{doi}", auth=OWNER).status_code == 204  # still no URL


MEMBER = ("DATACITE", "member-secret")
_DENIED_REQUESTS: list[tuple[str, str, tuple[str, str], bytes, dict[str, str]]] = [
    ("GET", "/doi/10.5438/mds-1", OTHER, b"", {}),
    ("PUT", "/doi/10.5438/mds-1", OTHER, b"doi=10.5438/mds-1\nurl=https://a.org/", TEXT_HEADERS),
    ("DELETE", "/doi/10.5438/mds-1", OTHER, b"", {}),
    ("GET", "/metadata/10.5438/mds-1", OTHER, b"", {}),
    ("DELETE", "/metadata/10.5438/mds-1", OTHER, b"", {}),
    ("PUT", "/metadata/10.5438/mds-2", OTHER, _xml("10.5438/mds-2"), XML_HEADERS),
    ("GET", "/media/10.5438/mds-1", OTHER, b"", {}),
    ("POST", "/media/10.5438/mds-1", OTHER, b"image/png=https://a.org/x.png", TEXT_HEADERS),
    ("GET", "/doi/10.5438/mds-1/media", OTHER, b"", {}),
    ("GET", "/doi", MEMBER, b"", {}),
    ("GET", "/doi/10.5438/mds-1", MEMBER, b"", {}),
]


@pytest.mark.parametrize(("method", "path", "auth", "body", "headers"), _DENIED_REQUESTS)
def test_every_403_says_access_is_denied(
    database: Database,
    client: TestClient,
    method: str,
    path: str,
    auth: tuple[str, str],
    body: bytes,
    headers: dict[str, str],
) -> None:
    with database.write() as connection:
        connection.execute(
            providers.update()
            .where(providers.c.id == "datacite")
            .values(password_hash=hash_password("member-secret"))
        )
    _registered(client)
    response = client.request(method, path, content=body, headers=headers, auth=auth)
    assert (response.status_code, response.text) == (403, "Access is denied")
