"""REST ``/dois/{doi}/media`` and ``/dois/{doi}/media/{id}``: what MDS ``/media`` stores, in
the shape of DataCite's recorded responses (issue 15, item 5)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from tests.conftest import TESTDATA
from tests.seed import seed_repository

from doiregistry.api.app import create_app
from doiregistry.settings import Settings
from doiregistry.storage.engine import Database

OWNER = ("DATACITE.TEST", "secret")
OTHER = ("DATACITE.OTHER", "other-secret")
TEXT = {"content-type": "text/plain;charset=UTF-8"}
RECORDED = TESTDATA / "json/api/api.stage.datacite.org/dois-subresources"
FINDABLE = {
    "event": "publish",
    "url": "https://example.org/",
    "titles": [{"title": "T"}],
    "publisher": "P",
    "publicationYear": 2020,
    "creators": [{"name": "Doe, Jane"}],
    "types": {"resourceTypeGeneral": "Dataset"},
}


@pytest.fixture
def client(database: Database) -> Iterator[TestClient]:
    seed_repository(database, "datacite.test", "secret", "10.5438")
    seed_repository(database, "datacite.other", "other-secret", "10.14454")
    with TestClient(create_app(Settings(), database)) as http:
        for doi, attributes in (("10.5438/pub", FINDABLE), ("10.5438/draft", {"titles": []})):
            saved = http.put(f"/dois/{doi}", json={"data": {"attributes": attributes}}, auth=OWNER)
            assert saved.status_code == 201, saved.text
        media = "application/pdf=https://example.org/a.pdf"
        for doi in ("10.5438/pub", "10.5438/draft"):
            added = http.post(f"/media/{doi}", content=media, headers=TEXT, auth=OWNER)
            assert added.status_code == 200, added.text
        yield http


def _keys(value: object) -> object:
    """The key structure of a JSON value (lists by their first element)."""
    if isinstance(value, dict):
        return {key: _keys(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_keys(value[0])] if value else []
    return None


def test_the_list_as_recorded(client: TestClient) -> None:
    recorded = json.loads((RECORDED / "10.14454_05MB-Q396_media__list.json").read_text())
    body = client.get("/dois/10.5438/pub/media").json()
    assert list(body) == ["data", "included", "meta", "links"] == list(recorded)
    assert _keys(body["data"]) == _keys(recorded["data"])
    assert body["meta"] == {"total": 1, "total-pages": 1, "page": 1}
    (media,) = body["data"]
    assert media["attributes"]["url"] == "https://example.org/a.pdf"
    assert media["attributes"]["mediaType"] == "application/pdf"
    assert media["relationships"]["doi"]["data"] == {"id": "10.5438/PUB", "type": "dois"}
    assert [(one["type"], one["id"]) for one in body["included"]] == [("dois", "10.5438/pub")]


def test_one_media_as_recorded(client: TestClient) -> None:
    recorded = json.loads(
        (RECORDED / "10.14454_05MB-Q396_media_0000-0000-0000-n07b.json").read_text()
    )
    media_id = client.get("/dois/10.5438/pub/media").json()["data"][0]["id"]
    body = client.get(f"/dois/10.5438/pub/media/{media_id}").json()
    assert list(body) == list(recorded) == ["data", "included"]
    assert _keys(body["data"]) == _keys(recorded["data"])
    assert body["data"]["id"] == media_id


def test_a_doi_without_media_has_an_empty_list(client: TestClient) -> None:
    other = {"data": {"attributes": {**FINDABLE, "url": "https://example.org/b"}}}
    assert client.put("/dois/10.5438/bare", json=other, auth=OWNER).status_code == 201
    body = client.get("/dois/10.5438/bare/media").json()
    assert body["data"] == [] and body["meta"] == {"total": 0, "total-pages": 0, "page": 1}


def test_a_draft_shows_its_media_to_its_owner_only(client: TestClient) -> None:
    assert client.get("/dois/10.5438/draft/media", auth=OWNER).json()["meta"]["total"] == 1
    for auth in (None, OTHER):
        hidden = client.get("/dois/10.5438/draft/media", auth=auth)
        assert hidden.status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/dois/10.5438/none/media",
        "/dois/10.5438/pub/media/0000-0000-0000-0000",
        "/dois/10.5438/pub/media/not-an-id!",
        "/dois/10.5438/pub/media/" + "z" * 40,
    ],
)
def test_what_is_not_there_is_404(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.json()["errors"][0]["status"] == "404"


def test_the_media_of_another_doi_is_not_found_under_this_one(client: TestClient) -> None:
    media_id = client.get("/dois/10.5438/draft/media", auth=OWNER).json()["data"][0]["id"]
    assert client.get(f"/dois/10.5438/pub/media/{media_id}").status_code == 404
