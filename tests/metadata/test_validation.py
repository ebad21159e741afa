"""XSD validation of DataCite XML against the real fixtures, reported DataCite's way."""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from doiregistry.metadata.schema_files import enumeration
from doiregistry.metadata.validation import (
    ELEMENT_SOURCES,
    IssueKind,
    ValidationIssue,
    registration_issues,
    source_for_element,
    validate_xml,
)

TESTDATA = Path(__file__).resolve().parents[2].parent / "shared" / "datacite-testdata"
MANIFEST: list[dict[str, Any]] = json.loads((TESTDATA / "manifest.json").read_text())
KERNEL_4 = "http://datacite.org/schema/kernel-4"


def _fixtures(prefix: str) -> list[tuple[str, str]]:
    return [
        (entry["dest"], entry["validation"])
        for entry in MANIFEST
        if (entry.get("validation") or "").startswith(prefix)
    ]


VALID = _fixtures("valid")
INVALID = _fixtures("INVALID")
NOT_WELL_FORMED = _fixtures("not-well-formed")
NO_XSD = _fixtures("no-xsd")


def _read(dest: str) -> bytes:
    return (TESTDATA / dest).read_bytes()


def _without_namespaces(message: str) -> str:
    return re.sub(r"\{[^}]*\}", "", message)


def test_the_manifest_provides_every_kind_of_fixture() -> None:
    assert len(VALID) == 194
    assert len(INVALID) == 142
    assert len(NOT_WELL_FORMED) == 5
    assert len(NO_XSD) == 14


@pytest.mark.parametrize(("dest", "note"), VALID)
def test_valid_fixtures_have_no_issues(dest: str, note: str) -> None:
    assert validate_xml(_read(dest)) == []


@pytest.mark.parametrize(("dest", "note"), INVALID)
def test_invalid_fixtures_report_the_manifest_error(dest: str, note: str) -> None:
    issues = validate_xml(_read(dest))
    expected = note.split(": ", 1)[1]  # "INVALID:kernel-4.7: <first libxml2 error>"
    assert issues
    assert all(issue.kind is IssueKind.SCHEMA for issue in issues)
    assert any(_without_namespaces(issue.message).startswith(expected) for issue in issues)
    for issue in issues:
        assert issue.line is not None and issue.column is not None
        assert issue.title.endswith(f" at line {issue.line}, column {issue.column}")


@pytest.mark.parametrize(("dest", "note"), NOT_WELL_FORMED)
def test_not_well_formed_fixtures_give_one_positioned_xml_issue(dest: str, note: str) -> None:
    data = _read(dest)
    issues = validate_xml(data, doi="10.5072/abc")
    assert len(issues) == 1
    (issue,) = issues
    assert issue.kind is IssueKind.SYNTAX
    assert issue.source == "xml"
    assert issue.line is not None and issue.column is not None
    # DataCite words syntax errors without the DOI prefix (spec §5.5).
    assert issue.title == f"{issue.message} at line {issue.line}, column {issue.column}"


@pytest.mark.parametrize(("dest", "note"), NO_XSD)
def test_documents_without_a_shipped_xsd_are_not_claimed_valid(dest: str, note: str) -> None:
    issues = validate_xml(_read(dest))
    assert len(issues) == 1
    (issue,) = issues
    assert issue.kind is IssueKind.UNSUPPORTED
    assert issue.source == "xml"
    assert "cannot be validated" in issue.message
    namespace = etree.QName(etree.fromstring(_read(dest).lstrip())).namespace
    if namespace is not None:
        assert namespace in issue.message


def test_missing_creator_is_reported_like_datacite() -> None:
    # The example of spec §5.5, produced from lupo's own fixture.
    issues = validate_xml(_read("xml/lupo/datacite_missing_creator.xml"), doi="10.14454/10703")
    assert [issue.as_error() for issue in issues] == [
        {
            "source": "creators",
            "title": "DOI 10.14454/10703: Missing child element(s). Expected is "
            "( {http://datacite.org/schema/kernel-4}creator ). at line 4, column 0",
        }
    ]
    assert issues[0].element == "creators"


def test_every_error_is_reported_not_only_the_first() -> None:
    data = _read("xml/bolognese/funding_reference.xml")
    root = etree.fromstring(data)
    incomplete = [
        element.sourceline
        for element in root.iter(f"{{{KERNEL_4}}}fundingReference")
        if element.find(f"{{{KERNEL_4}}}funderName") is None
    ]
    issues = validate_xml(data)
    assert len(incomplete) > 1
    assert [issue.line for issue in issues] == incomplete
    assert {issue.source for issue in issues} == {"fundingReference"}


def test_attribute_errors_name_the_element_and_keep_the_full_message() -> None:
    (issue,) = validate_xml(_read("xml/lupo/datacite_malformed_creator_name_type.xml"))
    assert issue.element == "creatorName"
    assert issue.source == "creatorName"
    assert "attribute 'nameType'" in issue.message
    assert issue.title.startswith(
        "DOI 10.25670/oi2018-001on: nameType 'personal' is not one of the allowed values: "
        "Organizational, Personal. at line "
    )


