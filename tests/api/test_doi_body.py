"""Reading the JSON:API document of a DOI write: every 400, and what a valid one becomes."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from doiregistry.api.rest.account_bodies import NOT_JSONAPI
from doiregistry.api.rest.doi_body import ATTRIBUTES_NOT_OBJECT, read_doi_body
from doiregistry.domain.errors import BadRequest
from doiregistry.domain.nul_text import NUL_IN_BODY
from doiregistry.registry.dois.payload import DoiPayload


@pytest.mark.parametrize(
    "body",
    [
        None,
        [],
        "data",
        {},
        {"data": None},
        {"data": []},
        {"data": "10.5438/x"},
        {"attributes": {"doi": "10.5438/x"}},
    ],
)
def test_a_document_without_a_data_object_is_a_400(body: Any) -> None:
    with pytest.raises(BadRequest) as raised:
        read_doi_body(body)
    assert (
        raised.value.title
        == NOT_JSONAPI
        == ("You need to provide a payload following the JSONAPI spec")
    )


@pytest.mark.parametrize(
    "body",
    [
        {"data": {"attributes": {"doi": "10.5438/a\x00b"}}},
        {"data": {"attributes": {"titles": [{"title": "x\x00"}]}}},
        {"data": {"attributes": {"x\x00": 1}}},
        {"data": {"relationships": {"client": {"data": {"id": "a\x00"}}}}},
        {"data": {"attributes": {}}, "meta": "\x00"},
    ],
)
def test_a_nul_anywhere_is_a_400(body: Any) -> None:
    with pytest.raises(BadRequest) as raised:
        read_doi_body(body)
    assert raised.value.title == NUL_IN_BODY


def test_the_shape_is_checked_before_nul() -> None:
    with pytest.raises(BadRequest) as raised:
        read_doi_body({"data": "\x00"})
    assert raised.value.title == NOT_JSONAPI


@pytest.mark.parametrize("attributes", [[], "doi", 1, True])
def test_attributes_that_are_not_an_object_are_a_400(attributes: Any) -> None:
    with pytest.raises(BadRequest) as raised:
        read_doi_body({"data": {"attributes": attributes}})
    assert raised.value.title == ATTRIBUTES_NOT_OBJECT == "data.attributes must be an object"


@pytest.mark.parametrize("data", [{}, {"attributes": None}, {"type": "dois"}])
def test_missing_or_null_attributes_are_an_empty_write(data: dict[str, Any]) -> None:
    assert read_doi_body({"data": data}) == DoiPayload()


def test_the_attributes_and_the_client_relationship_are_read() -> None:
    xml = b"<resource/>"
    payload = read_doi_body(
        {
            "data": {
                "type": "dois",
                "attributes": {
                    "doi": "10.5438/X",
                    "event": "publish",
                    "url": "https://example.org/",
                    "xml": base64.b64encode(xml).decode(),
                    "titles": [{"title": "T", "unknown": 1}],
                },
                "relationships": {"client": {"data": {"type": "clients", "id": "DataCite.Test"}}},
            }
        }
    )
    assert payload.doi == "10.5438/X"
    assert payload.event == "publish"
    assert (payload.url, payload.url_given) == ("https://example.org/", True)
    assert (payload.xml, payload.xml_given) == (xml, True)
    assert payload.metadata == {"titles": [{"title": "T"}]}
    assert payload.client_id == "datacite.test"
    assert payload.errors == ()


@pytest.mark.parametrize(
    "relationships",
    [
        None,
        [],
        {"client": None},
        {"client": "datacite.test"},
        {"client": {"data": None}},
        {"client": {"data": "datacite.test"}},
        {"client": {"data": {"type": "clients"}}},
        {"client": {"data": {"id": ""}}},
        {"provider": {"data": {"id": "datacite"}}},
    ],
)
def test_a_client_relationship_in_another_shape_names_no_client(relationships: Any) -> None:
    assert read_doi_body({"data": {"relationships": relationships}}).client_id is None
