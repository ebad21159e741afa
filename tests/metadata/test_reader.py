"""The DataCite XML reader on real fixtures of every schema generation.

Expected values are read off the fixture documents themselves or come from
DataCite's recorded REST response for the same record; the DataCite rules
they exercise are described in ``docs/compatibility.md``.
"""

from __future__ import annotations

import base64
import contextlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doiregistry.metadata.errors import MetadataError, MetadataFormatError, MetadataParseError
from doiregistry.metadata.presentation import present_attributes
from doiregistry.metadata.reader import xml_to_attributes

TESTDATA = Path(__file__).resolve().parents[2].parent / "shared" / "datacite-testdata"
XML = TESTDATA / "xml"
MANIFEST: list[dict[str, Any]] = json.loads((TESTDATA / "manifest.json").read_text("utf-8"))
NOT_WELL_FORMED = sorted(
    e["dest"]
    for e in MANIFEST
    if e["dest"].startswith("xml/") and e.get("validation") == "not-well-formed"
)


def read(relative: str) -> dict[str, Any]:
    return xml_to_attributes((XML / relative).read_bytes())


def recorded(relative: str) -> tuple[bytes, dict[str, Any]]:
    """The XML and the attributes of a recorded single-DOI REST response."""
    document = json.loads((TESTDATA / "json" / "api" / relative).read_text("utf-8"))
    attributes: dict[str, Any] = document["data"]["attributes"]
    return base64.b64decode(attributes["xml"]), attributes


# --------------------------------------------------------------------------
# schema generations


def test_kernel_2_2() -> None:
    attrs = read("bolognese/datacite-metadata-sample-complicated-v2.2.xml")
    assert attrs["schemaVersion"] == "http://datacite.org/schema/kernel-2.2"
    assert attrs["doi"] == "10.5072/testpub"
    assert attrs["titles"] == [
        {"title": "Właściwości rzutowań podprzestrzeniowych"},
        {"title": "Translation of Polish titles", "titleType": "TranslatedTitle"},
    ]
    assert attrs["publisher"] == {"name": "Springer"}
    assert attrs["publicationYear"] == 2010
    # the ampersand is written back as HTML, as DataCite does
    assert attrs["subjects"][0] == {
        "subject": "830 German &amp; related literatures",
        "subjectScheme": "DDC",
    }
    assert attrs["dates"] == [
        {"date": "2009-04-29", "dateType": "StartDate"},
        {"date": "2010-01-05", "dateType": "EndDate"},
        {"date": "2010", "dateType": "Issued"},
    ]
    # "456xyz" is not an ORCID iD: DataCite keeps the scheme, drops the value
    assert attrs["contributors"] == [
        {
            "nameType": "Personal",
            "name": "Doe, John",
            "givenName": "John",
            "familyName": "Doe",
            "nameIdentifiers": [
                {"schemeUri": "https://orcid.org", "nameIdentifierScheme": "ORCID"}
            ],
            "contributorType": "DataCollector",
        }
    ]


def test_kernel_2_2_matches_datacites_record_of_the_same_document() -> None:
    """api.test.datacite.org holds the same sample (with language ``de``)."""
    xml, theirs = recorded("api.test.datacite.org/dois-single/10.5438_6brg-2m37.json")
    ours = present_attributes(xml_to_attributes(xml))
    for prop in ("titles", "container", "types", "relatedIdentifiers", "language", "subjects"):
        assert ours[prop] == theirs[prop], prop


def test_kernel_3() -> None:
    attrs = read("datacite-schema/kernel-3/datacite-example-full-v3.1.xml")
    assert attrs["schemaVersion"] == "http://datacite.org/schema/kernel-3"
    assert attrs["doi"] == "10.5072/example-full"
    assert attrs["creators"][0]["name"] == "Miller, Elizabeth"
    assert attrs["creators"][0]["nameIdentifiers"] == [
        {
            "nameIdentifier": "https://orcid.org/0000-0001-5000-0007",
            "schemeUri": "https://orcid.org",
            "nameIdentifierScheme": "ORCID",
        }
    ]
    # kernel-3 geoLocations are written as text: DataCite skips them entirely
    assert attrs["geoLocations"] == []


