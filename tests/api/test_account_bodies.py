"""Reading account and prefix JSON:API write documents: names in any case style, typed
payloads for the services, clear 400s for the rest."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from doiregistry.api.rest.account_bodies import (
    ClientPrefixPayload,
    ProviderPrefixPayload,
    camel_case,
    client_payload,
    client_prefix_payload,
    pool_prefix,
    provider_payload,
    provider_prefix_payload,
    read_resource,
)
from doiregistry.domain.errors import BadRequest
from doiregistry.registry.accounts.client_rules import ClientPayload
from doiregistry.registry.accounts.provider_rules import UNSET, ProviderPayload

NOT_JSONAPI = "You need to provide a payload following the JSONAPI spec"


def related(**ids: str | None) -> dict[str, Any]:
    return {
        name: {"data": None if value is None else {"type": "x", "id": value}}
        for name, value in ids.items()
    }


@pytest.mark.parametrize("name", ["system_email", "system-email", "systemEmail"])
def test_names_become_camel_case(name: str) -> None:
    assert camel_case(name) == "systemEmail"


def test_attributes_relationships_and_id_are_read() -> None:
    payload = read_resource(
        {
            "data": {
                "type": "client-prefixes",
                "id": 7,
                "attributes": {"created_at": "x"},
                "relationships": {
                    "provider-prefix": {"data": {"type": "provider-prefixes", "id": "AB"}},
                    "client": {"data": None},
                },
            }
        },
        ("client-prefixes",),
    )
    assert payload.id == "7"
    assert payload.attributes == {"createdAt": "x"}
    assert payload.related("providerPrefix") == "ab"
    assert payload.related("client") is None
    assert "client" in payload.relationships


@pytest.mark.parametrize(
    ("body", "title"),
    [
        (None, NOT_JSONAPI),
        ([], NOT_JSONAPI),
        ({"attributes": {}}, NOT_JSONAPI),
        ({"data": []}, NOT_JSONAPI),
        ({"data": {"type": "dois"}}, "The resource type must be prefixes, not 'dois'."),
        ({"data": {"attributes": []}}, "data.attributes must be an object."),
        ({"data": {"relationships": 1}}, "data.relationships must be an object."),
        (
            {"data": {"relationships": {"client": "x"}}},
            "Relationship client must be an object with a data member.",
        ),
        (
            {"data": {"relationships": {"client": {}}}},
            "Relationship client must be an object with a data member.",
        ),
        (
            {"data": {"relationships": {"client": {"data": [{"id": "x"}]}}}},
            "Relationship client must name the related resource by id.",
        ),
        (
            {"data": {"relationships": {"client": {"data": {"id": 1.5}}}}},
            "Relationship client must name the related resource by id.",
        ),
        (
            {"data": {"attributes": {"name": ["a\x00"]}}},
            "The request body must not contain NUL characters.",
        ),
        (
            {"data": {"attributes": {"na\x00me": "a"}}},
            "The request body must not contain NUL characters.",
        ),
    ],
)
def test_malformed_documents_are_bad_requests(body: Any, title: str) -> None:
    with pytest.raises(BadRequest) as excinfo:
        read_resource(body, ("prefixes",))
    assert excinfo.value.title == title


def test_null_attributes_and_relationships_count_as_empty() -> None:
    resource = read_resource({"data": {"attributes": None, "relationships": None}}, ("x",))
    assert (resource.type, resource.id, resource.attributes, resource.relationships) == (
        None,
        None,
        {},
        {},
    )


@pytest.mark.parametrize(
    ("reader", "kind", "title"),
    [
        (provider_payload, "clients", "The resource type must be providers, not 'clients'."),
        (
            client_payload,
            "providers",
            "The resource type must be clients or repositories, not 'providers'.",
        ),
        (pool_prefix, "dois", "The resource type must be prefixes, not 'dois'."),
        (
            provider_prefix_payload,
            "prefixes",
            "The resource type must be provider-prefixes or provider_prefixes, not 'prefixes'.",
        ),
        (
            client_prefix_payload,
            "prefixes",
            "The resource type must be client-prefixes or client_prefixes or "
            "repository-prefixes, not 'prefixes'.",
        ),
    ],
)
def test_each_reader_accepts_only_its_types(
    reader: Callable[[Any], object], kind: str, title: str
) -> None:
    with pytest.raises(BadRequest) as excinfo:
        reader({"data": {"type": kind, "attributes": {}}})
    assert excinfo.value.title == title
    with pytest.raises(BadRequest, match="JSONAPI"):
        reader({"attributes": {}})


def test_provider_payload_says_whether_the_consortium_was_sent() -> None:
    body = {"data": {"type": "providers", "attributes": {"display_name": "X"}}}
    assert provider_payload(body) == ProviderPayload({"displayName": "X"}, UNSET)
    body["data"]["relationships"] = related(consortium=" CONS ")
    assert provider_payload(body) == ProviderPayload({"displayName": "X"}, "cons")
    body["data"]["relationships"] = related(consortium=None)
    assert provider_payload(body) == ProviderPayload({"displayName": "X"}, None)


@pytest.mark.parametrize("kind", ["clients", "repositories", None])
def test_client_payload_reads_the_provider(kind: str | None) -> None:
    body = {
        "data": {
            "type": kind,
            "attributes": {"contact-email": "a@b.org"},
            "relationships": related(provider="DATACITE"),
        }
    }
    assert client_payload(body) == ClientPayload({"contactEmail": "a@b.org"}, "datacite")
    assert client_payload({"data": {}}) == ClientPayload({}, None)


@pytest.mark.parametrize(
    ("data", "prefix"),
    [
        ({"type": "prefixes", "id": "10.5438"}, "10.5438"),
        ({"attributes": {"prefix": "10.1"}}, "10.1"),
        ({"attributes": {"uid": "10.2"}}, "10.2"),
        ({"id": 7}, "7"),
        ({}, ""),
    ],
)
def test_pool_prefix_is_the_id_or_an_attribute(data: dict[str, Any], prefix: str) -> None:
    assert pool_prefix({"data": data}) == prefix


def test_provider_prefix_payload() -> None:
    body = {"data": {"relationships": related(provider="DataCite", prefix="10.5438")}}
    assert provider_prefix_payload(body) == ProviderPrefixPayload("datacite", "10.5438")
    assert provider_prefix_payload({"data": {}}) == ProviderPrefixPayload(None, None)


def test_client_prefix_payload_prefers_the_holder_relationship() -> None:
    ids = related(client="a.one", repository="a.two", prefix="10.5438", provider_prefix="PP")
    body = {"data": {"type": "repository-prefixes", "relationships": ids}}
    assert client_prefix_payload(body) == ClientPrefixPayload("a.one", "10.5438", "pp")
    assert client_prefix_payload(body, "repository") == ClientPrefixPayload(
        "a.two", "10.5438", "pp"
    )
    only_repository = {"data": {"relationships": related(repository="a.two")}}
    assert client_prefix_payload(only_repository) == ClientPrefixPayload("a.two", None, None)
