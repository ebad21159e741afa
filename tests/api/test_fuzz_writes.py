"""Property-based fuzzing of the write endpoints: whatever the body, never a 5xx."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.seed import seed_repository

from doiregistry.api.app import create_app
from doiregistry.registry.dois.attribute_reader import LIST_ITEM_KEYS, OBJECT_KEYS
from doiregistry.registry.dois.payload import METADATA_KEYS
from doiregistry.settings import Settings
from doiregistry.storage.engine import Database

AUTH = ("DATACITE.TEST", "secret")
FIELD_NAMES = sorted(
    {
        *METADATA_KEYS,
        "doi",
        "prefix",
        "url",
        "xml",
        "event",
        "schemaVersion",
        "contentUrl",
        "landingPage",
        "reason",
        "source",
        "mode",
        "should_validate",
        "alternateIdentifiers",
    }
    | {key for keys in LIST_ITEM_KEYS.values() if keys for key in keys}
    | {key for keys in OBJECT_KEYS.values() for key in keys}
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    # long values: past PostgreSQL's limits on varchar columns, tsvector words and index rows
    st.builds(
        lambda n, piece: piece * n, st.integers(60, 2000), st.sampled_from(["x", "Ü", "10.5438/a"])
    ),
    st.sampled_from(
        [
            "publish",
            "register",
            "hide",
            "show",
            "10.5438/x",
            "https://example.org/",
            "http://datacite.org/schema/kernel-4",
            "Dataset",
            "transfer",
        ]
    ),
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(FIELD_NAMES), inner, max_size=4)
    ),
    max_leaves=12,
)
xml_snippets = st.sampled_from(
    [
        b"<resource/>",
        b"<?xml version='1.0'?><resource xmlns='http://datacite.org/schema/kernel-4'><titles>",
        b"not xml at all",
        b'{"titles": 5}',
        b"<!DOCTYPE r [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><r>&e;</r>",
        "<resource xmlns='http://datacite.org/schema/kernel-4'><identifier identifierType='DOI'>"
        "10.5438/Ü</identifier><creators><creator><creatorName>é</creatorName></creator>"
        "</creators></resource>".encode(),
    ]
)
attributes = st.fixed_dictionaries(
    {},
    optional={
        "doi": st.one_of(st.text(max_size=15), st.just("10.5438/fuzz"), json_values),
        "prefix": st.one_of(st.just("10.5438"), st.text(max_size=8), json_values),
        "event": st.one_of(st.sampled_from(["publish", "register", "hide", "show"]), json_values),
        "url": st.one_of(st.just("https://example.org/a"), json_values),
        "xml": st.one_of(xml_snippets.map(lambda b: base64.b64encode(b).decode()), json_values),
        **dict.fromkeys(METADATA_KEYS, json_values),
    },
)
bodies = st.one_of(
    st.fixed_dictionaries({"data": st.fixed_dictionaries({"attributes": attributes})}),
    st.fixed_dictionaries({"data": json_values}),
    json_values,
)


@pytest.fixture
def client(database: Database) -> Iterator[TestClient]:
    seed_repository(database, "datacite.test", "secret", "10.5438")
    with TestClient(create_app(Settings(), database), raise_server_exceptions=False) as test_client:
        yield test_client


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=bodies, method=st.sampled_from(["POST", "PUT", "PATCH"]))
def test_rest_writes_never_fail_with_5xx(client: TestClient, body: Any, method: str) -> None:
    path = "/dois" if method == "POST" else "/dois/10.5438/fuzz"
    response = client.request(method, path, json=body, auth=AUTH)
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        assert response.json()["errors"]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    body=st.binary(max_size=200) | xml_snippets,
    path=st.sampled_from(
        [
            "/metadata/10.5438/fuzz",
            "/metadata/10.5438",
            "/metadata",
            "/doi/10.5438/fuzz",
            "/doi",
            "/media/10.5438/fuzz",
        ]
    ),
)
def test_mds_writes_never_fail_with_5xx(client: TestClient, body: bytes, path: str) -> None:
    method = "POST" if path in ("/metadata", "/doi") or path.startswith("/media") else "PUT"
    response = client.request(
        method, path, content=body, auth=AUTH, headers={"content-type": "application/xml"}
    )
    assert response.status_code < 500, response.text
