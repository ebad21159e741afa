"""``/clients/totals``, ``/repositories/totals``, ``/providers/totals``, ``/prefixes/totals``:
registered and findable DOIs per account or prefix (issue 15, item 5)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from tests.seed import seed_repository

from doiregistry.api.app import create_app
from doiregistry.settings import Settings
from doiregistry.storage.engine import Database

OWNER = ("DATACITE.TEST", "secret")
OTHER = ("OTHER.REPO", "other-secret")
FINDABLE = {
    "event": "publish",
    "titles": [{"title": "T"}],
    "publisher": "P",
    "publicationYear": 2020,
    "creators": [{"name": "Doe, Jane"}],
    "types": {"resourceTypeGeneral": "Dataset"},
}


@pytest.fixture
def client(database: Database) -> Iterator[TestClient]:
    seed_repository(database, "datacite.test", "secret", "10.5438")
    seed_repository(database, "other.repo", "other-secret", "10.14454")
    with TestClient(create_app(Settings(), database)) as http:
        for doi, auth, attributes in (
            ("10.5438/a", OWNER, FINDABLE),
            ("10.5438/b", OWNER, FINDABLE),
            ("10.5438/draft", OWNER, {"titles": [{"title": "D"}]}),
            ("10.14454/c", OTHER, FINDABLE),
        ):
            body = {"data": {"attributes": {**attributes, "url": f"https://example.org/{doi}"}}}
            assert http.put(f"/dois/{doi}", json=body, auth=auth).status_code == 201
        yield http


def _findable(count: int) -> dict[str, object]:
    return {
        "count": count,
        "temporal": {
            "this_month": count,
            "this_year": count,
            "last_year": 0,
            "two_years_ago": 0,
        },
        "states": [{"id": "findable", "title": "Findable", "count": count}],
    }


@pytest.mark.parametrize("shape", ["clients", "repositories"])
def test_per_repository(client: TestClient, shape: str) -> None:
    response = client.get(f"/{shape}/totals")
    assert response.status_code == 200
    assert response.json() == [
        {"id": "datacite.test", "title": "datacite.test", **_findable(2)},
        {"id": "other.repo", "title": "other.repo", **_findable(1)},
    ]
    only = client.get(f"/{shape}/totals?provider-id=OTHER").json()
    assert [one["id"] for one in only] == ["other.repo"]


def test_per_member(client: TestClient) -> None:
    assert client.get("/providers/totals").json() == [
        {"id": "datacite", "title": "Datacite", **_findable(2)},
        {"id": "other", "title": "Other", **_findable(1)},
    ]


def test_per_prefix(client: TestClient) -> None:
    assert [(one["id"], one["count"]) for one in client.get("/prefixes/totals").json()] == [
        ("10.14454", 1),
        ("10.5438", 2),
    ]
    only = client.get("/prefixes/totals?client-id=datacite.test").json()
    assert [one["id"] for one in only] == ["10.5438"]


@pytest.mark.parametrize(
    "path", ["/clients/totals?provider-id=nobody", "/prefixes/totals?client-id=nobody.x"]
)
def test_an_unknown_owner_has_no_totals(client: TestClient, path: str) -> None:
    assert client.get(path).json() == []


@pytest.mark.parametrize(
    "path", ["/clients/totals", "/providers/totals", "/prefixes/totals", "/repositories/totals"]
)
def test_a_nul_is_a_400(client: TestClient, path: str) -> None:
    response = client.get(path, params={"provider-id": "a\x00", "client-id": "a\x00"})
    assert response.status_code == 400


def test_totals_is_not_an_account_id(client: TestClient) -> None:
    assert client.get("/clients/totals").headers["content-type"].startswith("application/json")
    assert client.get("/clients/datacite.test").status_code == 200