KERNEL_4_FULL = [
    "datacite-schema/kernel-4.0/datacite-example-full-v4.0.xml",
    "datacite-schema/kernel-4.1/datacite-example-full-v4.1.xml",
    "datacite-schema/kernel-4.2/datacite-example-full-v4.xml",
    "datacite-schema/kernel-4.3/datacite-example-full-v4.xml",
    "datacite-schema/kernel-4.4/datacite-example-full-v4.xml",
    "datacite-schema/kernel-4.5/datacite-example-full-v4.xml",
    "datacite-schema/kernel-4.6/datacite-example-full-v4.xml",
    "datacite-schema/kernel-4.7/datacite-example-full-v4.xml",
]


def _text(xml: str, element: str) -> str:
    match = re.search(rf"<{element}\b[^>]*>([^<]*)</{element}>", xml)
    assert match, element
    return match.group(1).strip()


@pytest.mark.parametrize("relative", KERNEL_4_FULL)
def test_kernel_4_full_examples(relative: str) -> None:
    source = (XML / relative).read_text("utf-8-sig")
    attrs = read(relative)
    assert attrs["schemaVersion"] == "http://datacite.org/schema/kernel-4"
    assert attrs["doi"] == _text(source, "identifier").lower()
    assert attrs["publicationYear"] == int(_text(source, "publicationYear"))
    assert attrs["titles"][0]["title"] == _text(source, "title")
    general = re.search(r'resourceTypeGeneral="(\w+)"', source)
    assert general and attrs["types"]["resourceTypeGeneral"] == general.group(1)
    assert attrs["publisher"]["name"] == _text(source, "publisher")
    top_level = source.split("<relatedItems", 1)[0]
    assert len(attrs["creators"]) == top_level.count("<creator>")


def test_kernel_4_7_publisher_object() -> None:
    source = (XML / "datacite-schema/kernel-4.7/datacite-example-full-v4.xml").read_text()
    attrs = read("datacite-schema/kernel-4.7/datacite-example-full-v4.xml")
    publisher = re.search(r"<publisher ([^>]*)>", source)
    assert publisher and 'publisherIdentifierScheme="ROR"' in publisher.group(1)
    assert attrs["publisher"]["publisherIdentifierScheme"] == "ROR"
    assert attrs["publisher"]["publisherIdentifier"].startswith("https://ror.org/")


# --------------------------------------------------------------------------
# encodings and namespaces


def test_utf_16_with_byte_order_mark() -> None:
    data = (XML / "lupo/utf-16.xml").read_bytes()
    assert data[:2] in (b"\xff\xfe", b"\xfe\xff")
    attrs = xml_to_attributes(data)
    assert attrs["doi"] == "10.18720/mpm.3912018_19"
    assert attrs["creators"][0] == {
        "nameType": "Personal",
        "name": "Krylov, Nikolay A.",
        "givenName": "Nikolay A.",
        "familyName": "Krylov",
        "affiliation": [{"name": "Peter the Great St. Petersburg Polytechnic University"}],
    }


def test_utf_16_without_byte_order_mark_and_as_text() -> None:
    text = (XML / "lupo/utf-16.xml").read_bytes().decode("utf-16")
    expected = xml_to_attributes(text)
    assert xml_to_attributes(text.encode("utf-16-le")) == expected
    assert xml_to_attributes(text.encode("utf-16-be")) == expected
    assert expected["doi"] == "10.18720/mpm.3912018_19"


def test_utf_8_byte_order_mark() -> None:
    data = (XML / "lupo/utf-8_bom.xml").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert xml_to_attributes(data) == xml_to_attributes(data[3:])
    assert xml_to_attributes(data)["doi"] is not None


def test_namespace_prefix_ns0_kernel_2_2() -> None:
    source = (XML / "lupo/ns0.xml").read_text()
    attrs = read("lupo/ns0.xml")
    assert attrs["schemaVersion"] == "http://datacite.org/schema/kernel-2.2"
    assert attrs["doi"] == "10.4231/d38g8fk8b"
    assert len(attrs["creators"]) == source.count("<ns0:creator>")
    assert attrs["titles"][0]["title"] == _text(source, "ns0:title")


