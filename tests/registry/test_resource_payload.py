"""Reading JSON:API write documents: names in any case style, clear 400s for the rest."""

from __future__ import annotations

from typing import Any

import pytest

from doiregistry.domain.errors import BadRequest
from doiregistry.registry.accounts.resource_payload import camel_case, read_resource


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
        (None, "You need to provide a payload following the JSONAPI spec"),
        ([], "You need to provide a payload following the JSONAPI spec"),
        ({"data": []}, "You need to provide a payload following the JSONAPI spec"),
        ({"data": {"type": "dois"}}, "The resource type must be prefixes, not 'dois'."),
        ({"data": {"attributes": []}}, "data.attributes must be an object."),
        ({"data": {"relationships": 1}}, "data.relationships must be an object."),
        (
            {"data": {"relationships": {"client": "x"}}},
            "Relationship client must be an object with a data member.",
        ),
        (
            {"data": {"relationships": {"client": {"data": [{"id": "x"}]}}}},
            "Relationship client must name the related resource by id.",
        ),
        (
            {"data": {"attributes": {"name": ["a\x00"]}}},
            "The request body must not contain NUL characters.",
        ),
    ],
)
def test_malformed_documents_are_bad_requests(body: Any, title: str) -> None:
    with pytest.raises(BadRequest) as excinfo:
        read_resource(body, ("prefixes",))
    assert excinfo.value.title == title
