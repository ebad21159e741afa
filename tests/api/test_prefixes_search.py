"""``GET /prefixes``, ``/provider-prefixes``, ``/client-prefixes`` and ``/repository-prefixes``
with ``query``, filters, sorts and facets over HTTP, on both backends (spec §8)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient
from tests.account_world import build_world

from doiregistry.registry.container import Registry

RECORDINGS = Path(__file__).resolve().parents[2].parent / "shared" / "datacite-testdata" / "json"
CLIENT_PREFIXES_LIST = (
    RECORDINGS
    / "api"
    / "api.datacite.org"
    / "client-prefixes-list"
    / "rdatacite__dc_client_prefixes.json"
)


@pytest.fixture
def world(http: TestClient, registry: Registry) -> TestClient:
    build_world(registry, registry.database)
    return http


def listed(response: Any, key: str = "id") -> list[str]:
    assert response.status_code == 200, response.text
    data = response.json()["data"]
    if key == "id":
        return [item["id"] for item in data]
    return [item["relationships"]["prefix"]["data"]["id"] for item in data]


# -- the pool -------------------------------------------------------------------------------


def test_prefix_meta(world: TestClient) -> None:
    meta = world.get("/prefixes").json()["meta"]
    assert list(meta) == ["total", "totalPages", "page", "years", "states", "providers", "clients"]
    assert meta["total"] == 7
    assert meta["states"] == [
        {"id": "with-repository", "title": "With Repository", "count": 4},
        {"id": "without-repository", "title": "Without Repository", "count": 2},
        {"id": "unassigned", "title": "Unassigned", "count": 1},
    ]
    assert meta["providers"][0] == {"id": "cdl", "title": "California Digital Library", "count": 3}
    assert meta["clients"][0] == {
        "id": "cdl.dryad",
        "title": "Dryad Digital Repository",
        "count": 1,
    }
    assert [bucket["id"] for bucket in meta["years"]] == [
        "2020",
        "2019",
        "2015",
        "2014",
        "2013",
        "2011",
    ]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"query": "10.50"}, ["10.5000", "10.5001", "10.5002", "10.5003", "10.5004"]),
        ({"query": "10.6*"}, ["10.6000"]),
        ({"year": "2014"}, ["10.5001", "10.5002"]),
        ({"state": "without-repository,unassigned"}, ["10.5004", "10.6000", "10.7000"]),
        ({"provider-id": "cdl"}, ["10.5001", "10.5002", "10.6000"]),
        ({"client_id": "cdl.ucb,org.journal"}, ["10.5002", "10.5003"]),
        ({"provider-id": "tib", "state": "with-repository"}, ["10.5000"]),
        ({"sort": "-name", "year": "2011,2013"}, ["10.5004", "10.5000"]),
        (
            {"sort": "created", "query": "10.500"},
            ["10.5004", "10.5000", "10.5001", "10.5002", "10.5003"],
        ),
        ({"sort": "-created", "page[size]": "2"}, ["10.7000", "10.5003"]),
    ],
)
def test_prefix_filters_and_sorts(
    world: TestClient, params: dict[str, str], expected: list[str]
) -> None:
    assert listed(world.get("/prefixes", params=params)) == expected


def test_nested_prefix_lists_take_the_lists_parameters(world: TestClient) -> None:
    nested = world.get("/providers/cdl/prefixes", params={"state": "with-repository"})
    assert listed(nested) == ["10.5001", "10.5002"]
    assert listed(world.get("/clients/cdl.ucb/prefixes")) == ["10.5002"]
    assert listed(world.get("/repositories/tib.pangaea/prefixes", params={"year": "2020"})) == []


def test_prefix_next_link_and_errors(world: TestClient) -> None:
    first = world.get("/prefixes", params={"query": "10.5", "page[size]": "3"}).json()
    assert parse_qs(urlsplit(first["links"]["next"]).query) == {
        "query": ["10.5"],
        "page[size]": ["3"],
        "page[number]": ["2"],
    }
    response = world.get("/prefixes", params={"state": "lost"})
    assert response.status_code == 400
    assert "state must be one of" in response.json()["errors"][0]["title"]
    assert world.get("/prefixes", params={"year": "last"}).status_code == 400


# -- provider prefixes ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["10.5003", "10.6000", "10.5002", "10.5001", "10.5000", "10.5004"]),
        ({"sort": "name"}, ["10.5000", "10.5001", "10.5002", "10.5003", "10.5004", "10.6000"]),
        ({"sort": "created", "page[size]": "1"}, ["10.5004"]),
        ({"provider-id": "tib,org"}, ["10.5003", "10.5000", "10.5004"]),
        ({"consortium-organization-id": "org"}, ["10.5003"]),
        ({"consortium-id": "cons"}, ["10.5003"]),
        ({"state": "without-repository"}, ["10.6000", "10.5004"]),
        ({"prefix-id": "10.5001"}, ["10.5001"]),
        ({"year": "2014"}, ["10.5002", "10.5001"]),
        ({"query": "10.6"}, ["10.6000"]),
        ({"provider-id": "cdl", "state": "with-repository"}, ["10.5002", "10.5001"]),
    ],
)
def test_provider_prefix_filters_and_sorts(
    world: TestClient, params: dict[str, str], expected: list[str]
) -> None:
    assert listed(world.get("/provider-prefixes", params=params), key="prefix") == expected


def test_provider_prefix_meta(world: TestClient) -> None:
    meta = world.get("/provider-prefixes", params={"provider-id": "cdl"}).json()["meta"]
    assert list(meta) == ["total", "totalPages", "page", "years", "states", "providers"]
    assert meta["states"] == [
        {"id": "with-repository", "title": "With Repository", "count": 2},
        {"id": "without-repository", "title": "Without Repository", "count": 1},
    ]
    assert meta["providers"] == [{"id": "cdl", "title": "California Digital Library", "count": 3}]
    assert meta["years"] == [
        {"id": "2015", "title": "2015", "count": 1},
        {"id": "2014", "title": "2014", "count": 2},
    ]
    response = world.get("/provider-prefixes", params={"state": "unassigned"})
    assert response.status_code == 400


# -- client and repository prefixes ---------------------------------------------------------


def test_client_prefix_meta_matches_the_recorded_shape(world: TestClient) -> None:
    recorded = json.loads(CLIENT_PREFIXES_LIST.read_text())["meta"]
    meta = world.get("/client-prefixes").json()["meta"]
    assert list(meta) == ["total", "totalPages", "page", "years", "providers", "clients"]
    assert list(recorded)[:4] == list(meta)[:4]
    # years newest first, as recorded
    recorded_years = [bucket["id"] for bucket in recorded["years"]]
    assert recorded_years == sorted(recorded_years, reverse=True)
    assert meta["years"] == [
        {"id": "2019", "title": "2019", "count": 1},
        {"id": "2014", "title": "2014", "count": 2},
        {"id": "2013", "title": "2013", "count": 1},
    ]
    assert all(list(b) == list(recorded["years"][0]) for b in meta["providers"] + meta["clients"])
    assert meta["clients"][3] == {"id": "tib.pangaea", "title": "PANGAEA", "count": 1}


@pytest.mark.parametrize("shape", ["client-prefixes", "repository-prefixes"])
@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["10.5003", "10.5002", "10.5001", "10.5000"]),
        ({"sort": "name"}, ["10.5000", "10.5001", "10.5002", "10.5003"]),
        ({"client-id": "cdl.dryad,cdl.ucb"}, ["10.5002", "10.5001"]),
        ({"provider-id": "tib"}, ["10.5000"]),
        ({"prefix-id": "10.5003"}, ["10.5003"]),
        ({"year": "2013,2014"}, ["10.5002", "10.5001", "10.5000"]),
        ({"query": "10.5003"}, ["10.5003"]),
    ],
)
def test_client_prefix_filters_and_sorts(
    world: TestClient, shape: str, params: dict[str, str], expected: list[str]
) -> None:
    assert listed(world.get(f"/{shape}", params=params), key="prefix") == expected


def test_repository_prefixes_filter_by_repository_id(world: TestClient) -> None:
    response = world.get("/repository-prefixes", params={"repository-id": "org.journal"})
    assert listed(response, key="prefix") == ["10.5003"]
    assert response.json()["data"][0]["relationships"]["repository"]["data"]["id"] == "org.journal"
    assert world.get("/client-prefixes", params={"year": "soon"}).status_code == 400