def test_a_misspelled_resource_type_general_names_the_value_and_the_allowed_ones() -> None:
    text = _read(_valid_kernel_4_with("resourceType")).decode("utf-8")
    broken = re.sub(r'resourceTypeGeneral="\w+"', 'resourceTypeGeneral="Datasett"', text, count=1)
    (issue,) = validate_xml(broken.encode("utf-8"), doi="10.5438/x")
    allowed = ", ".join(sorted(enumeration("resourceType")))
    assert issue.source == "resourceType"
    assert issue.title.startswith(
        "DOI 10.5438/x: resourceTypeGeneral 'Datasett' is not one of the allowed values: "
        f"{allowed}."
    )
    assert "[facet 'enumeration']" in issue.message  # libxml2's own message is kept


def test_a_publication_year_that_is_not_one_is_named() -> None:
    text = _read(_valid_kernel_4_with("publicationYear")).decode("utf-8")
    broken = re.sub(r"<publicationYear>\d{4}<", "<publicationYear>abc<", text, count=1)
    (issue,) = validate_xml(broken.encode("utf-8"), doi="10.5438/x")
    assert issue.source == "publication_year"
    assert issue.title.startswith("DOI 10.5438/x: Publication year 'abc' is not a year. at line ")


def test_the_document_doi_is_used_when_none_is_given() -> None:
    data = _read("xml/lupo/datacite_missing_creator.xml")
    root = etree.fromstring(data)
    identifier = root.findtext(f"{{{KERNEL_4}}}identifier")
    assert identifier
    (issue,) = validate_xml(data)
    assert issue.title.startswith(f"DOI {identifier.lower()}: Missing child element(s).")


def test_no_doi_prefix_when_no_doi_is_known() -> None:
    dest = next(d for d, note in INVALID if "The value '' is not accepted" in note)
    issues = validate_xml(_read(dest))
    assert issues
    assert not any(issue.title.startswith("DOI") for issue in issues)


VALID_47 = "xml/lupo/datacite.xml"


def _mutated(replace: str, by: str, *, source: str = VALID_47) -> bytes:
    text = _read(source).decode("utf-8")
    assert replace in text, replace
    return text.replace(replace, by, 1).encode("utf-8")


def _valid_kernel_4_with(element: str) -> str:
    """A valid kernel-4.7 fixture containing ``element``."""
    for dest, note in VALID:
        if note == "valid:kernel-4.7" and f"<{element}" in _read(dest).decode("utf-8", "replace"):
            return dest
    raise AssertionError(element)


@pytest.mark.parametrize(
    ("element", "source"),
    [
        ("alternateIdentifiers", "identifiers"),
        ("relatedIdentifiers", "related_identifiers"),
        ("relatedItems", "related_items"),
        ("geoLocations", "geo_locations"),
        ("rightsList", "rights_list"),
        ("fundingReferences", "funding_references"),
        ("subjects", "subjects"),
    ],
)
def test_wrapper_errors_map_to_rest_attributes(element: str, source: str) -> None:
    data = _mutated(f"<{element}>", f"<{element}>stray text", source=_valid_kernel_4_with(element))
    issues = validate_xml(data)
    assert [(issue.element, issue.source) for issue in issues] == [(element, source)]


def test_date_publication_year_version_and_resource_errors_map_to_rest_attributes() -> None:
    source = _valid_kernel_4_with("version")
    text = _read(source).decode("utf-8")
    year = re.search(r"<publicationYear>(\d{4})</publicationYear>", text)
    date = re.search(r'<date dateType="(\w+)"', text)
    version = re.search(r"<version>", text)
    assert year and date and version
    broken = (
        text.replace(year.group(0), "<publicationYear>20xx</publicationYear>")
        .replace(date.group(0), '<date dateType="Someday"')
        .replace("<version>", "<version><b/>")
    )
    broken = re.sub(r"<resourceType [^>]*>[^<]*</resourceType>|<resourceType [^>]*/>", "", broken)
    issues = validate_xml(broken.encode("utf-8"))
    assert {(issue.element, issue.source) for issue in issues} == {
        ("publicationYear", "publication_year"),
        ("date", "dates"),
        ("version", "version_info"),
        ("resource", "xml"),
    }


def test_source_mapping_is_the_spec_table() -> None:
    assert ELEMENT_SOURCES == {
        "date": "dates",
        "publicationYear": "publication_year",
        "alternateIdentifiers": "identifiers",
        "relatedIdentifiers": "related_identifiers",
        "relatedItems": "related_items",
        "geoLocations": "geo_locations",
        "rightsList": "rights_list",
        "fundingReferences": "funding_references",
        "version": "version_info",
        "resource": "xml",
    }
    assert source_for_element("creatorName") == "creatorName"
    assert source_for_element(None) == "xml"


def _as_kernel_4_3(data: bytes) -> bytes:
    return re.sub(rb"kernel-4(\.\d+)?/metadata\.xsd", b"kernel-4.3/metadata.xsd", data, count=1)