def test_prefixed_default_namespace_with_bare_orcid() -> None:
    source = (XML / "lupo/datacite_namespace.xml").read_text()
    orcid = re.search(r'nameIdentifierScheme="ORCID">([^<]+)<', source)
    assert orcid
    attrs = read("lupo/datacite_namespace.xml")
    assert attrs["doi"] == "10.5880/pik.2017.010"
    assert attrs["creators"][0]["nameIdentifiers"][0] == {
        "nameIdentifier": "https://orcid.org/" + orcid.group(1).strip(),
        "schemeUri": "https://orcid.org",
        "nameIdentifierScheme": "ORCID",
    }


@pytest.mark.parametrize(
    ("namespace", "schema_version"),
    [
        ("", "http://datacite.org/schema/kernel-4"),
        (' xmlns="https://datacite.org/schema/kernel-4"', "http://datacite.org/schema/kernel-4"),
        (' xmlns="http://example.org/not-datacite"', "http://datacite.org/schema/kernel-4"),
        (' xmlns="http://datacite.org/schema/kernel-3"', "http://datacite.org/schema/kernel-3"),
    ],
)
def test_missing_or_odd_namespace_is_read_all_the_same(namespace: str, schema_version: str) -> None:
    source = (XML / "bolognese/datacite-example-affiliation.xml").read_text()
    expected = xml_to_attributes(source)
    changed = source.replace(' xmlns="http://datacite.org/schema/kernel-4"', namespace, 1)
    assert changed != source or namespace == ' xmlns="http://datacite.org/schema/kernel-4"'
    attrs = xml_to_attributes(changed)
    assert attrs["schemaVersion"] == schema_version
    assert {**attrs, "schemaVersion": None} == {**expected, "schemaVersion": None}


def test_resource_inside_a_wrapper_is_found() -> None:
    source = (XML / "bolognese/datacite-example-affiliation.xml").read_text()
    body = source.split("?>", 1)[1]
    wrapper = '<oai_datacite xmlns="http://schema.datacite.org/oai/oai-1.1/">'
    wrapped = f"{wrapper}<payload>{body}</payload></oai_datacite>"
    assert xml_to_attributes(wrapped)["titles"] == xml_to_attributes(source)["titles"]


# --------------------------------------------------------------------------
# properties


def _points(block: str, element: str) -> list[tuple[float, float]]:
    found = []
    for point in re.findall(rf"<{element}>(.*?)</{element}>", block, re.S):
        latitude = re.search(r"<pointLatitude>([^<]+)<", point)
        longitude = re.search(r"<pointLongitude>([^<]+)<", point)
        assert latitude and longitude
        found.append((float(latitude.group(1)), float(longitude.group(1))))
    return found


@pytest.mark.parametrize(
    "relative",
    [
        "bolognese/datacite-example-polygon.xml",
        "invenio-datacite/datacite-v4.1-full-example.xml",
    ],
)
def test_geo_location_polygon_with_in_polygon_point(relative: str) -> None:
    source = (XML / relative).read_text("utf-8-sig")
    first = re.search(r"<geoLocationPolygon>(.*?)</geoLocationPolygon>", source, re.S)
    assert first
    attrs = read(relative)
    polygon = next(
        g["geoLocationPolygon"] for g in attrs["geoLocations"] if "geoLocationPolygon" in g
    )
    if isinstance(polygon[0], list):  # several polygons in one geoLocation
        polygon = polygon[0]
    corners = [
        (p["polygonPoint"]["pointLatitude"], p["polygonPoint"]["pointLongitude"])
        for p in polygon
        if "polygonPoint" in p
    ]
    inside = [
        (p["inPolygonPoint"]["pointLatitude"], p["inPolygonPoint"]["pointLongitude"])
        for p in polygon
        if "inPolygonPoint" in p
    ]
    assert corners == _points(first.group(1), "polygonPoint")
    assert inside == _points(first.group(1), "inPolygonPoint")
    assert len(inside) == 1


