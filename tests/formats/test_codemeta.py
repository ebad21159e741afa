"""CodeMeta: software records keep their DataCite creators as ``authors``."""

from __future__ import annotations

from tests.formats.records import recorded_record

from doiregistry.formats.codemeta import CONTEXT, codemeta


def test_software_release() -> None:
    document = codemeta(recorded_record("10.5281_zenodo.28518"))
    assert document["@context"] == CONTEXT
    assert document["@type"] == "SoftwareSourceCode"
    assert document["@id"] == "https://doi.org/10.5281/zenodo.28518"
    assert document["codeRepository"] == "https://zenodo.org/record/28518"
    assert document["name"] == "Supersmoother: Minor Bug Fix Release"
    assert document["authors"] == [
        {"name": "Jake Vanderplas", "affiliation": [{"name": "University of Washington"}]},
        {"name": "Alex Willmer"},
    ]
    assert document["version"] == "v0.3.2"
    assert document["description"] == "Fix issues with installation as a dependency"
    assert document["datePublished"] == "2015-08-19"
    assert document["license"] == "info:eu-repo/semantics/openAccess"
    assert document["publisher"] == {"name": "Zenodo"}
    assert "tags" not in document


def test_tags_are_the_subjects() -> None:
    document = codemeta(recorded_record("10.1594_pangaea.836178"))
    assert document["tags"] == [
        "Multiple investigations",
        "GReenland Analogue Surface Project (GRASP)",
    ]
    assert document["datePublished"] == "2014"
