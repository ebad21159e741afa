"""Prefixes and their assignments over HTTP, up to a repository registering a DOI (spec §8)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.factories import ADMIN, STAFF, add_prefix, make_provider, make_repository

from doiregistry.registry.container import Registry

RECORDINGS = Path(__file__).resolve().parents[2].parent / "shared" / "datacite-testdata" / "json"
CLIENT_PREFIXES = (
    RECORDINGS
    / "api"
    / "api.datacite.org"
    / "client-prefixes-list"
    / "rdatacite__dc_client_prefixes.json"
)
MEMBER = ("datacite", "member-secret")
OWNER = ("DATACITE.TEST", "secret")


def related(kind: str, **ids: str) -> dict[str, Any]:
    return {
        "data": {
            "type": kind,
            "relationships": {
                name: {"data": {"type": name, "id": value}} for name, value in ids.items()
            },
        }
    }


def error(status: int, title: str) -> dict[str, Any]:
    return {"errors": [{"status": str(status), "title": title}]}


def new_doi(doi: str) -> dict[str, Any]:
    return {"data": {"type": "dois", "attributes": {"doi": doi}}}


# -- the pool -------------------------------------------------------------------------------


def test_staff_adds_and_removes_a_pool_prefix(http: TestClient) -> None:
    response = http.post(
        "/prefixes", json={"data": {"type": "prefixes", "id": "10.17177"}}, auth=ADMIN
    )
    assert response.status_code == 201, response.text
    assert response.headers["location"] == "/prefixes/10.17177"
    data = response.json()["data"]
    assert (data["id"], data["type"], list(data["attributes"])) == (
        "10.17177",
        "prefixes",
        ["prefix", "createdAt"],
    )
    assert data["relationships"] == {
        "clients": {"data": []},
        "providers": {"data": []},
        "clientPrefixes": {"data": []},
        "providerPrefixes": {"data": []},
    }
    assert http.get("/prefixes/10.17177").json()["data"]["attributes"]["prefix"] == "10.17177"
    assert http.delete("/prefixes/10.17177", auth=ADMIN).status_code == 204
    assert http.get("/prefixes/10.17177").status_code == 404


def test_pool_errors(http: TestClient, registry: Registry) -> None:
    make_provider(registry, "datacite", password=MEMBER[1])
    add_prefix(registry, "10.5438")
    prefix = {"data": {"type": "prefixes", "id": "10.5438"}}
    assert http.post("/prefixes", json=prefix).status_code == 401
    assert http.post("/prefixes", json=prefix, auth=MEMBER).status_code == 403
    duplicate = http.post("/prefixes", json=prefix, auth=ADMIN)
    assert duplicate.status_code == 409
    assert duplicate.json() == error(409, "The resource already exists.")
    invalid = http.post("/prefixes", json={"data": {"id": "10.12"}}, auth=ADMIN)
    assert invalid.status_code == 422
    assert invalid.json() == {"errors": [{"source": "prefix", "title": "Is invalid"}]}
    assert http.delete("/prefixes/10.5438", auth=MEMBER).status_code == 403
    assert http.delete("/prefixes/10.9999", auth=ADMIN).status_code == 404


@pytest.mark.parametrize("method", ["PUT", "PATCH"])
def test_prefixes_are_never_updated(http: TestClient, method: str) -> None:
    response = http.request(method, "/prefixes/10.5438", json={}, auth=ADMIN)
    assert response.status_code == 405
    assert response.headers["allow"] == "HEAD, GET, POST, OPTIONS"
    assert response.json() == error(405, "Method not allowed")


@pytest.mark.parametrize(
    "path", ["/provider-prefixes/x", "/client-prefixes/x", "/repository-prefixes/x"]
)
@pytest.mark.parametrize("method", ["PUT", "PATCH"])
def test_assignments_are_never_updated(http: TestClient, method: str, path: str) -> None:
    response = http.request(method, path, json={})
    assert response.status_code == 405
    assert response.headers["allow"] == "HEAD, GET, POST, DELETE, OPTIONS"
    assert response.json() == error(405, "Method not allowed")


def test_pool_list_by_state(http: TestClient, registry: Registry) -> None:
    make_repository(registry, "datacite", "datacite.test", prefix="10.5438")
    add_prefix(registry, "10.1000")
    free = http.get("/prefixes", params={"state": "unassigned"}).json()
    assert [item["id"] for item in free["data"]] == ["10.1000"]
    used = http.get("/prefixes", params={"client-id": "datacite.test"}).json()
    assert used["data"][0]["relationships"]["clients"] == {
        "data": [{"id": "datacite.test", "type": "clients"}]
    }
    assert http.get("/prefixes", params={"state": "lost"}).status_code == 400


# -- the whole way: pool → member → repository → DOI ----------------------------------------


def test_staff_member_repository_doi(http: TestClient, registry: Registry) -> None:
    make_provider(registry, "datacite", password=MEMBER[1])
    for prefix in ("10.5438", "10.80000"):
        added = http.post(
            "/prefixes", json={"data": {"type": "prefixes", "id": prefix}}, auth=ADMIN
        )
        assert added.status_code == 201
    repository = http.post(
        "/repositories",
        json={
            "data": {
                "type": "repositories",
                "attributes": {
                    "symbol": "DATACITE.TEST",
                    "name": "Test repository",
                    "systemEmail": "test@example.org",
                    "passwordInput": "secret",
                },
                "relationships": {"provider": {"data": {"type": "providers", "id": "datacite"}}},
            }
        },
        auth=MEMBER,
    )
    assert repository.status_code == 201, repository.text
    assert repository.json()["data"]["relationships"]["prefixes"]["data"] == [
        {"id": "10.5438", "type": "prefixes"}
    ]
    assert http.post("/dois", json=new_doi("10.80000/one"), auth=OWNER).status_code == 403

    taken = http.post(
        "/provider-prefixes",
        json=related("provider-prefixes", provider="datacite", prefix="10.80000"),
        auth=MEMBER,
    )
    assert taken.status_code == 201, taken.text
    provider_prefix = taken.json()["data"]
    assert provider_prefix["type"] == "provider-prefixes"
    assert list(provider_prefix["attributes"]) == ["createdAt", "updatedAt"]
    assert provider_prefix["relationships"]["provider"]["data"] == {
        "id": "datacite",
        "type": "providers",
    }
    given = http.post(
        "/client-prefixes",
        json=related(
            "client-prefixes",
            client="datacite.test",
            providerPrefix=provider_prefix["id"],
            prefix="10.80000",
        ),
        auth=MEMBER,
    )
    assert given.status_code == 201, given.text
    assert given.headers["location"] == f"/client-prefixes/{given.json()['data']['id']}"

    created = http.post("/dois", json=new_doi("10.80000/one"), auth=OWNER)
    assert created.status_code == 201, created.text
    assert created.json()["data"]["id"] == "10.80000/one"
    assert http.post("/dois", json=new_doi("10.5438/two"), auth=OWNER).status_code == 201

    removed = http.delete(f"/client-prefixes/{given.json()['data']['id']}", auth=MEMBER)
    assert removed.status_code == 204
    assert http.post("/dois", json=new_doi("10.80000/three"), auth=OWNER).status_code == 403


# -- provider prefixes ----------------------------------------------------------------------


def test_provider_prefix_errors(http: TestClient, registry: Registry) -> None:
    make_provider(registry, "datacite", password=MEMBER[1])
    make_provider(registry, "other")
    add_prefix(registry, "10.5438")
    for_other = related("provider-prefixes", provider="other", prefix="10.5438")
    assert http.post("/provider-prefixes", json=for_other).status_code == 401
    assert http.post("/provider-prefixes", json=for_other, auth=MEMBER).status_code == 403
    missing = http.post(
        "/provider-prefixes",
        json=related("provider-prefixes", provider="datacite", prefix="10.9999"),
        auth=MEMBER,
    )
    assert missing.status_code == 422
    assert missing.json() == {"errors": [{"source": "prefix", "title": "Must exist"}]}
    assert http.post("/provider-prefixes", json=for_other, auth=ADMIN).status_code == 201
    again = http.post(
        "/provider-prefixes",
        json=related("provider-prefixes", provider="datacite", prefix="10.5438"),
        auth=ADMIN,
    )
    assert again.status_code == 409


def test_provider_prefix_read_list_and_delete(http: TestClient, registry: Registry) -> None:
    make_repository(registry, "datacite", "datacite.test", prefix="10.5438")
    make_provider(registry, "other", password="other-secret")
    listing = http.get("/provider-prefixes", params={"provider-id": "DATACITE"}).json()
    assert [listing["meta"][k] for k in ("total", "totalPages", "page")] == [1, 1, 1]
    (item,) = listing["data"]
    assert item["relationships"]["clients"] == {
        "data": [{"id": "datacite.test", "type": "clients"}]
    }
    assert http.get(f"/provider-prefixes/{item['id']}").json()["data"] == item
    assert http.get("/provider-prefixes/nope").status_code == 404
    assert (
        http.delete(f"/provider-prefixes/{item['id']}", auth=("other", "other-secret")).status_code
        == 403
    )
    assert http.delete(f"/provider-prefixes/{item['id']}", auth=ADMIN).status_code == 204
    assert http.get("/prefixes/10.5438").json()["data"]["relationships"]["providers"] == {
        "data": []
    }


# -- client and repository prefixes ---------------------------------------------------------


def test_client_prefix_must_name_an_existing_repository(
    http: TestClient, registry: Registry
) -> None:
    make_provider(registry, "datacite", password=MEMBER[1])
    add_prefix(registry, "10.5438")
    registry.prefixes.assign_to_provider(STAFF, "datacite", "10.5438")
    response = http.post(
        "/client-prefixes", json=related("client-prefixes", prefix="10.5438"), auth=MEMBER
    )
    assert response.status_code == 422
    assert response.json() == {"errors": [{"source": "client", "title": "Must exist"}]}
    repository = http.post(
        "/repository-prefixes",
        json=related("repository-prefixes", repository="datacite.none", prefix="10.5438"),
        auth=MEMBER,
    )
    assert repository.json() == {"errors": [{"source": "repository", "title": "Must exist"}]}


def test_repository_prefixes_shape_and_filters(http: TestClient, registry: Registry) -> None:
    make_repository(registry, "datacite", "datacite.test", prefix="10.5438")
    make_repository(registry, "other", "other.test", prefix="10.6000")
    listing = http.get("/repository-prefixes", params={"repository-id": "datacite.test"}).json()
    (item,) = listing["data"]
    assert item["type"] == "repository-prefixes"
    assert list(item["relationships"]) == ["repository", "provider", "providerPrefix", "prefix"]
    assert item["relationships"]["repository"]["data"] == {
        "id": "datacite.test",
        "type": "repositories",
    }
    clients = http.get("/client-prefixes", params={"provider-id": "other"}).json()
    assert [i["relationships"]["client"]["data"]["id"] for i in clients["data"]] == ["other.test"]
    assert http.get(f"/client-prefixes/{item['id']}").json()["data"]["type"] == "client-prefixes"
    assert http.get("/repository-prefixes/nope").status_code == 404


def test_client_prefix_shape_matches_datacites_recording(
    http: TestClient, registry: Registry
) -> None:
    recorded = json.loads(CLIENT_PREFIXES.read_text())["data"][0]
    make_repository(registry)
    ours = http.get("/client-prefixes").json()["data"][0]
    assert list(ours) == list(recorded)
    assert list(ours["relationships"]) == list(recorded["relationships"])


def test_repository_assigns_nothing_and_others_delete_nothing(
    http: TestClient, registry: Registry
) -> None:
    make_repository(registry, "datacite", "datacite.test", prefix="10.5438")
    make_provider(registry, "other", password="other-secret")
    add_prefix(registry, "10.5439")
    registry.prefixes.assign_to_provider(STAFF, "datacite", "10.5439")
    attempt = related("client-prefixes", client="datacite.test", prefix="10.5439")
    assert http.post("/client-prefixes", json=attempt, auth=OWNER).status_code == 403
    assert (
        http.post("/client-prefixes", json=attempt, auth=("other", "other-secret")).status_code
        == 403
    )
    (item,) = http.get("/client-prefixes", params={"client-id": "datacite.test"}).json()["data"]
    assert http.delete(f"/client-prefixes/{item['id']}", auth=OWNER).status_code == 403
    assert http.delete(f"/client-prefixes/{item['id']}").status_code == 401
    assert http.delete("/client-prefixes/nope", auth=ADMIN).status_code == 404