def test_several_polygons_in_one_geo_location() -> None:
    attrs = read("bolognese/datacite-geolocationpolygons-multiple.xml")
    first, second = attrs["geoLocations"]
    assert [len(shape) for shape in first["geoLocationPolygon"]] == [4, 4]
    assert first["geoLocationPolygon"][0][0] == {
        "polygonPoint": {"pointLatitude": 71, "pointLongitude": 41}
    }
    assert isinstance(second["geoLocationPolygon"][0], dict)


def test_geo_location_point_box_and_place_from_datacite_record() -> None:
    xml, theirs = recorded("api.datacite.org/dois-single/10.1594_pangaea.836178.json")
    assert present_attributes(xml_to_attributes(xml))["geoLocations"] == theirs["geoLocations"]


def test_related_items() -> None:
    attrs = read("datacite-schema/kernel-4.7/datacite-example-relateditem1-v4.xml")
    assert attrs["relatedItems"] == [
        {
            "relationType": "IsPublishedIn",
            "relatedItemType": "Journal",
            "relatedItemIdentifier": {
                "relatedItemIdentifier": "1234-5678",
                "relatedItemIdentifierType": "ISSN",
            },
            "creators": [],
            "titles": [{"title": "Journal of Metadata Examples"}],
            "publicationYear": "2022",
            "volume": "3",
            "issue": "4",
            "firstPage": "20",
            "lastPage": "35",
            "publisher": "Example Publisher",
            "contributors": [],
        }
    ]


def test_related_items_from_datacite_record() -> None:
    xml, theirs = recorded(
        "api.stage.datacite.org/dois-write/"
        "poodle__metadata__metadata_4_5__put_metadata_for_doi__0.PUT.response.json"
    )
    assert xml_to_attributes(xml)["relatedItems"] == theirs["relatedItems"]


def test_funding_references() -> None:
    attrs = read("bolognese/datacite-funderIdentifier.xml")
    by_name = {f["funderName"]: f for f in attrs["fundingReferences"]}
    assert by_name["European Commission"]["funderIdentifier"] == (
        "https://doi.org/10.13039/501100000780"
    )
    assert by_name["DataCite"]["funderIdentifier"] == "https://ror.org/04wxnsj81"
    assert by_name["DataCite"]["schemeUri"] == "https://ror.org"
    assert by_name["Acme Inc"] == {
        "funderName": "Acme Inc",
        "funderIdentifier": "1234",
        "funderIdentifierType": "Other",
    }


def test_funding_references_from_datacite_record() -> None:
    xml, theirs = recorded("api.datacite.org/dois-single/10.5438_6423.json")
    assert xml_to_attributes(xml)["fundingReferences"] == theirs["fundingReferences"]


def test_affiliations_with_ror() -> None:
    attrs = read("bolognese/datacite-example-affiliation.xml")
    assert attrs["creators"][0]["affiliation"] == [
        {
            "name": "DataCite",
            "affiliationIdentifier": "https://ror.org/04wxnsj81",
            "affiliationIdentifierScheme": "ROR",
        }
    ]
    default = present_attributes(attrs)["creators"][1]["affiliation"]
    assert default == ["Brown University", "Wesleyan University"]


def test_affiliations_with_ror_from_datacite_record() -> None:
    document = json.loads((TESTDATA / "json/api/akita/doi-10.7272-q6g15xs4.json").read_text())
    theirs = document["data"][0]["attributes"]
    ours = present_attributes(
        xml_to_attributes(base64.b64decode(theirs["xml"])), affiliation=True, publisher=True
    )
    assert ours["creators"] == theirs["creators"]
    assert ours["publisher"] == theirs["publisher"]


def test_name_identifiers_and_scheme_uri() -> None:
    attrs = read("bolognese/datacite-example-nameIdentifier-with-schemeURI.xml")
    assert attrs["creators"][0]["nameIdentifiers"] == [
        {
            "nameIdentifier": "https://orcid.org/0000-0001-9998-0114",
            "schemeUri": "https://orcid.org",
            "nameIdentifierScheme": "ORCID",
        }
    ]
    assert attrs["creators"][0]["affiliation"][0]["affiliationIdentifier"] == (
        "https://ror.org/05bp8ka05"
    )
    assert attrs["creators"][1]["nameIdentifiers"] == [
        {
            "nameIdentifier": "https://ror.org/04sk0et52",
            "schemeUri": "https://ror.org",
            "nameIdentifierScheme": "ROR",
        }
    ]


