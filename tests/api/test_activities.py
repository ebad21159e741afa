"""Version history: ``/dois/{doi}/activities`` and ``/activities`` (spec §9), no leak of drafts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from tests.seed import seed_repository

from doiregistry.api.app import create_app
from doiregistry.settings import Settings
from doiregistry.storage.engine import Database

OWNER = ("DATACITE.TEST", "secret")
OTHER = ("DATACITE.OTHER", "other-secret")


@pytest.fixture
def client(database: Database) -> Iterator[TestClient]:
    seed_repository(database, "datacite.test", "secret", "10.5438")
    seed_repository(database, "datacite.other", "other-secret", "10.14454")
    with TestClient(create_app(Settings(base_url="https://api.example.org"), database)) as test:
        yield test


def _write(client: TestClient, doi: str, attributes: dict[str, object]) -> None:
    response = client.put(f"/dois/{doi}", json={"data": {"attributes": attributes}}, auth=OWNER)
    assert response.status_code in (200, 201), response.text


def test_history_of_a_doi(client: TestClient) -> None:
    _write(client, "10.5438/h1", {"titles": [{"title": "First"}], "publisher": "Pub"})
    _write(client, "10.5438/h1", {"titles": [{"title": "Second"}]})
    body = client.get("/dois/10.5438/h1/activities", auth=OWNER).json()
    assert body["meta"]["total"] == 2
    newest, first = body["data"]
    assert newest["attributes"]["action"] == "update" and newest["attributes"]["version"] == 2
    assert newest["attributes"]["changes"]["titles"] == [
        [{"title": "First"}],
        [{"title": "Second"}],
    ]
    assert first["attributes"]["action"] == "create"
    assert first["attributes"]["changes"]["publisher"] == "Pub"
    assert first["attributes"]["prov:wasDerivedFrom"] == "https://doi.org/10.5438/h1"
    assert (
        first["attributes"]["prov:wasAttributedTo"]
        == "https://api.example.org/repositories/datacite.test"
    )
    assert first["attributes"]["prov:wasGeneratedBy"].startswith(
        "https://api.example.org/activities/"
    )
    rich = client.get("/dois/10.5438/h1/activities?publisher=true", auth=OWNER).json()
    assert rich["data"][1]["attributes"]["changes"]["publisher"] == {"name": "Pub"}
    one = client.get(f"/activities/{first['id']}", auth=OWNER)
    assert one.status_code == 200 and one.json()["data"]["id"] == first["id"]


def test_draft_history_is_not_public(client: TestClient) -> None:
    _write(client, "10.5438/secret", {"titles": [{"title": "Draft"}]})
    assert client.get("/dois/10.5438/secret/activities").status_code == 404
    assert client.get("/dois/10.5438/secret/activities", auth=OTHER).status_code == 404
    uuid = client.get("/dois/10.5438/secret/activities", auth=OWNER).json()["data"][0]["id"]
    assert client.get(f"/activities/{uuid}").status_code == 404
    assert client.get("/activities").json()["meta"]["total"] == 0
    assert client.get("/activities", auth=OWNER).json()["meta"]["total"] == 1
    assert client.get("/activities/no-such-uuid").status_code == 404


def test_activities_paging_errors(client: TestClient) -> None:
    response = client.get("/activities?page[size]=ten")
    assert response.status_code == 400
