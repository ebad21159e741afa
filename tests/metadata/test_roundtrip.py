"""Round trip XML → JSON → XML → JSON over every XSD-valid XML record of the test data.

The reader (``xml_to_attributes``) turns a record into REST attributes, the
writer turns those back into kernel-4 XML, and reading that again must give
the same attributes. Two things cannot survive, by the schemas themselves:
``schemaVersion`` becomes kernel-4 (that is what the writer writes), and a
kernel-3 contributor whose ``contributorType`` kernel-4 no longer has
(``Funder``) cannot be written. The written XML must be valid kernel-4.7
whenever the attributes carry what kernel-4 requires: one valid kernel-3
record lacks the ``resourceType`` kernel-3 allowed to omit, and one has a
placeholder instead of a DOI.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from doiregistry.metadata import reader
from doiregistry.metadata.schema_files import enumeration
from doiregistry.metadata.validation import validate_xml
from doiregistry.metadata.writer import attributes_to_xml

TESTDATA = Path(__file__).resolve().parents[2].parent / "shared" / "datacite-testdata"
MANIFEST: list[dict[str, Any]] = json.loads((TESTDATA / "manifest.json").read_text())
VALID_RECORDS = sorted(
    entry["dest"]
    for entry in MANIFEST
    if entry["dest"].startswith("xml/") and (entry.get("validation") or "").startswith("valid")
)


def _missing_for_kernel_4(attrs: dict[str, Any]) -> set[str]:
    """Validation sources the written XML must report because ``attrs`` lacks them."""
    missing: set[str] = set()
    if not attrs.get("doi"):
        missing.add("identifier")
    types = attrs.get("types")
    general = types.get("resourceTypeGeneral") if isinstance(types, dict) else None
    if general not in enumeration("resourceType"):
        missing.add("xml")  # <resource> misses its resourceType child
    return missing


def test_every_valid_xml_record_is_covered() -> None:
    assert len(VALID_RECORDS) == 192


def _expressible_in_kernel_4(attrs: dict[str, Any]) -> dict[str, Any]:
    expected = copy.deepcopy(attrs)
    del expected["schemaVersion"]
    if isinstance(expected.get("contributors"), list):
        allowed = enumeration("contributorType")
        expected["contributors"] = [
            person
            for person in expected["contributors"]
            if person.get("contributorType") in allowed
        ]
    return expected


@pytest.mark.parametrize("dest", VALID_RECORDS)
def test_valid_record_round_trips(dest: str) -> None:
    first = reader.xml_to_attributes((TESTDATA / dest).read_bytes())
    written = attributes_to_xml(first)
    issues = validate_xml(written)
    assert {issue.source for issue in issues} == _missing_for_kernel_4(first), [
        issue.title for issue in issues
    ]
    second = reader.xml_to_attributes(written)
    assert second.pop("schemaVersion") == "http://datacite.org/schema/kernel-4"
    assert second == _expressible_in_kernel_4(first)
