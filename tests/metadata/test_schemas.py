"""The shipped DataCite XSDs: byte-exact copies, offline resolution, compilation, caching."""

from __future__ import annotations

import hashlib
import json
import re
import threading
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from doiregistry.metadata import schema_files
from doiregistry.metadata.errors import SchemaResourceError
from doiregistry.metadata.schema_files import (
    KERNEL_4_VERSIONS,
    XSD_NAMESPACE,
    compiled_schema,
    enumeration,
    iter_schema_files,
    kernel_schema,
    parse_schema_document,
    read_schema_file,
    schema_root,
)

TESTDATA = Path(__file__).resolve().parents[2].parent / "shared" / "datacite-testdata"
UPSTREAM = TESTDATA / "xsd" / "datacite"
MANIFEST: list[dict[str, Any]] = json.loads((TESTDATA / "manifest.json").read_text())
SHIPPED = sorted(iter_schema_files())


def test_every_upstream_xsd_is_shipped_byte_for_byte() -> None:
    upstream = sorted(path.relative_to(UPSTREAM).as_posix() for path in UPSTREAM.rglob("*.xsd"))
    assert upstream == SHIPPED
    for relative in SHIPPED:
        assert read_schema_file(relative) == (UPSTREAM / relative).read_bytes(), relative


def test_shipped_files_match_the_manifest_checksums() -> None:
    recorded = {
        entry["dest"].removeprefix("xsd/datacite/"): entry["sha1"]
        for entry in MANIFEST
        if entry["dest"].startswith("xsd/datacite/")
    }
    assert sorted(recorded) == SHIPPED
    for relative, sha1 in recorded.items():
        assert hashlib.sha1(read_schema_file(relative)).hexdigest() == sha1, relative


def _references(relative: str) -> list[str]:
    document = parse_schema_document(relative)
    return [
        element.get("schemaLocation", "")
        for element in document.iter(f"{{{XSD_NAMESPACE}}}include", f"{{{XSD_NAMESPACE}}}import")
    ]


@pytest.mark.parametrize("relative", SHIPPED)
def test_every_schema_reference_resolves_inside_the_package(relative: str) -> None:
    folder = relative.rsplit("/", 1)[0] if "/" in relative else ""
    for location in _references(relative):
        assert location, f"{relative}: import without schemaLocation"
        assert not re.match(r"^[a-z][a-z0-9+.-]*:", location, re.I), location
        target = f"{folder}/{location}" if folder else location
        assert read_schema_file(target)  # raises SchemaResourceError when missing


@pytest.mark.parametrize("version", ["3", *KERNEL_4_VERSIONS])
def test_each_kernel_schema_compiles(version: str) -> None:
    assert kernel_schema(version) is kernel_schema(version)


def test_official_oai_datacite_sample_validates_against_its_wrapper_schema() -> None:
    # The sample (oai-sample-1.1.xml) declares the oai-1.0 namespace.
    sample = etree.parse(str(TESTDATA / "oai" / "datacite-schema" / "oai-sample-1.1.xml"))
    assert compiled_schema("oai-1.0/oai.xsd").errors(sample) == []
    errors = compiled_schema("oai-1.1/oai.xsd").errors(sample)
    assert len(errors) == 1 and "No matching global declaration" in errors[0].message


def test_references_outside_the_package_are_refused() -> None:
    xsd = (
        b'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
        b'<xs:import namespace="http://www.w3.org/XML/1998/namespace"'
        b' schemaLocation="http://www.w3.org/2001/xml.xsd"/></xs:schema>'
    )
    parser = schema_files.schema_parser(schema_files.DATACITE_SCHEMAS)
    document = etree.fromstring(xsd, parser, base_url="doiregistry-schema:///probe.xsd")
    with pytest.raises(etree.XMLSchemaParseError, match=r"http://www\.w3\.org/2001/xml\.xsd"):
        etree.XMLSchema(document)


@pytest.mark.parametrize("relative", ["", "../pyproject.toml", "kernel-4.7/../../writer.py"])
def test_paths_outside_the_schema_folder_are_rejected(relative: str) -> None:
    with pytest.raises(SchemaResourceError):
        read_schema_file(relative)


def test_unknown_kernel_versions_are_rejected() -> None:
    with pytest.raises(SchemaResourceError):
        kernel_schema("4.1")


def test_schemas_are_package_resources() -> None:
    assert (schema_root() / "kernel-4.7" / "metadata.xsd").is_file()
    assert (schema_root() / "ATTRIBUTION.md").is_file()


def test_attribution_names_source_commit_licence_and_modification() -> None:
    text = (schema_root() / "ATTRIBUTION.md").read_text(encoding="utf-8")
    entry = next(e for e in MANIFEST if e["dest"] == "xsd/datacite/kernel-3/metadata.xsd")
    assert "datacite/schema" in text
    assert entry["commit"] in text
    assert "no licence" in text.lower()
    assert "kernel-3/metadata.xsd" in text and "http://www.w3.org/2009/01/xml.xsd" in text
    assert "kernel-3/include/xml.xsd" in text


def test_enumerations_follow_the_schema_version() -> None:
    # Schema 4.7 added Poster and Presentation (its revision history says so).
    assert {"Poster", "Presentation"} <= enumeration("resourceType", "4.7")
    assert not {"Poster", "Presentation"} & enumeration("resourceType", "4.6")
    assert enumeration("nameType") == {"Organizational", "Personal"}
    with pytest.raises(SchemaResourceError):
        enumeration("noSuchType")


def test_enumeration_matches_the_xsd_file() -> None:
    text = (UPSTREAM / "kernel-4.7" / "include" / "datacite-dateType-v4.xsd").read_text()
    assert enumeration("dateType") == set(re.findall(r'<xs:enumeration value="([^"]+)"', text))


def test_one_compiled_schema_is_safe_to_share_between_threads() -> None:
    schema = kernel_schema("4.7")
    valid = etree.fromstring((TESTDATA / "xml" / "lupo" / "datacite.xml").read_bytes())
    missing_creator = TESTDATA / "xml" / "lupo" / "datacite_missing_creator.xml"
    invalid = etree.fromstring(missing_creator.read_bytes())
    results: list[tuple[bool, int]] = []
    lock = threading.Lock()

    def work(document: etree._Element, expect_valid: bool) -> None:
        for _ in range(40):
            errors = schema.errors(document)
            with lock:
                results.append((expect_valid, len(errors)))

    threads = [
        threading.Thread(target=work, args=(valid if i % 2 else invalid, bool(i % 2)))
        for i in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 320
    assert all((count == 0) == expect_valid for expect_valid, count in results)
    assert {count for expect_valid, count in results if not expect_valid} == {1}
