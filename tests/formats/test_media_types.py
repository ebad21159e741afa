"""The content negotiation table: every media type and alias of spec §10."""

from __future__ import annotations

import json

from tests.formats.records import recorded_record

from doiregistry.formats.media_types import FORMATS, CitationOptions, format_for, format_named

SPEC_TYPES = {
    "application/vnd.datacite.datacite+xml": "datacite",
    "application/x-datacite+xml": "datacite",
    "application/vnd.datacite.datacite+json": "datacite_json",
    "application/vnd.crosscite.crosscite+json": "crosscite",
    "application/vnd.schemaorg.ld+json": "schema_org",
    "application/ld+json": "schema_org",
    "application/vnd.codemeta.ld+json": "codemeta",
    "application/vnd.citationstyles.csl+json": "citeproc",
    "application/citeproc+json": "citeproc",
    "application/vnd.jats+xml": "jats",
    "application/x-bibtex": "bibtex",
    "application/x-research-info-systems": "ris",
    "text/csv": "csv",
    "text/x-bibliography": "citation",
}


def test_every_type_of_the_spec() -> None:
    for media_type, name in SPEC_TYPES.items():
        media_format = format_for(media_type)
        assert media_format is not None and media_format.name == name, media_type
    assert {f.name for f in FORMATS} == set(SPEC_TYPES.values())


def test_lookup_ignores_case_and_parameters() -> None:
    media_format = format_for("Text/X-Bibliography; style=ieee")
    assert media_format is format_named("citation")
    assert media_format.content_type == "text/x-bibliography; charset=utf-8"


def test_unrendered_and_unknown_types() -> None:
    assert format_for("application/vnd.crossref.unixref+xml") is None
    assert format_for("application/vnd.ms-excel") is None
    assert format_for("application/json") is None


def test_json_formats_are_indented() -> None:
    record = recorded_record("10.5281_zenodo.28518")
    body = format_named("citeproc").render(record, CitationOptions())
    assert body.startswith(b'{\n  "type": "book",')
    assert json.loads(body)["DOI"] == "10.5281/zenodo.28518"


def test_citation_options_reach_the_citation() -> None:
    record = recorded_record("10.5281_zenodo.28518")
    ieee = format_named("citation").render(record, CitationOptions(style="ieee"))
    assert ieee.startswith(b"Jake Vanderplas and Alex Willmer, ")
