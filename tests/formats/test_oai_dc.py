"""``oai_dc``: the Dublin Core crosswalk, against DataCite's own provider and the oai_dc XSD."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from doiregistry.formats.oai_dc import DC_NAMESPACE, dublin_core, dublin_core_values
from doiregistry.metadata.reader import xml_to_attributes
from doiregistry.oai.schema_files import oai_schema

TESTDATA = Path(__file__).resolve().parents[2].parent / "shared" / "datacite-testdata"
VIRINGO = TESTDATA / "oai" / "viringo"
KERNEL_4 = "{http://datacite.org/schema/kernel-4}"
OAI_DC = "{http://www.openarchives.org/OAI/2.0/oai_dc/}dc"
LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def valid_dc(element: etree._Element) -> None:
    assert oai_schema("oai_dc.xsd").errors(etree.fromstring(etree.tostring(element))) == []


def test_the_same_values_as_datacites_provider() -> None:
    """viringo's GetRecord fixtures: the DataCite XML and the oai_dc made from it."""
    source = etree.parse(str(VIRINGO / "oai_getrecord_datacite.xml"))
    resource = source.find(f".//{KERNEL_4}resource")
    assert resource is not None
    attributes = xml_to_attributes(etree.tostring(resource))
    theirs = etree.parse(str(VIRINGO / "oai_getrecord_dc.xml")).find(f".//{OAI_DC}")
    assert theirs is not None
    expected = [(etree.QName(child).localname, child.text) for child in theirs]
    ours = dublin_core("10.5072/NOT-A-REAL-DOI", attributes)
    assert [(etree.QName(child).localname, child.text) for child in ours] == expected
    valid_dc(ours)


def test_a_full_record() -> None:
    path = TESTDATA / "xml" / "datacite-schema" / "kernel-4.7" / "datacite-example-full-v4.xml"
    attributes = xml_to_attributes(path.read_bytes())
    element = dublin_core("10.82433/B09Z-4K37", attributes)
    valid_dc(element)
    values: dict[str, list[str]] = {}
    for child in element:
        values.setdefault(etree.QName(child).localname, []).append(child.text or "")
    assert values["identifier"][0] == "doi:10.82433/b09z-4k37"
    assert values["title"] == [title["title"] for title in attributes["titles"]]
    assert values["creator"] == [creator["name"] for creator in attributes["creators"]]
    assert values["contributor"] == [person["name"] for person in attributes["contributors"]]
    assert values["date"][0] == str(attributes["publicationYear"])
    assert values["language"] == [attributes["language"]]
    assert values["type"][0] == attributes["types"]["resourceTypeGeneral"]
    assert set(attributes["formats"]) | set(attributes["sizes"]) == set(values["format"])
    assert any(value.startswith("http") for value in values["rights"])
    assert values["coverage"]
    langs = {child.get(LANG) for child in element.iter(f"{{{DC_NAMESPACE}}}title")}
    assert langs - {None}


def test_every_valid_kernel_4_record_gives_valid_dublin_core() -> None:
    manifest = json.loads((TESTDATA / "manifest.json").read_text())
    paths = [
        TESTDATA / entry["dest"]
        for entry in manifest
        if entry["dest"].startswith("xml/")
        and str(entry.get("validation", "")).startswith("valid:kernel-4")
    ]
    assert len(paths) > 100
    for path in paths:
        attributes = xml_to_attributes(path.read_bytes())
        element = dublin_core("10.5072/example", attributes)
        valid_dc(element)
        identifiers = [child.text for child in element.iter(f"{{{DC_NAMESPACE}}}identifier")]
        assert identifiers[0] == "doi:10.5072/example"


@pytest.mark.parametrize(
    ("attributes", "expected"),
    [
        ({"titles": [{"title": "A\x00B\x0c"}]}, [("title", "AB", None)]),
        ({"titles": [{"title": "  "}, {"title": None}, "Plain"]}, [("title", "Plain", None)]),
        ({"titles": [{"title": "T", "lang": "en-GB"}]}, [("title", "T", "en-GB")]),
        ({"titles": [{"title": "T", "lang": "English (UK)"}]}, [("title", "T", None)]),
        ({"publisher": "Name"}, [("publisher", "Name", None)]),
        ({"publisher": {"name": "Name", "lang": "en"}}, [("publisher", "Name", None)]),
        ({"creators": [{"familyName": "Doe", "givenName": "J."}]}, [("creator", "Doe, J.", None)]),
        (
            {
                "dates": [
                    {"date": "2020-01-01/2020-02-01", "dateType": "Collected"},
                    {"date": "2021"},
                ]
            },
            [("date", "Collected: 2020-01-01/2020-02-01", None), ("date", "2021", None)],
        ),
        (
            {
                "identifiers": [
                    {"identifier": "https://doi.org/10.5072/EX", "identifierType": "DOI"},
                    {"identifier": "ISBN 123", "identifierType": "ISBN"},
                    {"identifier": "no type"},
                    {"identifierType": "URL"},
                ]
            },
            [("identifier", "isbn:ISBN 123", None)],
        ),
        (
            {
                "relatedIdentifiers": [
                    {
                        "relatedIdentifier": "https://doi.org/10.5072/ABC",
                        "relatedIdentifierType": "DOI",
                    },
                    {"relatedIdentifier": "https://example.org", "relatedIdentifierType": "URL"},
                    {"relatedIdentifier": "untyped"},
                ]
            },
            [("relation", "doi:10.5072/abc", None), ("relation", "url:https://example.org", None)],
        ),
        (
            {
                "descriptions": [
                    {"description": ["one", "two"]},
                    {"description": "three", "lang": "de"},
                ]
            },
            [("description", "one two", None), ("description", "three", "de")],
        ),
        (
            {
                "types": {"resourceTypeGeneral": "Dataset"},
                "formats": ["text/csv"],
                "sizes": ["2 MB"],
            },
            [("type", "Dataset", None), ("format", "text/csv", None), ("format", "2 MB", None)],
        ),
        (
            {
                "rightsList": [
                    {"rights": "CC BY 4.0", "rightsUri": "https://x.org/by/4.0", "lang": "en"}
                ]
            },
            [("rights", "CC BY 4.0", "en"), ("rights", "https://x.org/by/4.0", None)],
        ),
        (
            {
                "geoLocations": [
                    {
                        "geoLocationPlace": "Atlantic Ocean",
                        "geoLocationPoint": {"pointLatitude": "31.233", "pointLongitude": -67.302},
                        "geoLocationBox": {
                            "northBoundLatitude": 42,
                            "eastBoundLongitude": "-68.3",
                            "southBoundLatitude": 41.09,
                            "westBoundLongitude": -71.032,
                        },
                    },
                    {"geoLocationPoint": {"pointLatitude": "north"}},
                ]
            },
            [
                ("coverage", "Atlantic Ocean", None),
                ("coverage", "north=31.233; east=-67.302", None),
                (
                    "coverage",
                    "northlimit=42; eastlimit=-68.3; southlimit=41.09; westlimit=-71.032",
                    None,
                ),
            ],
        ),
    ],
)
def test_values(attributes: dict[str, Any], expected: list[tuple[str, str, str | None]]) -> None:
    own = ("identifier", "doi:10.5072/ex", None)
    values = list(dublin_core_values("10.5072/EX", attributes))
    assert values.count(own) == 1
    assert [value for value in values if value != own] == expected
    valid_dc(dublin_core("10.5072/EX", attributes))