def test_other_name_identifiers_keep_text_and_scheme_uri() -> None:
    xml, theirs = recorded("api.stage.datacite.org/dois-single/10.82621_sf34-nn32.json")
    ours = present_attributes(xml_to_attributes(xml))
    assert (
        ours["contributors"][0]["nameIdentifiers"] == theirs["contributors"][0]["nameIdentifiers"]
    )


@pytest.mark.parametrize(
    "relative",
    [
        "api.datacite.org/dois-single/10.5878_xyad-9f70.json",
        "api.datacite.org/dois-single/10.48550_arxiv.2311.16162.json",
    ],
)
def test_current_records_agree_on_every_property(relative: str) -> None:
    xml, theirs = recorded(relative)
    ours = present_attributes(xml_to_attributes(xml), url=theirs.get("url"))
    for prop, value in ours.items():
        if prop in theirs and prop != "doi":
            assert value == theirs[prop], prop


# --------------------------------------------------------------------------
# bad input


@pytest.mark.parametrize("relative", NOT_WELL_FORMED)
def test_not_well_formed_fixtures_raise_parse_error(relative: str) -> None:
    with pytest.raises(MetadataParseError):
        xml_to_attributes((TESTDATA / relative).read_bytes())


def test_there_are_broken_fixtures() -> None:
    assert len(NOT_WELL_FORMED) >= 4


ALL_FIXTURES = sorted(e["dest"] for e in MANIFEST)


@pytest.mark.parametrize("relative", ALL_FIXTURES)
def test_every_fixture_reads_or_raises_a_metadata_error(relative: str) -> None:
    """XML, XSD, JSON, MDS and OAI files alike: a result or a MetadataError, nothing else."""
    try:
        attrs = xml_to_attributes((TESTDATA / relative).read_bytes())
    except MetadataError:
        assert not relative.startswith("xml/") or relative not in READABLE
        return
    assert isinstance(attrs["creators"], list)


READABLE = {
    e["dest"] for e in MANIFEST if (e.get("validation") or "").startswith(("valid", "INVALID"))
}


def test_every_schema_checked_xml_fixture_is_read() -> None:
    unread = []
    for relative in sorted(READABLE):
        try:
            xml_to_attributes((TESTDATA / relative).read_bytes())
        except MetadataError as exc:
            unread.append(f"{relative}: {exc}")
    assert not unread
    assert len(READABLE) >= 330


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   ",
        b"\xff\xfe",
        b"\xef\xbb\xbf",
        b"not xml at all",
        b'{"data": {"attributes": {}}}',
        b"<resource><identifier>",
        b"\xc3\x28<resource/>",
        b"\n<?xml version='1.0'?><resource/>",
        b'<!DOCTYPE r [<!ENTITY e "x">]><resource>&e;</resource>',
    ],
)
def test_malformed_input_raises_parse_error(data: bytes) -> None:
    with pytest.raises(MetadataParseError):
        xml_to_attributes(data)


def test_xml_without_resource_raises_format_error() -> None:
    with pytest.raises(MetadataFormatError):
        xml_to_attributes((TESTDATA / "oai/viringo/oai_identify.xml").read_bytes())


SAMPLE = (XML / "bolognese/datacite-example-affiliation.xml").read_bytes()


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    start=st.integers(min_value=0, max_value=len(SAMPLE)),
    length=st.integers(min_value=0, max_value=40),
    insert=st.binary(max_size=12),
)
def test_damaged_documents_only_raise_metadata_errors(
    start: int, length: int, insert: bytes
) -> None:
    damaged = SAMPLE[:start] + insert + SAMPLE[start + length :]
    with contextlib.suppress(MetadataError):
        xml_to_attributes(damaged)
