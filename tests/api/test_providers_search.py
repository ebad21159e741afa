"""``GET /providers`` with ``query``, filters, sorts and facets over HTTP, on both backends,
compared with DataCite's recorded member list where the shapes overlap (spec §7)."""

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
MEMBERS_LIST = (
    RECORDINGS / "api" / "api.test.datacite.org" / "providers-list" / "spinone__members.json"
)
STAFF_HEADERS = basic(*ADMIN)
FACETS = [
    "years",
    "regions",
    "memberTypes",
    "organizationTypes",
    "focusAreas",
    "nonProfitStatuses",
    "hasRequiredContacts",
]


@pytest.fixture
def world(http: TestClient, registry: Registry) -> TestClient:
    build_world(registry, registry.database)
    return http


def ids(response: Any) -> list[str]:
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["data"]]


def test_meta_facets_in_lupos_order_with_recorded_bucket_shapes(world: TestClient) -> None:
    meta = world.get("/providers", headers=STAFF_HEADERS).json()["meta"]
    assert list(meta) == ["total", "totalPages", "page", *FACETS]
    recorded = json.loads(MEMBERS_LIST.read_text())["meta"]
    recorded_bucket = recorded["regions"][0]
    for name in FACETS:
        assert all(list(bucket) == list(recorded_bucket) for bucket in meta[name])
    # region ids are lower-case, as in the recording; titles as current DataCite names them
    assert {b["id"] for b in recorded["regions"]} == {b["id"] for b in meta["regions"]}
    assert meta["regions"] == [
        {"id": "apac", "title": "Asia and Pacific", "count": 2},
        {"id": "amer", "title": "Americas", "count": 1},
        {"id": "emea", "title": "Europe, Middle East and Africa", "count": 1},
    ]
    assert meta["years"][0] == {"id": "2019", "title": "2019", "count": 1}
    assert meta["memberTypes"][0] == {"id": "direct_member", "title": "Direct Member", "count": 2}
    assert meta["nonProfitStatuses"][1] == {"id": "for-profit", "title": "For Profit", "count": 1}
    assert meta["hasRequiredContacts"] == [
        {"id": "false", "title": "False", "count": 2},
        {"id": "true", "title": "True", "count": 2},
    ]
    anonymous = world.get("/providers").json()["meta"]
    assert list(anonymous) == ["total", "totalPages", "page", *FACETS]
    assert anonymous["hasRequiredContacts"] == []


def test_query_and_sorts(world: TestClient) -> None:
    assert ids(world.get("/providers")) == ["cons", "org", "cdl", "tib"]
    assert ids(world.get("/providers", params={"query": "library"})) == ["cdl", "tib"]
    assert (
        ids(
            world.get("/providers", params={"query": "tib OR leibniz OR cdl", "sort": "relevance"})
        )[0]
        == "tib"
    )
    assert ids(world.get("/providers", params={"sort": "-name"})) == ["tib", "cdl", "org", "cons"]
    assert ids(world.get("/providers", params={"sort": "created"})) == ["cdl", "tib", "cons", "org"]
    assert ids(world.get("/providers", params={"sort": "-created"})) == [
        "org",
        "cons",
        "tib",
        "cdl",
    ]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"year": "2012,2019"}, ["cons", "org", "tib"]),
        ({"from-date": "2021-01-01"}, ["cdl", "tib"]),
        ({"until-date": "2019-09-10"}, ["cons", "org"]),
        ({"region": "amer"}, ["cdl"]),
        ({"region": "APAC"}, ["cons", "org"]),
        ({"consortium-id": "cons"}, ["org"]),
        ({"member-type": "consortium,consortium_organization"}, ["cons", "org"]),
        ({"organization-type": "academicInstitution,nationalInstitution"}, ["cdl", "tib"]),
        ({"focus_area": "humanities"}, ["org"]),
        ({"non-profit-status": "for-profit"}, ["cons"]),
        ({"ids": "tib,CDL"}, ["cdl", "tib"]),
        ({"include-deleted": "1"}, ["cons", "org", "cdl", "gone", "tib"]),
        ({"region": "apac", "member-type": "consortium"}, ["cons"]),
    ],
)
def test_filters(world: TestClient, params: dict[str, str], expected: list[str]) -> None:
    assert ids(world.get("/providers", params=params)) == expected


def test_required_contacts_and_contact_search_need_the_right_to_read_contacts(
    world: TestClient,
) -> None:
    params = {"has-required-contacts": "true"}
    assert ids(world.get("/providers", params=params, headers=STAFF_HEADERS)) == ["org", "tib"]
    assert ids(
        world.get("/providers", params={"has-required-contacts": "false"}, headers=STAFF_HEADERS)
    ) == [
        "cons",
        "cdl",
    ]
    assert ids(world.get("/providers", params=params)) == []
    assert ids(world.get("/providers", params={"query": "vote@tib.example.org"})) == []
    staff = world.get("/providers", params={"query": "Vera"}, headers=STAFF_HEADERS)
    assert ids(staff) == ["tib"]
    assert staff.json()["data"][0]["attributes"]["votingContact"]["givenName"] == "Vera"
    listed = world.get("/providers").json()["data"]
    assert all("votingContact" not in item["attributes"] for item in listed)


def test_next_link_keeps_the_sort_name_not_a_hash(world: TestClient) -> None:
    first = world.get(
        "/providers", params={"sort": "-created", "region": "apac,emea", "page[size]": "2"}
    ).json()
    assert [item["id"] for item in first["data"]] == ["org", "cons"]
    assert parse_qs(urlsplit(first["links"]["next"]).query) == {
        "sort": ["-created"],
        "region": ["apac,emea"],
        "page[size]": ["2"],
        "page[number]": ["2"],
    }
    assert [item["id"] for item in world.get(first["links"]["next"]).json()["data"]] == ["tib"]


def test_organizations_of_a_consortium_take_the_lists_parameters(world: TestClient) -> None:
    assert ids(world.get("/providers/cons/organizations")) == ["org"]
    assert ids(world.get("/providers/cons/organizations", params={"query": "auckland"})) == ["org"]
    assert ids(world.get("/providers/cons/organizations", params={"query": "berlin"})) == []


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"has-required-contacts": "maybe"}, "has-required-contacts must be true or false"),
        ({"query": "(library"}, "Unexpected end of expression"),
        ({"query": "email:x"}, "Unknown field email"),
        ({"year": "2019-2020"}, "year must be a year"),
        ({"until-date": "tomorrow"}, "until-date must be a date"),
    ],
)
def test_bad_parameters_are_400(world: TestClient, params: dict[str, str], message: str) -> None:
    response = world.get("/providers", params=params)
    assert response.status_code == 400
    assert message in response.json()["errors"][0]["title"]
