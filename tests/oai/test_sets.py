"""The ``set`` argument: member and repository specs, and query sets."""

from __future__ import annotations

import base64

import pytest

from doiregistry.oai.errors import OaiError
from doiregistry.oai.sets import SET_SPEC, parse_set


def test_member_and_repository_specs_are_case_insensitive() -> None:
    member = parse_set("datacite")
    assert (member.spec, member.provider_id, member.client_id) == ("DATACITE", "datacite", None)
    repository = parse_set("DataCite.Test")
    assert repository.client_id == "datacite.test"
    assert repository.provider_id is None
    assert repository.canonical == "DATACITE.TEST"


@pytest.mark.parametrize(
    "encode",
    [
        base64.b64encode,
        base64.urlsafe_b64encode,
        lambda raw: base64.urlsafe_b64encode(raw).rstrip(b"="),
    ],
)
def test_query_sets_in_every_base64_spelling(encode: object) -> None:
    query = "doi:10.7910/DVN/TJCLKP?\n"
    encoded = encode(query.encode()).decode()  # type: ignore[operator]
    selection = parse_set(f"TIB.PANGAEA~{encoded}")
    assert selection.spec == "TIB.PANGAEA"
    assert selection.query == query
    assert SET_SPEC.fullmatch(selection.canonical)
    assert parse_set(selection.canonical) == selection


def test_datacites_example_query_set() -> None:
    selection = parse_set("~ZG9pOjEwLjc5MTAvRFZOL1RKQ0xLUAo=")
    assert selection.spec is None
    assert selection.query == "doi:10.7910/DVN/TJCLKP\n"


def test_blank_query_means_no_query() -> None:
    assert parse_set("A~").query is None
    assert parse_set("A~" + base64.b64encode(b"  ").decode()).query is None


@pytest.mark.parametrize("text", ["", "A B", "A/B", "~not base64!", "~/w==", "A~AAA=A", "é"])
def test_bad_sets_are_bad_arguments(text: str) -> None:
    with pytest.raises(OaiError) as caught:
        parse_set(text)
    assert caught.value.code == "badArgument"
