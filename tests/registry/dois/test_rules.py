"""Registration rules of a DOI about to be saved: the metadata messages a person can act on."""

from __future__ import annotations

from typing import Any

from doiregistry.metadata.schema_files import enumeration
from doiregistry.metadata.writer import attributes_to_xml
from doiregistry.registry.dois.rules import Candidate, validate

DOI = "10.5438/rules-1"
ATTRIBUTES: dict[str, Any] = {
    "creators": [{"name": "Doe, Jane"}],
    "titles": [{"title": "Rules"}],
    "publisher": "Example",
    "publicationYear": 2024,
    "types": {"resourceTypeGeneral": "Dataset"},
}


def _findable(**changes: Any) -> Candidate:
    attributes = {**ATTRIBUTES, **changes}
    return Candidate(
        doi=DOI,
        state="findable",
        url="https://example.org/",
        xml=attributes_to_xml(attributes, doi=DOI).decode("utf-8"),
        attributes=attributes,
        schema_version="http://datacite.org/schema/kernel-4",
        creating=True,
        should_validate=False,
        client_id="datacite.test",
        domains="*",
    )


def test_valid_metadata_breaks_no_rule() -> None:
    assert validate(_findable()) == []


def test_a_misspelled_resource_type_general_names_the_value_and_the_allowed_ones() -> None:
    (error,) = validate(_findable(types={"resourceTypeGeneral": "Datasett"}))
    allowed = ", ".join(sorted(enumeration("resourceType")))
    assert error.source == "types"
    assert error.uid == DOI
    assert error.title == (
        f"DOI {DOI}: resourceTypeGeneral 'Datasett' is not one of the allowed values: {allowed}."
    )


def test_a_missing_resource_type_general_keeps_the_xsd_message() -> None:
    (error,) = validate(_findable(types={}))
    assert error.source == "xml"
    assert "Missing child element(s)" in error.title


def test_a_non_string_resource_type_general_is_named_too() -> None:
    (error,) = validate(_findable(types={"resourceTypeGeneral": 7}))
    assert error.title.startswith(f"DOI {DOI}: resourceTypeGeneral '7' is not one of the allowed")


def test_drafts_are_not_checked_for_their_metadata() -> None:
    draft = _findable(types={"resourceTypeGeneral": "Datasett"})
    draft.state = "draft"
    assert validate(draft) == []
