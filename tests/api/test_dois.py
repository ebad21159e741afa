"""``/dois`` over HTTP: create, update, events, delete, visibility and errors (spec §5, §15)."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.seed import seed_repository

from doiregistry.api.app import create_app
from doiregistry.settings import Settings
from doiregistry.storage.engine import Database

TESTDATA = Path(__file__).resolve().parents[2].parent / "shared" / "datacite-testdata"
OWNER = ("DATACITE.TEST", "secret")
OTHER = ("DATACITE.OTHER", "other-secret")
KERNEL4 = TESTDATA / "xml" / "datacite-schema" / "kernel-4.7" / "datacite-example-full-v4.xml"


@pytest.fixture
def client(database: Database) -> Iterator[TestClient]:
    seed_repository(
        database, "datacite.test", "secret", "10.5438", domains="*.example.org,example.com"
    )
    seed_repository(database, "datacite.other", "other-secret", "10.14454")
    with TestClient(create_app(Settings(), database)) as test_client:
        yield test_client


def _xml(doi: str = "10.5438/0012") -> str:
    text = KERNEL4.read_text(encoding="utf-8")
    return base64.b64encode(text.encode()).decode()


def _post(client: TestClient, attributes: dict[str, object], auth: tuple[str, str] = OWNER):
    return client.post(
        "/dois",
        json={"data": {"type": "dois", "attributes": attributes}},
        auth=auth,
        headers={"content-type": "application/vnd.api+json"},
    )


def test_draft_with_only_a_doi(client: TestClient) -> None:
    response = _post(client, {"doi": "10.5438/0012"})
    assert response.status_code == 201, response.text
    attributes = response.json()["data"]["attributes"]
    assert attributes["state"] == "draft"
    assert attributes["isActive"] is False
    assert attributes["registered"] is None
    assert response.json()["data"]["id"] == "10.5438/0012"


def test_doi_is_case_insensitive_and_shown_lower_case(client: TestClient) -> None:
    _post(client, {"doi": "10.5438/ABCD"})
    response = client.get("/dois/10.5438/abcd", auth=OWNER)
    assert response.status_code == 200
    assert response.json()["data"]["attributes"]["doi"] == "10.5438/abcd"


def test_prefix_only_generates_a_suffix(client: TestClient) -> None:
    response = _post(client, {"prefix": "10.5438"})
    assert response.status_code == 201
    doi = response.json()["data"]["id"]
    assert doi.startswith("10.5438/") and len(doi) == len("10.5438/xxxx-xxxx")


def test_register_without_url_is_422(client: TestClient) -> None:
    _post(client, {"doi": "10.5438/0012"})
    response = client.patch(
        "/dois/10.5438/0012", json={"data": {"attributes": {"event": "register"}}}, auth=OWNER
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert {"source": "url", "title": "Can't be blank", "uid": "10.5438/0012"} in errors


def test_put_on_unknown_doi_publishes_then_updates(client: TestClient) -> None:
    body = {
        "data": {
            "attributes": {
                "event": "publish",
                "url": "https://www.example.org/landing",
                "xml": _xml(),
            }
        }
    }
    first = client.put("/dois/10.5438/0012", json=body, auth=OWNER)
    assert first.status_code == 201, first.text
    attributes = first.json()["data"]["attributes"]
    assert attributes["state"] == "findable"
    assert attributes["isActive"] is True
    assert attributes["registered"] is not None
    assert attributes["titles"][0]["title"]
    second = client.put("/dois/10.5438/0012", json=body, auth=OWNER)
    assert second.status_code == 200
    xml = client.get(
        "/dois/10.5438/0012", headers={"accept": "application/vnd.datacite.datacite+xml"}
    )
    assert xml.status_code == 200
    assert "10.5438/0012".upper() in xml.text


def test_hide_with_reason(client: TestClient) -> None:
    body = {
        "data": {"attributes": {"event": "publish", "url": "https://example.com/x", "xml": _xml()}}
    }
    client.put("/dois/10.5438/0012", json=body, auth=OWNER)
    response = client.patch(
        "/dois/10.5438/0012",
        json={"data": {"attributes": {"event": "hide", "reason": "withdrawn by author"}}},
        auth=OWNER,
    )
    assert response.status_code == 200
    attributes = response.json()["data"]["attributes"]
    assert attributes["state"] == "registered"
    assert attributes["reason"] == "withdrawn by author"
    assert client.get("/dois/10.5438/0012").status_code == 404


def test_delete_findable_is_405_and_draft_204(client: TestClient) -> None:
    body = {
        "data": {"attributes": {"event": "publish", "url": "https://example.com/x", "xml": _xml()}}
    }
    client.put("/dois/10.5438/0012", json=body, auth=OWNER)
    refused = client.delete("/dois/10.5438/0012", auth=OWNER)
    assert refused.status_code == 405
    assert refused.headers["allow"] == "HEAD, GET, POST, PATCH, PUT, OPTIONS"
    _post(client, {"doi": "10.5438/draft"})
    assert client.delete("/dois/10.5438/draft", auth=OWNER).status_code == 204
    assert client.get("/dois/10.5438/draft", auth=OWNER).status_code == 404


def test_url_outside_domains_is_422(client: TestClient) -> None:
    body = {
        "data": {"attributes": {"event": "publish", "url": "https://evil.org/x", "xml": _xml()}}
    }
    response = client.put("/dois/10.5438/0012", json=body, auth=OWNER)
    assert response.status_code == 422
    titles = [e["title"] for e in response.json()["errors"]]
    assert (
        "URL https://evil.org/x is not allowed by repository datacite.test domain settings."
        in titles
    )


def test_prefix_of_another_repository_is_403(client: TestClient) -> None:
    response = _post(client, {"doi": "10.14454/0012"})
    assert response.status_code == 403
    assert (
        response.json()["errors"][0]["title"] == "You are not authorized to access this resource."
    )


def test_kernel_3_on_publish_is_no_longer_supported(client: TestClient) -> None:
    kernel3 = (TESTDATA / "xml" / "lupo" / "datacite_schema_3.xml").read_bytes()
    body = {
        "data": {
            "attributes": {
                "event": "publish",
                "url": "https://example.com/x",
                "xml": base64.b64encode(kernel3).decode(),
            }
        }
    }
    response = client.put("/dois/10.5438/0012", json=body, auth=OWNER)
    assert response.status_code == 422
    titles = [e["title"] for e in response.json()["errors"]]
    assert (
        "DOI 10.5438/0012: Schema http://datacite.org/schema/kernel-3 is no longer supported"
        in titles
    )


def test_draft_invisible_to_anonymous_and_other_repositories(client: TestClient) -> None:
    _post(client, {"doi": "10.5438/0012"})
    assert client.get("/dois/10.5438/0012").status_code == 404
    assert client.get("/dois/10.5438/0012", auth=OTHER).status_code == 404
    owned = client.get("/dois/10.5438/0012", auth=OWNER)
    assert owned.status_code == 200
    attributes = owned.json()["data"]["attributes"]
    for key in ("xml", "prefix", "suffix", "alternateIdentifiers"):
        assert key in attributes
    listed = client.get("/dois").json()
    assert listed["meta"]["total"] == 0
    other_list = client.get("/dois", auth=OTHER).json()
    assert other_list["meta"]["total"] == 0
    assert client.get("/dois", auth=OWNER).json()["meta"]["total"] == 1


def test_other_repository_cannot_change_a_findable_doi(client: TestClient) -> None:
    body = {
        "data": {"attributes": {"event": "publish", "url": "https://example.com/x", "xml": _xml()}}
    }
    client.put("/dois/10.5438/0012", json=body, auth=OWNER)
    response = client.put(
        "/dois/10.5438/0012",
        json={"data": {"attributes": {"url": "https://example.com/y"}}},
        auth=OTHER,
    )
    assert response.status_code == 403


def test_affiliation_and_publisher_flags(client: TestClient) -> None:
    body = {
        "data": {"attributes": {"event": "publish", "url": "https://example.com/x", "xml": _xml()}}
    }
    client.put("/dois/10.5438/0012", json=body, auth=OWNER)
    plain = client.get("/dois/10.5438/0012").json()["data"]["attributes"]
    rich = client.get("/dois/10.5438/0012?affiliation=true&publisher=true").json()["data"][
        "attributes"
    ]
    assert isinstance(plain["publisher"], str)
    assert isinstance(rich["publisher"], dict) and rich["publisher"]["name"] == plain["publisher"]
    creator_plain = plain["creators"][0]["affiliation"]
    creator_rich = rich["creators"][0]["affiliation"]
    assert all(isinstance(a, str) for a in creator_plain)
    assert [a["name"] for a in creator_rich] == creator_plain


def test_unknown_accept_is_406(client: TestClient) -> None:
    body = {
        "data": {"attributes": {"event": "publish", "url": "https://example.com/x", "xml": _xml()}}
    }
    client.put("/dois/10.5438/0012", json=body, auth=OWNER)
    response = client.get("/dois/10.5438/0012", headers={"accept": "application/vnd.ms-excel"})
    assert response.status_code == 406


def test_write_without_credentials_is_401_and_bad_password_reads_anonymously(
    client: TestClient,
) -> None:
    assert (
        _post(client, {"doi": "10.5438/0012"}, auth=("DATACITE.TEST", "wrong")).status_code == 401
    )
    response = client.post("/dois", json={"data": {"attributes": {"doi": "10.5438/1"}}})
    assert response.status_code == 401
    assert response.json()["errors"][0]["title"] == "Bad credentials."
    assert client.get("/dois", auth=("DATACITE.TEST", "wrong")).status_code == 200


def test_bearer_token_is_401(client: TestClient) -> None:
    response = client.get("/dois", headers={"authorization": "Bearer not-a-token"})
    assert response.status_code == 401


def test_random_dois(client: TestClient) -> None:
    response = client.get("/dois/random?prefix=10.14454&number=122149076")
    assert response.json() == {"dois": ["10.14454/3mfp-6m52"]}
    missing = client.get("/dois/random")
    assert missing.status_code == 422
    assert missing.json()["errors"][0]["title"] == "Parameter prefix is required"
    bad = client.get("/dois/random?prefix=10.aaaa03")
    assert bad.status_code == 422


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"{not json", 400),
        (b"[]", 400),
        (b'{"data": "x"}', 400),
        (b'{"data": {"attributes": []}}', 400),
    ],
)
def test_malformed_bodies(client: TestClient, body: bytes, status: int) -> None:
    response = client.post(
        "/dois", content=body, auth=OWNER, headers={"content-type": "application/vnd.api+json"}
    )
    assert response.status_code == status
    assert response.json()["errors"][0]["title"]


def test_wrong_json_types_are_422_and_change_nothing(client: TestClient) -> None:
    response = _post(client, {"doi": "10.5438/0012", "titles": "just a string", "types": []})
    assert response.status_code == 422
    titles = [e["title"] for e in response.json()["errors"]]
    assert "Title 'just a string' should be an object instead of a string." in titles
    assert any(e["source"] == "types" for e in response.json()["errors"])
    assert client.get("/dois/10.5438/0012", auth=OWNER).status_code == 404


def test_unknown_route_and_method(client: TestClient) -> None:
    missing = client.get("/no-such-thing")
    assert missing.status_code == 404
    assert missing.json()["errors"][0]["title"] == "The resource you are looking for doesn't exist."
    wrong = client.request("PATCH", "/heartbeat")
    assert wrong.status_code == 405


def test_nul_characters_are_400_not_500(client: TestClient) -> None:
    for path in ("/dois/10.5438/a%00b", "/dois?query=a%00b", "/doi/10.5438/x%00"):
        response = client.get(path, auth=OWNER)
        assert response.status_code == 400
        assert response.json()["errors"][0]["title"] == "NUL characters are not allowed."


def test_responses_are_gzipped_when_accepted(client: TestClient) -> None:
    for index in range(5):
        _post(client, {"doi": f"10.5438/gz-{index}", "titles": [{"title": "x" * 300}]})
    response = client.get("/dois?page[size]=5", auth=OWNER, headers={"accept-encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    assert response.json()["meta"]["total"] == 5


def test_validate_returns_the_would_be_doi_and_stores_nothing(client: TestClient) -> None:
    body = {
        "data": {
            "attributes": {"doi": "10.5438/check", "url": "https://example.com/x", "xml": _xml()}
        }
    }
    response = client.post("/dois/validate", json=body, auth=OWNER)
    assert response.status_code == 200
    assert response.json()["data"]["id"] == "10.5438/check"
    assert client.get("/dois/10.5438/check", auth=OWNER).status_code == 404


def test_validate_reports_every_error_with_status_200(client: TestClient) -> None:
    body = {"data": {"attributes": {"doi": "10.5438/check", "titles": [{"title": "Only a title"}]}}}
    response = client.post("/dois/validate", json=body, auth=OWNER)
    assert response.status_code == 200
    sources = {error["source"] for error in response.json()["errors"]}
    assert {"creators", "publisher"} <= sources
    assert client.post("/dois/validate", json=body).status_code == 401


def test_values_longer_than_their_columns_are_422_not_500(client: TestClient) -> None:
    long_doi = "10.5438/" + "a" * 300
    response = _post(client, {"doi": long_doi})
    assert response.status_code == 422
    assert any("too long" in e["title"] for e in response.json()["errors"])
    source = _post(client, {"doi": "10.5438/src", "source": "s" * 40})
    assert source.status_code == 422
    schema = _post(client, {"doi": "10.5438/sv", "schemaVersion": "x" * 100})
    assert schema.status_code == 422
    odd_type = _post(client, {"doi": "10.5438/ty", "types": {"resourceTypeGeneral": "T" * 100}})
    assert odd_type.status_code == 201
    issued = {"dates": [{"date": "2020-01-01/" + "9" * 60, "dateType": "Issued"}]}
    assert _post(client, {"doi": "10.5438/issued", **issued}).status_code == 201
