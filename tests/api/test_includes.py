"""``include=``: the repository of a DOI and the member of a repository side-loaded into
``included``, in the shape of DataCite's recorded responses (issue 15, item 4)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.conftest import TESTDATA
from tests.factories import ADMIN, make_repository, make_staff

from doiregistry.api.app import create_app
from doiregistry.settings import Settings
from doiregistry.storage.engine import Database

OWNER = ("DATACITE.TEST", "secret")
DOI = "10.5438/inc-1"
RECORDED = TESTDATA / "json/api/api.stage.datacite.org/dois-single/10.7272_q6g15xs4.json"


@pytest.fixture
def client(database: Database) -> Iterator[TestClient]:
    make_staff(database)
    with TestClient(create_app(Settings(), database)) as http:
        make_repository(http.app.state.registry)  # type: ignore[attr-defined]
        attributes = {"titles": [{"title": "T"}], "publisher": "P"}
        saved = http.put(f"/dois/{DOI}", json={"data": {"attributes": attributes}}, auth=OWNER)
        assert saved.status_code == 201, saved.text
        yield http


def _shape(resource: dict[str, Any]) -> tuple[str, list[str]]:
    return resource["type"], sorted(resource)


def test_a_single_doi_includes_its_repository_as_recorded(client: TestClient) -> None:
    recorded = json.loads(RECORDED.read_text())
    body = client.get(f"/dois/{DOI}?include=media,client", auth=OWNER).json()
    assert list(body) == list(recorded) == ["data", "included"]
    assert [_shape(one) for one in body["included"]] == [
        _shape(one) for one in recorded["included"]
    ]
    (repository,) = body["included"]
    assert repository["id"] == "datacite.test"
    assert repository["id"] == body["data"]["relationships"]["client"]["data"]["id"]
    # every attribute and relationship DataCite's included repository carries, ours carries
    assert set(recorded["included"][0]["attributes"]) <= set(repository["attributes"])
    assert set(recorded["included"][0]["relationships"]) <= set(repository["relationships"])


@pytest.mark.parametrize("query", ["", "?include=media", "?include=providers", "?include="])
def test_nothing_is_included_unless_the_client_is_asked_for(client: TestClient, query: str) -> None:
    body = client.get(f"/dois/{DOI}{query}", auth=OWNER).json()
    assert "included" not in body


def test_a_draft_lists_its_repository_only_to_who_may_see_it(client: TestClient) -> None:
    hidden = client.get(f"/dois/{DOI}?include=client")
    assert hidden.status_code == 404


def test_lists_of_dois_include_each_repository_once(client: TestClient) -> None:
    second = {"titles": [{"title": "U"}], "publisher": "P"}
    client.put("/dois/10.5438/inc-2", json={"data": {"attributes": second}}, auth=OWNER)
    body = client.get("/dois?include=media,client", auth=OWNER).json()
    assert list(body)[:2] == ["data", "included"]
    assert [one["id"] for one in body["included"]] == ["datacite.test"]
    assert "included" not in client.get("/dois?include=media", auth=OWNER).json()


@pytest.mark.parametrize("shape", ["clients", "repositories"])
def test_repositories_include_their_member(client: TestClient, shape: str) -> None:
    single = client.get(f"/{shape}/datacite.test?include=provider", auth=ADMIN).json()
    assert [(one["type"], one["id"]) for one in single["included"]] == [("providers", "datacite")]
    listing = client.get(f"/{shape}?include=provider", auth=ADMIN).json()
    assert list(listing) == ["data", "included", "meta", "links"]
    assert [(one["type"], one["id"]) for one in listing["included"]] == [("providers", "datacite")]
    plain = client.get(f"/{shape}/datacite.test?include=client", auth=ADMIN).json()
    assert "included" not in plain
    assert "included" not in client.get(f"/{shape}", auth=ADMIN).json()
