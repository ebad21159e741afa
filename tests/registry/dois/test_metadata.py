"""Metadata sent as DataCite JSON in the ``xml`` attribute gets the same shape checks as
attributes sent directly (a number for ``titles`` was a 500 from the search index)."""

from __future__ import annotations

import pytest

from doiregistry.registry.dois.metadata import StoredMetadata, resolve_metadata
from doiregistry.registry.dois.payload import DoiPayload

EMPTY = StoredMetadata(attributes={}, xml=None, schema_version=None)
DOI = "10.5438/json-1"


def _resolved(sent: bytes) -> tuple[dict[str, object], list[tuple[str, str]]]:
    resolved = resolve_metadata(DoiPayload(xml=sent, xml_given=True), EMPTY, DOI)
    return resolved.attributes, [(error.source, error.title) for error in resolved.errors]


@pytest.mark.parametrize(
    ("sent", "error"),
    [
        (b'{"titles": 5}', ("titles", "Title '5' should be an object instead of a number.")),
        (
            b'{"creators": "x"}',
            ("creators", "Creator 'x' should be an object instead of a string."),
        ),
        (b'{"data": {"attributes": 7}}', ("xml", "Metadata JSON attributes must be an object")),
        (b"[1, 2]", ("xml", "Metadata JSON must be an object")),
    ],
)
def test_misshapen_json_metadata_is_a_field_error(sent: bytes, error: tuple[str, str]) -> None:
    _, errors = _resolved(sent)
    assert error in errors


def test_json_metadata_is_read_bare_or_in_a_jsonapi_wrapper() -> None:
    bare, bare_errors = _resolved(b'{"titles": [{"title": "A title"}]}')
    wrapped, wrapped_errors = _resolved(
        b'{"data": {"attributes": {"titles": [{"title": "A title"}]}}}'
    )
    assert bare_errors == wrapped_errors == []
    assert bare["titles"] == wrapped["titles"] == [{"title": "A title"}]
