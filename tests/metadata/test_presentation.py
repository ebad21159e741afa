"""REST output form of canonical attributes (spec §4.9)."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

from doiregistry.metadata.presentation import ATTRIBUTE_ORDER, present_attributes
from doiregistry.metadata.reader import xml_to_attributes

TESTDATA = Path(__file__).resolve().parents[2].parent / "shared" / "datacite-testdata"

CANONICAL: dict[str, Any] = {
    "doi": "10.5072/example",
    "identifiers": [
        {"identifier": "https://example.org/landing", "identifierType": "URL"},
        {"identifier": "10.5072/example", "identifierType": "DOI"},
        {"identifier": "MS-1", "identifierType": "Local"},
    ],
    "creators": [
        {
            "name": "Miller, Elizabeth",
            "affiliation": [
                {"name": "DataCite", "affiliationIdentifier": "https://ror.org/04wxnsj81"},
                {"affiliationIdentifier": "https://ror.org/05gq02987"},
            ],
        },
        {"name": "Example Org"},
    ],
    "publisher": {"name": "DataCite", "publisherIdentifier": "https://ror.org/04wxnsj81"},
    "container": None,
    "types": None,
    "subjects": None,
    "version": None,
}


def test_default_form_names_affiliations_and_publisher() -> None:
    out = present_attributes(CANONICAL)
    assert out["creators"] == [
        {"name": "Miller, Elizabeth", "affiliation": ["DataCite"], "nameIdentifiers": []},
        {"name": "Example Org", "affiliation": [], "nameIdentifiers": []},
    ]
    assert out["publisher"] == "DataCite"
    assert out["container"] == {}
    assert out["types"] == {}
    assert out["subjects"] == []
    assert out["version"] is None


def test_object_forms_on_request() -> None:
    out = present_attributes(CANONICAL, affiliation=True, publisher=True)
    assert out["creators"][0]["affiliation"] == CANONICAL["creators"][0]["affiliation"]
    assert out["publisher"] == CANONICAL["publisher"]
    legacy = present_attributes(
        {"publisher": "P", "creators": {"name": "A", "affiliation": "X"}},
        affiliation=True,
        publisher=True,
    )
    assert legacy["publisher"] == {"name": "P"}
    assert legacy["creators"] == [
        {"name": "A", "affiliation": [{"name": "X"}], "nameIdentifiers": []}
    ]


def test_identifiers_equal_to_doi_or_url_are_left_out() -> None:
    out = present_attributes(CANONICAL, url="https://example.org/landing")
    assert out["identifiers"] == [{"identifier": "MS-1", "identifierType": "Local"}]


def test_attribute_order_is_datacites() -> None:
    out = present_attributes({"schemaVersion": "x", "titles": [], "doi": "d", "extra": 1})
    assert list(out) == ["doi", "titles", "schemaVersion", "extra"]
    assert ATTRIBUTE_ORDER[:5] == ("doi", "identifiers", "creators", "titles", "publisher")


def test_input_is_not_changed() -> None:
    before = json.dumps(CANONICAL, sort_keys=True)
    present_attributes(CANONICAL)
    assert json.dumps(CANONICAL, sort_keys=True) == before


def test_both_forms_match_a_recorded_response() -> None:
    # akita recording made with affiliation=true&publisher=true
    document = json.loads((TESTDATA / "json/api/akita/doi-10.7272-q6g15xs4.json").read_text())
    theirs = document["data"][0]["attributes"]
    canonical = xml_to_attributes(base64.b64decode(theirs["xml"]))
    objects = present_attributes(canonical, affiliation=True, publisher=True)
    assert objects["creators"] == theirs["creators"]
    assert objects["publisher"] == theirs["publisher"]
    names = present_attributes(canonical)
    assert names["publisher"] == theirs["publisher"]["name"]
    assert names["creators"][0]["affiliation"] == [
        a["name"] for a in theirs["creators"][0]["affiliation"]
    ]
