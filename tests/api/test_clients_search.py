"""``GET /clients`` and ``GET /repositories`` with ``query``, filters, sorts and facets over HTTP,
on both backends, compared with DataCite's recorded list where the shapes overlap (spec §6.3)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient
from tests.account_world import build_world
from tests.factories import ADMIN, basic

from doiregistry.registry.container import Registry

RECORDINGS = Path(__file__).resolve().parents[2].parent / "shared" / "datacite-testdata" / "json"
CLIENTS_LIST = (
    RECORDINGS / "api" / "api.datacite.org" / "clients-list" / "rdatacite__dc_clients.json"
)
STAFF_HEADERS = basic(*ADMIN)


@pytest.fixture
def world(http: TestClient, registry: Registry) -> TestClient:
    build_world(registry, registry.database)
    return http


def ids(response: Any) -> list[str]:
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["data"]]


def test_clients_meta_has_datacites_facet_keys_in_order(world: TestClient) -> None:
    recorded = json.loads(CLIENTS_LIST.read_text())["meta"]
    meta = world.get("/clients").json()["meta"]
    assert list(meta) == list(recorded)  # … software, certificates, repository_types, clientTypes
    assert list(world.get("/repositories").json()["meta"]) == [
        "total",
        "totalPages",
        "page",
        "years",
        "providers",
        "clientTypes",
        "repositoryTypes",
        "certificates",
        "software",
    ]
    for name in ("years", "providers", "software", "certificates", "clientTypes"):
        assert all(list(bucket) == ["id", "title", "count"] for bucket in meta[name])
        assert all(list(bucket) == ["id", "title", "count"] for bucket in recorded[name])


def test_facet_ids_and_titles_agree_with_the_recording(world: TestClient) -> None:
    recorded = json.loads(CLIENTS_LIST.read_text())["meta"]
    meta = world.get("/clients").json()["meta"]
    for ours, theirs in (
        (meta["certificates"], recorded["certificates"]),
        (meta["repository_types"], recorded["repository_types"]),
        (meta["clientTypes"], recorded["clientTypes"]),
        (meta["software"], recorded["software"]),
    ):
        titles = {bucket["id"]: bucket["title"] for bucket in theirs}
        shared = [bucket for bucket in ours if bucket["id"] in titles]
        assert shared, ours
        for bucket in shared:
            assert bucket["title"] == titles[bucket["id"]]
    assert {b["id"]: b["title"] for b in meta["certificates"]} == {
        "CoreTrustSeal": "Core Trust Seal",
        "WDS": "Wds",
    }
    assert meta["software"][0] == {"id": "dspace", "title": "DSpace", "count": 2}
    assert meta["years"] == [
        {"id": "2019", "title": "2019", "count": 1},
        {"id": "2014", "title": "2014", "count": 2},
        {"id": "2013", "title": "2013", "count": 1},
    ]
    assert meta["providers"][0] == {"id": "cdl", "title": "California Digital Library", "count": 2}


def test_query_and_sorts(world: TestClient) -> None:
    assert ids(world.get("/clients", params={"query": "dspace"})) == ["cdl.dryad", "cdl.ucb"]
    assert ids(
        world.get("/repositories", params={"query": "dspace OR berkeley", "sort": "relevance"})
    ) == ["cdl.ucb", "cdl.dryad"]
    assert ids(world.get("/repositories", params={"sort": "-created"})) == [
        "org.journal",
        "cdl.ucb",
        "cdl.dryad",
        "tib.pangaea",
    ]
    assert ids(world.get("/repositories", params={"sort": "-name"}))[0] == "cdl.ucb"
    assert ids(world.get("/clients", params={"query": 'description:"earth & environmental"'})) == [
        "tib.pangaea"
    ]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"year": "2014"}, ["cdl.dryad", "cdl.ucb"]),
        ({"from-date": "2022-01-01"}, ["tib.pangaea", "cdl.ucb"]),
        ({"until_date": "2014-05-06"}, ["cdl.dryad"]),
        ({"provider-id": "cdl,org"}, ["cdl.dryad", "org.journal", "cdl.ucb"]),
        ({"consortium-id": "cons"}, ["org.journal"]),
        ({"re3data-id": "10.17616/R3XS37"}, ["tib.pangaea"]),
        ({"opendoar-id": "1234"}, ["cdl.dryad"]),
        ({"software": "dspace"}, ["cdl.dryad", "cdl.ucb"]),
        ({"certificate": "WDS,DSA"}, ["tib.pangaea"]),
        ({"repository-type": "institutional,disciplinary"}, ["tib.pangaea", "cdl.ucb"]),
        ({"client-type": "periodical"}, ["org.journal"]),
        ({"ids": "CDL.UCB,tib.pangaea"}, ["tib.pangaea", "cdl.ucb"]),
        (
            {"include-deleted": "true"},
            ["cdl.dryad", "org.journal", "tib.old", "tib.pangaea", "cdl.ucb"],
        ),
        ({"include-deleted": "false"}, ["cdl.dryad", "org.journal", "tib.pangaea", "cdl.ucb"]),
        (
            {"provider-id": "cdl", "software": "DSpace", "certificate": "CoreTrustSeal"},
            ["cdl.dryad"],
        ),
    ],
)
def test_filters(world: TestClient, params: dict[str, str], expected: list[str]) -> None:
    assert ids(world.get("/repositories", params=params)) == expected


def test_facets_follow_the_filters_and_vanish_without_matches(world: TestClient) -> None:
    meta = world.get("/clients", params={"provider-id": "cdl"}).json()["meta"]
    assert meta["providers"] == [{"id": "cdl", "title": "California Digital Library", "count": 2}]
    assert meta["repository_types"] == [
        {"id": "institutional", "title": "Institutional", "count": 1},
        {"id": "multidisciplinary", "title": "Multidisciplinary", "count": 1},
    ]
    empty = world.get("/clients", params={"query": "nothing-like-this"}).json()
    assert empty["data"] == []
    assert empty["meta"] == {"total": 0, "totalPages": 0, "page": 1}


def test_next_link_keeps_every_parameter(world: TestClient) -> None:
    params = {
        "query": "dspace OR berkeley",
        "sort": "relevance",
        "software": "dspace",
        "page[size]": "1",
    }
    first = world.get("/repositories", params=params).json()
    assert [item["id"] for item in first["data"]] == ["cdl.ucb"]
    kept = parse_qs(urlsplit(first["links"]["next"]).query)
    assert kept == {
        "query": ["dspace OR berkeley"],
        "sort": ["relevance"],
        "software": ["dspace"],
        "page[size]": ["1"],
        "page[number]": ["2"],
    }
    second = world.get(first["links"]["next"]).json()
    assert [item["id"] for item in second["data"]] == ["cdl.dryad"]
    assert "next" not in second["links"]


def test_contact_email_is_searchable_only_by_those_who_see_it(world: TestClient) -> None:
    params = {"query": "data@berkeley.example.edu"}
    anonymous = world.get("/repositories", params=params).json()
    assert anonymous["meta"]["total"] == 0
    staff = world.get("/repositories", params=params, headers=STAFF_HEADERS).json()
    assert [item["id"] for item in staff["data"]] == ["cdl.ucb"]
    assert staff["data"][0]["attributes"]["systemEmail"] == "data@berkeley.example.edu"
    listed = world.get("/repositories").json()["data"]
    assert all("systemEmail" not in item["attributes"] for item in listed)


def test_repositories_of_a_provider_take_the_lists_parameters(world: TestClient) -> None:
    response = world.get("/providers/cdl/repositories", params={"query": "berkeley"})
    assert ids(response) == ["cdl.ucb"]
    assert response.json()["meta"]["providers"][0]["id"] == "cdl"
    assert ids(world.get("/providers/cdl/clients", params={"sort": "-name"})) == [
        "cdl.ucb",
        "cdl.dryad",
    ]
    assert world.get("/providers/nobody/clients").status_code == 404


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"query": "software:"}, "Unexpected end of expression"),
        ({"query": "colour:red"}, "Unknown field colour"),
        ({"query": "name~2"}, "Fuzzy queries"),
        ({"query": "(" * 1500 + "a" + ")" * 1500}, "nested too deeply"),
        ({"year": "recent"}, "year must be a year"),
        ({"from-date": "2020-02-30"}, "from-date must be a date"),
    ],
)
def test_bad_parameters_are_400(world: TestClient, params: dict[str, str], message: str) -> None:
    response = world.get("/clients", params=params)
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["status"] == "400"
    assert message in error["title"]