def test_the_kernel_4_version_named_in_schema_location_is_used() -> None:
    # Poster became a resourceTypeGeneral in 4.7; a document declaring 4.3 may not use it.
    poster = re.sub(
        rb'resourceTypeGeneral="\w+"', b'resourceTypeGeneral="Poster"', _read(VALID_47), count=1
    )
    assert validate_xml(poster) == []
    issues = validate_xml(_as_kernel_4_3(poster))
    about_type = [issue for issue in issues if issue.element == "resourceType"]
    assert len(about_type) == 1
    assert "'Poster'" in about_type[0].message
    # Registration follows DataCite: always the current kernel-4 XSD.
    assert registration_issues(_as_kernel_4_3(poster)) == []


def test_unknown_kernel_4_versions_fall_back_to_the_latest() -> None:
    data = re.sub(rb"kernel-4(\.\d+)?/metadata\.xsd", b"kernel-4.1/metadata.xsd", _read(VALID_47))
    poster = re.sub(rb'resourceTypeGeneral="\w+"', b'resourceTypeGeneral="Poster"', data, count=1)
    assert validate_xml(poster) == []


@pytest.mark.parametrize(("dest", "note"), [f for f in VALID if f[1] == "valid:kernel-3"][:5])
def test_registration_rejects_kernel_3_with_its_namespace(dest: str, note: str) -> None:
    assert validate_xml(_read(dest)) == []
    assert registration_issues(_read(dest), doi="10.5072/ABC") == [
        ValidationIssue(
            source="xml",
            element="resource",
            line=None,
            column=None,
            message="Schema http://datacite.org/schema/kernel-3 is no longer supported",
            title="DOI 10.5072/abc: Schema http://datacite.org/schema/kernel-3 is no longer"
            " supported",
            kind=IssueKind.UNSUPPORTED,
        )
    ]


@pytest.mark.parametrize(
    ("dest", "namespace"),
    [
        ("xml/lupo/datacite_schema_2.2.xml", "http://datacite.org/schema/kernel-2.2"),
        ("xml/lupo/ns30.xml", "http://datacite.org/schema/kernel-3.0"),
    ],
)
def test_registration_names_the_documents_own_retired_namespace(dest: str, namespace: str) -> None:
    (issue,) = registration_issues(_read(dest), doi="10.5072/x")
    assert issue.as_error() == {
        "source": "xml",
        "title": f"DOI 10.5072/x: Schema {namespace} is no longer supported",
    }


def test_registration_checks_kernel_4_against_the_xsd() -> None:
    assert registration_issues(_read(VALID_47)) == []
    missing = registration_issues(_read("xml/lupo/datacite_missing_creator.xml"), doi="10.1/x")
    assert [issue.source for issue in missing] == ["creators"]


def test_registration_rejects_non_kernel_4_namespaces_through_the_xsd() -> None:
    (issue,) = registration_issues(_read("xml/bolognese/datacite-example-complicated-v4.0.xml"))
    assert issue.source == "xml"
    assert "No matching global declaration available for the validation root" in issue.message


def test_registration_of_not_well_formed_xml_is_a_syntax_issue() -> None:
    (issue,) = registration_issues(_read("xml/lupo/datacite_malformed.xml"), doi="10.1/x")
    assert issue.kind is IssueKind.SYNTAX and issue.source == "xml"


@pytest.mark.parametrize(
    "data", [b"", b"   ", b"\xff\xfe\x00", "<resource", b"<a/><b/>", b"\x00\x01garbage"]
)
def test_unusable_input_gives_an_xml_issue(data: bytes | str) -> None:
    for check in (validate_xml, registration_issues):
        issues = check(data)
        assert len(issues) == 1
        assert issues[0].source == "xml"
        assert issues[0].kind is IssueKind.SYNTAX


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.binary(max_size=300), st.text(max_size=300)))
def test_arbitrary_input_never_raises(data: bytes | str) -> None:
    for check in (validate_xml, registration_issues):
        issues = check(data)
        assert issues
        assert all(isinstance(issue, ValidationIssue) for issue in issues)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_damaged_real_documents_never_raise(data: st.DataObject) -> None:
    dest, _ = data.draw(st.sampled_from(VALID + INVALID))
    document = _read(dest)
    cut = data.draw(st.integers(min_value=0, max_value=len(document)))
    noise = data.draw(st.binary(max_size=8))
    damaged = document[:cut] + noise + document[cut + len(noise) :]
    for check in (validate_xml, registration_issues):
        assert all(isinstance(issue, ValidationIssue) for issue in check(damaged))


def test_validation_from_many_threads_gives_each_caller_its_own_errors() -> None:
    valid = _read(VALID_47)
    invalid = _read("xml/bolognese/funding_reference.xml")
    expected_invalid = validate_xml(invalid)
    failures: list[str] = []

    def work(data: bytes, expected: list[ValidationIssue]) -> None:
        for _ in range(25):
            if validate_xml(data) != expected:
                failures.append("mismatch")

    threads = [
        threading.Thread(target=work, args=(valid, []) if i % 2 else (invalid, expected_invalid))
        for i in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
