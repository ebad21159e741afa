"""The 20 conformance tests of spec §15, adjusted where docs/compatibility.md records a fix.

Adjustments: test 2 — no 10,000-result ceiling, so page 999 is page 999;
test 3 — the cursor is our own opaque keyset token (it still starts with
``page[cursor]=1``); test 5 — facets are on by default here too.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.search.datacite_lists import recorded_default_facets
from tests.seed import seed_repository

from doiregistry.api.app import create_app
from doiregistry.settings import Settings
from doiregistry.storage.engine import Database

TESTDATA = Path(__file__).resolve().parents[2].parent / "shared" / "datacite-testdata"
KERNEL4 = TESTDATA / "xml" / "datacite-schema" / "kernel-4.7" / "datacite-example-full-v4.xml"
KERNEL3 = TESTDATA / "xml" / "lupo" / "datacite_schema_3.xml"
OWNER = ("DATACITE.TEST", "secret")
OTHER = ("DATACITE.OTHER", "other-secret")


def _xml(path: Path = KERNEL4) -> str:
    return base64.b64encode(path.read_bytes()).decode()


def _publish(client: TestClient, doi: str, url: str = "https://example.org/x") -> Any:
    body = {"data": {"attributes": {"event": "publish", "url": url, "xml": _xml()}}}
    return client.put(f"/dois/{doi}", json=body, auth=OWNER)


@pytest.fixture
def client(database: Database) -> Iterator[TestClient]:
    seed_repository(database, "datacite.test", "secret", "10.5438", domains="example.org")
    seed_repository(database, "datacite.other", "other-secret", "10.14454")
    with TestClient(create_app(Settings(), database)) as test_client:
        for index in range(10):
            assert _publish(test_client, f"10.5438/pub-{index}").status_code == 201
        test_client.post(
            "/dois", json={"data": {"attributes": {"doi": "10.5438/draft"}}}, auth=OWNER
        )
        yield test_client


def test_01_anonymous_state_draft_lists_findable_only(client: TestClient) -> None:
    meta = client.get("/dois?state=draft&disable-facets=false").json()["meta"]
    assert meta["states"] == [{"id": "findable", "title": "Findable", "count": 10}]


def test_02_page_size_clamp_and_no_page_ceiling(client: TestClient) -> None:
    assert client.get("/dois?page[size]=5000").json()["meta"]["totalPages"] == 1
    assert client.get("/dois?page[number]=999&page[size]=25").json()["meta"]["page"] == 999


def test_03_cursor_walk_4_4_2(client: TestClient) -> None:
    sizes = []
    response = client.get("/dois?page[cursor]=1&page[size]=4").json()
    while True:
        sizes.append(len(response["data"]))
        if "next" not in response["links"]:
            break
        response = client.get(response["links"]["next"].replace("http://testserver", "")).json()
    assert sizes == [4, 4, 2]


def test_04_random_with_cursor_is_400(client: TestClient) -> None:
    response = client.get("/dois?random=true&page[cursor]=1")
    assert response.status_code == 400
    assert response.json()["errors"][0]["title"] == (
        "Cursor-based pagination and random sampling are mutually exclusive, "
        "please choose one or the other."
    )


def test_05_facet_switches(client: TestClient) -> None:
    assert list(client.get("/dois?facets=").json()["meta"]) == ["total", "totalPages", "page"]
    meta = client.get("/dois?disable-facets=false").json()["meta"]
    facets = [key for key in meta if key not in ("total", "totalPages", "page")]
    assert facets == recorded_default_facets()
    none = client.get("/dois?query=nothing-matches-this&disable-facets=false").json()["meta"]
    assert list(none) == ["total", "totalPages", "page"]


def test_06_fields_id_empties_attributes_and_relationships(client: TestClient) -> None:
    item = client.get("/dois?fields[dois]=id").json()["data"][0]
    assert item["attributes"] == {} and item["relationships"] == {}


def test_07_random_doi_vector(client: TestClient) -> None:
    assert client.get("/dois/random?prefix=10.14454&number=122149076").json() == {
        "dois": ["10.14454/3mfp-6m52"]
    }


def test_08_draft_with_only_a_doi(client: TestClient) -> None:
    response = client.post(
        "/dois", json={"data": {"attributes": {"doi": "10.5438/only"}}}, auth=OWNER
    )
    attributes = response.json()["data"]["attributes"]
    assert response.status_code == 201
    assert (attributes["state"], attributes["isActive"], attributes["registered"]) == (
        "draft",
        False,
        None,
    )


def test_09_register_without_url(client: TestClient) -> None:
    response = client.patch(
        "/dois/10.5438/draft", json={"data": {"attributes": {"event": "register"}}}, auth=OWNER
    )
    assert response.status_code == 422
    assert {"source": "url", "title": "Can't be blank", "uid": "10.5438/draft"} in response.json()[
        "errors"
    ]


def test_10_put_unknown_publishes_then_200(client: TestClient) -> None:
    first = _publish(client, "10.5438/new")
    assert first.status_code == 201 and first.json()["data"]["attributes"]["state"] == "findable"
    assert _publish(client, "10.5438/new").status_code == 200


def test_11_hide_with_reason(client: TestClient) -> None:
    body = {"data": {"attributes": {"event": "hide", "reason": "duplicate"}}}
    attributes = client.patch("/dois/10.5438/pub-1", json=body, auth=OWNER).json()["data"][
        "attributes"
    ]
    assert (attributes["state"], attributes["reason"]) == ("registered", "duplicate")


def test_12_delete_findable_405_draft_204(client: TestClient) -> None:
    refused = client.delete("/dois/10.5438/pub-2", auth=OWNER)
    assert refused.status_code == 405
    assert refused.headers["allow"] == "HEAD, GET, POST, PATCH, PUT, OPTIONS"
    assert client.delete("/dois/10.5438/draft", auth=OWNER).status_code == 204


def test_13_url_outside_domains(client: TestClient) -> None:
    response = _publish(client, "10.5438/elsewhere", url="https://elsewhere.net/x")
    assert response.status_code == 422
    assert any("domain settings" in e["title"] for e in response.json()["errors"])


def test_14_prefix_not_assigned_is_403(client: TestClient) -> None:
    response = client.post(
        "/dois", json={"data": {"attributes": {"doi": "10.14454/x"}}}, auth=OWNER
    )
    assert response.status_code == 403


def test_15_kernel_3_publish_is_422(client: TestClient) -> None:
    body = {
        "data": {
            "attributes": {"event": "publish", "url": "https://example.org/x", "xml": _xml(KERNEL3)}
        }
    }
    response = client.put("/dois/10.5438/k3", json=body, auth=OWNER)
    assert response.status_code == 422
    assert any("no longer supported" in e["title"] for e in response.json()["errors"])


def test_16_draft_hidden_from_anonymous_visible_to_owner(client: TestClient) -> None:
    assert client.get("/dois/10.5438/draft").status_code == 404
    attributes = client.get("/dois/10.5438/draft", auth=OWNER).json()["data"]["attributes"]
    assert {"xml", "prefix", "suffix", "alternateIdentifiers"} <= set(attributes)


def test_17_affiliation_and_publisher_forms(client: TestClient) -> None:
    plain = client.get("/dois/10.5438/pub-0").json()["data"]["attributes"]
    rich = client.get("/dois/10.5438/pub-0?affiliation=true&publisher=true").json()["data"][
        "attributes"
    ]
    assert isinstance(plain["publisher"], str) and isinstance(rich["publisher"], dict)
    assert isinstance(plain["creators"][0]["affiliation"][0], str)
    assert isinstance(rich["creators"][0]["affiliation"][0], dict)


def test_18_unknown_accept(client: TestClient) -> None:
    headers = {"accept": "application/vnd.ms-excel"}
    assert client.get("/dois/10.5438/pub-0", headers=headers).status_code == 406
    resolved = client.get("/10.5438/pub-0", headers=headers, follow_redirects=False)
    assert resolved.status_code == 303
    assert resolved.headers["location"] == "https://example.org/x"


def test_19_citation_styles(client: TestClient) -> None:
    headers = {"accept": "text/x-bibliography"}
    apa = client.get("/dois/10.5438/pub-0", headers=headers).text
    ieee = client.get("/dois/10.5438/pub-0?style=ieee", headers=headers).text
    assert apa.startswith("ExampleFamilyName, E.")
    assert "E. ExampleFamilyName" in ieee


def test_20_bad_token_401_bad_password_anonymous(client: TestClient) -> None:
    assert client.get("/dois", headers={"authorization": "Bearer nope"}).status_code == 401
    response = client.get("/dois", auth=("DATACITE.TEST", "wrong"))
    assert response.status_code == 200
    assert response.json()["meta"]["total"] == 10
