"""The rules for the attribute values of a DOI write: what is kept, and the 422 field errors."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from doiregistry.domain.errors import FieldError
from doiregistry.registry.dois.attribute_reader import MAX_SOURCE_LENGTH, read_attributes


def _errors(attributes: dict[str, Any]) -> list[tuple[str, str]]:
    return [(error.source, error.title) for error in read_attributes(attributes).errors]


def test_nothing_sent_is_nothing_given() -> None:
    payload = read_attributes({})
    assert not (payload.url_given or payload.xml_given or payload.reason_given)
    assert not payload.content_url_given and payload.metadata == {} and payload.errors == ()


def test_null_values_are_given_and_clear() -> None:
    payload = read_attributes({"url": None, "reason": None, "contentUrl": None, "titles": None})
    assert (payload.url, payload.url_given) == (None, True)
    assert (payload.reason, payload.reason_given) == (None, True)
    assert (payload.content_url, payload.content_url_given) == (None, True)
    assert payload.metadata == {"titles": None}


def test_unknown_attributes_and_keys_are_dropped() -> None:
    payload = read_attributes(
        {
            "nonsense": 1,
            "creators": [
                {
                    "name": "Doe, Jane",
                    "extra": 1,
                    "nameIdentifiers": [{"nameIdentifier": "0000", "x": 1}],
                    "affiliation": [{"name": "Uni", "y": 2}],
                }
            ],
            "types": {"resourceTypeGeneral": "Dataset", "z": 3},
            "publisher": {"name": "P", "w": 4},
        }
    )
    assert payload.metadata == {
        "creators": [
            {
                "name": "Doe, Jane",
                "nameIdentifiers": [{"nameIdentifier": "0000"}],
                "affiliation": [{"name": "Uni"}],
            }
        ],
        "types": {"resourceTypeGeneral": "Dataset"},
        "publisher": {"name": "P"},
    }


def test_alternate_identifiers_become_identifiers_unless_identifiers_are_sent() -> None:
    alternate = [{"alternateIdentifier": "A-1", "alternateIdentifierType": "Local"}]
    assert read_attributes({"alternateIdentifiers": alternate}).metadata == {
        "identifiers": [{"identifier": "A-1", "identifierType": "Local"}]
    }
    both = read_attributes({"alternateIdentifiers": alternate, "identifiers": []})
    assert both.metadata == {"identifiers": []}


def test_scalars_lists_and_years_are_read() -> None:
    payload = read_attributes(
        {
            "contentUrl": "https://example.org/a",
            "sizes": [1, "2 MB"],
            "publicationYear": " 2020 ",
            "should_validate": "TRUE",
            "xml": base64.b64encode(b"  <resource/>\n").decode(),
        }
    )
    assert payload.content_url == ["https://example.org/a"]
    assert payload.metadata == {"sizes": ["1", "2 MB"], "publicationYear": 2020}
    assert payload.should_validate
    assert payload.xml == b"<resource/>"


@pytest.mark.parametrize(
    ("attributes", "expected"),
    [
        ({"titles": "T"}, ("titles", "Title 'T' should be an object instead of a string.")),
        ({"creators": [3]}, ("creators", "Creator '3' should be an object instead of a number.")),
        ({"types": []}, ("types", "Types should be an object instead of a list.")),
        ({"sizes": [{"a": 1}]}, ("sizes", "Sizes must be a list of strings.")),
        ({"url": {"a": 1}}, ("url", "Url should be a string instead of an object.")),
        ({"xml": 5}, ("xml", "Xml must be a base64-encoded string.")),
        ({"xml": "%%%"}, ("xml", "Xml is not valid base64.")),
        (
            {"publicationYear": "soon"},
            ("publication_year", "Publication year 'soon' is not a year."),
        ),
        ({"publisher": 7}, ("publisher", "Publisher should be a string or an object.")),
        ({"landingPage": "x"}, ("landingPage", "Landing page should be an object.")),
        (
            {"source": "s" * (MAX_SOURCE_LENGTH + 1)},
            ("source", f"Source is too long (at most {MAX_SOURCE_LENGTH} characters)"),
        ),
    ],
)
def test_values_of_the_wrong_shape_are_field_errors(
    attributes: dict[str, Any], expected: tuple[str, str]
) -> None:
    assert _errors(attributes) == [expected]


def test_every_problem_is_reported_in_attribute_order() -> None:
    errors = read_attributes({"titles": "T", "doi": [], "landingPage": 1}).errors
    assert [error.source for error in errors] == ["doi", "landingPage", "titles"]
    assert all(isinstance(error, FieldError) for error in errors)
