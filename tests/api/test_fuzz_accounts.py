"""Property-based fuzzing of the account and prefix endpoints: whatever the input, never a 5xx."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.factories import ADMIN, make_repository, make_staff

from doiregistry.api.app import create_app
from doiregistry.registry.accounts.client_rules import EXTRA as CLIENT_EXTRA
from doiregistry.registry.accounts.provider_rules import EXTRA as PROVIDER_EXTRA
from doiregistry.settings import Settings
from doiregistry.storage.engine import Database

NAMES = sorted(
    {
        *PROVIDER_EXTRA,
        *CLIENT_EXTRA,
        "symbol",
        "name",
        "displayName",
        "systemEmail",
        "contactEmail",
        "memberType",
        "clientType",
        "domains",
        "isActive",
        "passwordInput",
        "prefix",
        "mode",
        "targetId",
    }
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=24),
    # long values: past PostgreSQL's varchar limits
    st.builds(lambda n, piece: piece * n, st.integers(17, 2000), st.sampled_from(["x", "Ü"])),
    st.sampled_from(
        ["DATACITE", "DATACITE.NEW", "datacite", "10.5438", "10.9999", "a@b.example.org", "DE"]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=12), inner, max_size=3)
    ),
    max_leaves=10,
)
relationships = st.dictionaries(
    st.sampled_from(["provider", "consortium", "client", "repository", "prefix", "providerPrefix"]),
    st.one_of(
        values,
        st.fixed_dictionaries({"data": st.one_of(values, st.fixed_dictionaries({"id": values}))}),
    ),
    max_size=3,
)
resources = st.fixed_dictionaries(
    {},
    optional={
        "type": st.one_of(st.sampled_from(["providers", "clients", "repositories"]), values),
        "id": values,
        "attributes": st.one_of(
            st.dictionaries(st.sampled_from(NAMES), values, max_size=6), values
        ),
        "relationships": st.one_of(relationships, values),
    },
)
bodies = st.one_of(st.fixed_dictionaries({"data": resources}), values)
PATHS = [
    ("POST", "/providers"),
    ("PATCH", "/providers/datacite"),
    ("POST", "/clients"),
    ("PUT", "/repositories/datacite.test"),
    ("POST", "/prefixes"),
    ("POST", "/provider-prefixes"),
    ("POST", "/client-prefixes"),
    ("POST", "/repository-prefixes"),
]


@pytest.fixture
def client(database: Database) -> Iterator[TestClient]:
    make_staff(database)
    with TestClient(create_app(Settings(), database), raise_server_exceptions=False) as http:
        make_repository(http.app.state.registry)  # type: ignore[attr-defined]
        yield http


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=bodies, target=st.sampled_from(PATHS))
def test_writes_never_fail_with_5xx(client: TestClient, body: Any, target: tuple[str, str]) -> None:
    method, path = target
    response = client.request(method, path, json=body, auth=ADMIN)
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        assert response.json()["errors"]


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    segment=st.text(max_size=12),
    query=st.dictionaries(
        st.sampled_from(
            ["page[number]", "page[size]", "provider-id", "client-id", "state", "prefix-id"]
        ),
        st.text(max_size=12),
        max_size=3,
    ),
    base=st.sampled_from(
        [
            "/providers",
            "/clients",
            "/repositories",
            "/prefixes",
            "/provider-prefixes",
            "/client-prefixes",
        ]
    ),
)
def test_reads_never_fail_with_5xx(
    client: TestClient, segment: str, query: dict[str, str], base: str
) -> None:
    for path in (base, f"{base}/{quote(segment, safe='')}" if segment.strip("/") else base):
        response = client.get(path, params=query)
        assert response.status_code < 500, response.text


def test_nul_characters_are_a_bad_request(client: TestClient) -> None:
    for path in ("/providers/a%00b", "/clients/a.%00b", "/prefixes/10.%00", "/client-prefixes/%00"):
        response = client.get(path)
        assert response.status_code == 400, path
        assert "NUL" in response.json()["errors"][0]["title"]
    listing = client.get("/clients", params={"provider-id": "a\x00"})
    assert listing.status_code == 400
    body = {"data": {"type": "providers", "attributes": {"name": "a\x00b"}}}
    created = client.post("/providers", json=body, auth=ADMIN)
    assert created.status_code == 400
    assert (
        created.json()["errors"][0]["title"] == "The request body must not contain NUL characters."
    )
