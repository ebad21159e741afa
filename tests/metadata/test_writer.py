"""Writing DataCite kernel-4.7 XML from REST attributes: every property, always XSD-valid."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from doiregistry.metadata.schema_files import XSD_NAMESPACE, parse_schema_document
from doiregistry.metadata.validation import validate_xml
from doiregistry.metadata.writer import attributes_to_xml

TESTDATA = Path(__file__).resolve().parents[2].parent / "shared" / "datacite-testdata"
NS = {
    "d": "http://datacite.org/schema/kernel-4",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _polygon(*corners: tuple[float, float]) -> list[dict[str, Any]]:
    return [{"polygonPoint": {"pointLongitude": lon, "pointLatitude": lat}} for lon, lat in corners]


SQUARE = _polygon((-71.032, 41.991), (-69.622, 42.893), (-68.211, 41.991), (-71.032, 41.991))

FULL: dict[str, Any] = {
    "doi": "10.5072/example-full",
    "creators": [
        {
            "name": "Miller, Elizabeth",
            "nameType": "Personal",
            "givenName": "Elizabeth",
            "familyName": "Miller",
            "nameIdentifiers": [
                {
                    "nameIdentifier": "https://orcid.org/0000-0001-5000-0007",
                    "nameIdentifierScheme": "ORCID",
                    "schemeUri": "https://orcid.org",
                }
            ],
            "affiliation": [
                {
                    "name": "DataCite",
                    "affiliationIdentifier": "https://ror.org/04wxnsj81",
                    "affiliationIdentifierScheme": "ROR",
                    "schemeUri": "https://ror.org",
                }
            ],
        },
        {
            "name": "Instituto de Física",
            "nameType": "Organizational",
            "lang": "es",
            "affiliation": ["Universidad Nacional"],
        },
    ],
    "titles": [
        {"title": "Full DataCite XML Example", "lang": "en-US"},
        {"title": "Demonstration of DataCite Properties.", "titleType": "Subtitle"},
    ],
    "publisher": {
        "name": "DataCite",
        "publisherIdentifier": "https://ror.org/04wxnsj81",
        "publisherIdentifierScheme": "ROR",
        "schemeUri": "https://ror.org/",
        "lang": "en",
    },
    "publicationYear": 2014,
    "types": {
        "resourceTypeGeneral": "Software",
        "resourceType": "XML",
        "schemaOrg": "SoftwareSourceCode",
    },
    "subjects": [
        {
            "subject": "computer science",
            "subjectScheme": "dewey",
            "schemeUri": "http://dewey.info/",
            "valueUri": "http://dewey.info/class/000/",
            "classificationCode": "000",
            "lang": "en-US",
        },
        "metadata",
    ],
    "contributors": [
        {
            "name": "Starr, Joan",
            "nameType": "Personal",
            "givenName": "Joan",
            "familyName": "Starr",
            "contributorType": "ProjectLeader",
            "nameIdentifiers": [
                {"nameIdentifier": "0000-0002-7285-027X", "nameIdentifierScheme": "ORCID"}
            ],
            "affiliation": [{"name": "California Digital Library"}],
        }
    ],
    "dates": [
        {
            "date": "2017-09-13",
            "dateType": "Updated",
            "dateInformation": "Updated with 4.7 properties",
        },
        {"date": "2014", "dateType": "Issued"},
    ],
    "language": "en-US",
    "identifiers": [
        {
            "identifier": "https://schema.datacite.org/meta/kernel-4.7/example/",
            "identifierType": "URL",
        }
    ],
    "relatedIdentifiers": [
        {
            "relatedIdentifier": "https://data.datacite.org/application/citeproc+json/10.5072/example-full",
            "relatedIdentifierType": "URL",
            "relationType": "HasMetadata",
            "relatedMetadataScheme": "citeproc+json",
            "schemeUri": "https://github.com/citation-style-language/schema/raw/master/csl-data.json",
            "schemeType": "JSON",
        },
        {
            "relatedIdentifier": "arXiv:0706.0001",
            "relatedIdentifierType": "arXiv",
            "relationType": "Other",
            "relationTypeInformation": "reviewed as a preprint",
            "resourceTypeGeneral": "Preprint",
        },
    ],
    "relatedItems": [
        {
            "relationType": "IsPublishedIn",
            "relatedItemType": "Journal",
            "relationTypeInformation": "published in",
            "relatedItemIdentifier": {
                "relatedItemIdentifier": "0370-2693",
                "relatedItemIdentifierType": "ISSN",
                "relatedMetadataScheme": "schema.org",
                "schemeURI": "https://schema.org/",
                "schemeType": "JSON-LD",
            },
            "creators": [
                {
                    "name": "Hill, Jane",
                    "nameType": "Personal",
                    "givenName": "Jane",
                    "familyName": "Hill",
                }
            ],
            "titles": [{"title": "Physics letters / B"}],
            "publicationYear": "2018",
            "volume": "776",
            "issue": "4",
            "number": "12",
            "numberType": "Article",
            "firstPage": "249",
            "lastPage": "264",
            "publisher": "Elsevier",
            "edition": "2nd",
            "contributors": [{"name": "Smith, Bob", "contributorType": "Editor"}],
        }
    ],
    "sizes": ["4 kB", "12 pages"],
    "formats": ["application/xml"],
    "version": "4.7",
    "rightsList": [
        {
            "rights": "Creative Commons Zero v1.0 Universal",
            "rightsUri": "https://creativecommons.org/publicdomain/zero/1.0/legalcode",
            "rightsIdentifier": "cc0-1.0",
            "rightsIdentifierScheme": "SPDX",
            "schemeUri": "https://spdx.org/licenses/",
            "lang": "en",
        }
    ],
    "descriptions": [
        {
            "description": "XML example of all DataCite Metadata Schema v4.7 properties.",
            "descriptionType": "Abstract",
            "lang": "en-US",
        },
        {"description": "Methods: none.", "descriptionType": "Methods"},
    ],
    "geoLocations": [
        {
            "geoLocationPlace": "Atlantic Ocean",
            "geoLocationPoint": {"pointLongitude": "-67.302", "pointLatitude": "31.233"},
            "geoLocationBox": {
                "westBoundLongitude": -71.032,
                "eastBoundLongitude": -68.211,
                "southBoundLatitude": 41.09,
                "northBoundLatitude": 42.893,
            },
            "geoLocationPolygon": [
                *SQUARE,
                {"inPolygonPoint": {"pointLongitude": -70.0, "pointLatitude": 42.0}},
            ],
        },
        {"geoLocationPolygon": [SQUARE, _polygon((1, 1), (2, 2), (3, 1), (1, 1))]},
    ],
    "fundingReferences": [
        {
            "funderName": "National Science Foundation",
            "funderIdentifier": "https://doi.org/10.13039/100000001",
            "funderIdentifierType": "Crossref Funder ID",
            "schemeUri": "https://doi.org/",
            "awardNumber": "CBET-106",
            "awardUri": "https://www.nsf.gov/awardsearch/showAward?AWD_ID=106",
            "awardTitle": "Full DataCite XML Example",
        }
    ],
}


def _write(attrs: dict[str, Any], **kwargs: Any) -> tuple[bytes, etree._Element]:
    data = attributes_to_xml(attrs, **kwargs)
    return data, etree.fromstring(data)


def _one(root: etree._Element, path: str) -> etree._Element:
    found = root.xpath(path, namespaces=NS)
    assert isinstance(found, list) and len(found) == 1, (path, found)
    element = found[0]
    assert isinstance(element, etree._Element)
    return element


def _texts(root: etree._Element, path: str) -> list[str]:
    found = root.xpath(path, namespaces=NS)
    assert isinstance(found, list)
    return [str(item) for item in found]


def test_full_record_is_valid_kernel_4_7() -> None:
    data, root = _write(FULL)
    assert validate_xml(data) == []
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<resource ")
    assert b"\n  <identifier" in data  # pretty-printed
    assert root.tag == "{http://datacite.org/schema/kernel-4}resource"
    assert root.get(f"{{{NS['xsi']}}}schemaLocation") == (
        "http://datacite.org/schema/kernel-4 http://schema.datacite.org/meta/kernel-4.7/metadata.xsd"
    )


def _declared_order() -> list[str]:
    schema = parse_schema_document("kernel-4.7/metadata.xsd")
    resource = next(
        e for e in schema.iter(f"{{{XSD_NAMESPACE}}}element") if e.get("name") == "resource"
    )
    group = resource.find(f"{{{XSD_NAMESPACE}}}complexType/{{{XSD_NAMESPACE}}}all")
    assert group is not None
    return [str(child.get("name")) for child in group.iterchildren(f"{{{XSD_NAMESPACE}}}element")]


def test_elements_follow_the_xsd_order() -> None:
    _, root = _write(FULL)
    written = [etree.QName(child).localname for child in root]
    assert written == _declared_order()  # FULL has every property


def test_identifier_is_the_upper_case_doi() -> None:
    _, root = _write(FULL)
    identifier = _one(root, "d:identifier")
    assert identifier.text == "10.5072/EXAMPLE-FULL"
    assert identifier.get("identifierType") == "DOI"
    _, root = _write(FULL, doi="10.5072/Other")
    assert _one(root, "d:identifier").text == "10.5072/OTHER"
    _, root = _write({**FULL, "doi": "https://doi.org/10.5072/abc"})
    assert _one(root, "d:identifier").text == "10.5072/ABC"


def test_creators_with_identifiers_and_both_affiliation_forms() -> None:
    _, root = _write(FULL)
    first = _one(root, "d:creators/d:creator[1]")
    name = _one(first, "d:creatorName")
    assert (name.text, name.get("nameType")) == ("Miller, Elizabeth", "Personal")
    assert _texts(first, "d:givenName/text()") == ["Elizabeth"]
    assert _texts(first, "d:familyName/text()") == ["Miller"]
    ident = _one(first, "d:nameIdentifier")
    assert (ident.text, ident.get("nameIdentifierScheme"), ident.get("schemeURI")) == (
        "https://orcid.org/0000-0001-5000-0007",
        "ORCID",
        "https://orcid.org",
    )
    affiliation = _one(first, "d:affiliation")
    assert affiliation.text == "DataCite"
    assert affiliation.get("affiliationIdentifier") == "https://ror.org/04wxnsj81"
    assert affiliation.get("affiliationIdentifierScheme") == "ROR"
    assert affiliation.get("schemeURI") == "https://ror.org"
    second = _one(root, "d:creators/d:creator[2]")
    assert _one(second, "d:creatorName").get(XML_LANG) == "es"
    assert _one(second, "d:creatorName").get("nameType") == "Organizational"
    assert _one(second, "d:affiliation").text == "Universidad Nacional"
    assert _one(second, "d:affiliation").attrib == {}


def test_name_is_composed_from_family_and_given_when_missing() -> None:
    attrs = {**FULL, "creators": [{"givenName": "Jane", "familyName": "Doe"}]}
    data, root = _write(attrs)
    assert _texts(root, "d:creators/d:creator/d:creatorName/text()") == ["Doe, Jane"]
    assert validate_xml(data) == []


def test_titles_publisher_year_and_type() -> None:
    _, root = _write(FULL)
    titles = root.xpath("d:titles/d:title", namespaces=NS)
    assert isinstance(titles, list)
    assert [(t.text, t.get("titleType"), t.get(XML_LANG)) for t in titles] == [  # type: ignore[union-attr]
        ("Full DataCite XML Example", None, "en-US"),
        ("Demonstration of DataCite Properties.", "Subtitle", None),
    ]
    publisher = _one(root, "d:publisher")
    assert publisher.text == "DataCite"
    assert dict(publisher.attrib) == {
        "publisherIdentifier": "https://ror.org/04wxnsj81",
        "publisherIdentifierScheme": "ROR",
        "schemeURI": "https://ror.org/",
        XML_LANG: "en",
    }
    assert _one(root, "d:publicationYear").text == "2014"
    resource_type = _one(root, "d:resourceType")
    assert (resource_type.text, resource_type.get("resourceTypeGeneral")) == ("XML", "Software")


def test_publisher_as_plain_string() -> None:
    data, root = _write({**FULL, "publisher": "Zenodo"})
    assert _one(root, "d:publisher").text == "Zenodo"
    assert _one(root, "d:publisher").attrib == {}
    assert validate_xml(data) == []


def test_subjects_contributors_dates_language() -> None:
    _, root = _write(FULL)
    subject = _one(root, "d:subjects/d:subject[1]")
    assert subject.text == "computer science"
    assert dict(subject.attrib) == {
        "subjectScheme": "dewey",
        "schemeURI": "http://dewey.info/",
        "valueURI": "http://dewey.info/class/000/",
        "classificationCode": "000",
        XML_LANG: "en-US",
    }
    assert _texts(root, "d:subjects/d:subject[2]/text()") == ["metadata"]
    contributor = _one(root, "d:contributors/d:contributor")
    assert contributor.get("contributorType") == "ProjectLeader"
    assert _texts(contributor, "d:contributorName/text()") == ["Starr, Joan"]
    assert _texts(contributor, "d:nameIdentifier/text()") == ["0000-0002-7285-027X"]
    assert _texts(contributor, "d:affiliation/text()") == ["California Digital Library"]
    dates = root.xpath("d:dates/d:date", namespaces=NS)
    assert isinstance(dates, list)
    assert [(d.text, d.get("dateType"), d.get("dateInformation")) for d in dates] == [  # type: ignore[union-attr]
        ("2017-09-13", "Updated", "Updated with 4.7 properties"),
        ("2014", "Issued", None),
    ]
    assert _texts(root, "d:language/text()") == ["en-US"]


def test_identifiers_become_alternate_identifiers() -> None:
    _, root = _write(FULL)
    alternate = _one(root, "d:alternateIdentifiers/d:alternateIdentifier")
    assert alternate.text == "https://schema.datacite.org/meta/kernel-4.7/example/"
    assert alternate.get("alternateIdentifierType") == "URL"


def test_alternate_identifiers_are_used_only_without_identifiers() -> None:
    legacy = {
        "alternateIdentifiers": [{"alternateIdentifier": "A-1", "alternateIdentifierType": "Local"}]
    }
    attrs = {k: v for k, v in FULL.items() if k != "identifiers"} | legacy
    _, root = _write(attrs)
    assert _texts(root, "d:alternateIdentifiers/d:alternateIdentifier/text()") == ["A-1"]
    _, root = _write(FULL | legacy)
    assert "A-1" not in _texts(root, "d:alternateIdentifiers/d:alternateIdentifier/text()")


def test_the_own_doi_is_not_repeated_as_an_alternate_identifier() -> None:
    identifiers = [
        {"identifier": "https://doi.org/10.5072/example-full", "identifierType": "DOI"},
        {"identifier": "10.5072/another", "identifierType": "DOI"},
    ]
    _, root = _write({**FULL, "identifiers": identifiers})
    assert _texts(root, "d:alternateIdentifiers/d:alternateIdentifier/text()") == [
        "10.5072/another"
    ]


def test_related_identifiers() -> None:
    _, root = _write(FULL)
    first, second = root.xpath("d:relatedIdentifiers/d:relatedIdentifier", namespaces=NS)  # type: ignore[misc]
    assert first.text == "https://data.datacite.org/application/citeproc+json/10.5072/example-full"
    assert dict(first.attrib) == {
        "relatedIdentifierType": "URL",
        "relationType": "HasMetadata",
        "relatedMetadataScheme": "citeproc+json",
        "schemeURI": "https://github.com/citation-style-language/schema/raw/master/csl-data.json",
        "schemeType": "JSON",
    }
    assert dict(second.attrib) == {
        "resourceTypeGeneral": "Preprint",
        "relatedIdentifierType": "arXiv",
        "relationType": "Other",
        "relationTypeInformation": "reviewed as a preprint",
    }


def test_related_items() -> None:
    _, root = _write(FULL)
    item = _one(root, "d:relatedItems/d:relatedItem")
    assert dict(item.attrib) == {
        "relatedItemType": "Journal",
        "relationType": "IsPublishedIn",
        "relationTypeInformation": "published in",
    }
    identifier = _one(item, "d:relatedItemIdentifier")
    assert identifier.text == "0370-2693"
    assert dict(identifier.attrib) == {
        "relatedItemIdentifierType": "ISSN",
        "relatedMetadataScheme": "schema.org",
        "schemeURI": "https://schema.org/",
        "schemeType": "JSON-LD",
    }
    assert _texts(item, "d:creators/d:creator/d:creatorName/text()") == ["Hill, Jane"]
    assert _texts(item, "d:creators/d:creator/d:givenName/text()") == ["Jane"]
    assert _texts(item, "d:titles/d:title/text()") == ["Physics letters / B"]
    for key, value in [
        ("publicationYear", "2018"),
        ("volume", "776"),
        ("issue", "4"),
        ("firstPage", "249"),
        ("lastPage", "264"),
        ("publisher", "Elsevier"),
        ("edition", "2nd"),
    ]:
        assert _texts(item, f"d:{key}/text()") == [value], key
    number = _one(item, "d:number")
    assert (number.text, number.get("numberType")) == ("12", "Article")
    contributor = _one(item, "d:contributors/d:contributor")
    assert contributor.get("contributorType") == "Editor"
    assert _texts(contributor, "d:contributorName/text()") == ["Smith, Bob"]


def test_sizes_formats_version_rights_descriptions() -> None:
    _, root = _write(FULL)
    assert _texts(root, "d:sizes/d:size/text()") == ["4 kB", "12 pages"]
    assert _texts(root, "d:formats/d:format/text()") == ["application/xml"]
    assert _texts(root, "d:version/text()") == ["4.7"]
    rights = _one(root, "d:rightsList/d:rights")
    assert rights.text == "Creative Commons Zero v1.0 Universal"
    assert dict(rights.attrib) == {
        "rightsURI": "https://creativecommons.org/publicdomain/zero/1.0/legalcode",
        "rightsIdentifier": "cc0-1.0",
        "rightsIdentifierScheme": "SPDX",
        "schemeURI": "https://spdx.org/licenses/",
        XML_LANG: "en",
    }
    descriptions = root.xpath("d:descriptions/d:description", namespaces=NS)
    assert isinstance(descriptions, list)
    assert [(d.text, d.get("descriptionType"), d.get(XML_LANG)) for d in descriptions] == [  # type: ignore[union-attr]
        ("XML example of all DataCite Metadata Schema v4.7 properties.", "Abstract", "en-US"),
        ("Methods: none.", "Methods", None),
    ]


def _points(element: etree._Element, path: str) -> list[tuple[str, str]]:
    found = element.xpath(path, namespaces=NS)
    assert isinstance(found, list)
    return [
        (_texts(p, "d:pointLongitude/text()")[0], _texts(p, "d:pointLatitude/text()")[0])  # type: ignore[arg-type]
        for p in found
    ]


def test_geo_locations_point_box_polygon_place() -> None:
    _, root = _write(FULL)
    first, second = root.xpath("d:geoLocations/d:geoLocation", namespaces=NS)  # type: ignore[misc]
    assert _texts(first, "d:geoLocationPlace/text()") == ["Atlantic Ocean"]
    assert _points(first, "d:geoLocationPoint") == [("-67.302", "31.233")]
    box = _one(first, "d:geoLocationBox")
    assert [(etree.QName(c).localname, c.text) for c in box] == [
        ("westBoundLongitude", "-71.032"),
        ("eastBoundLongitude", "-68.211"),
        ("southBoundLatitude", "41.09"),
        ("northBoundLatitude", "42.893"),
    ]
    assert _points(first, "d:geoLocationPolygon/d:polygonPoint") == [
        ("-71.032", "41.991"),
        ("-69.622", "42.893"),
        ("-68.211", "41.991"),
        ("-71.032", "41.991"),
    ]
    assert _points(first, "d:geoLocationPolygon/d:inPolygonPoint") == [("-70.0", "42.0")]
    polygons = second.xpath("d:geoLocationPolygon", namespaces=NS)
    assert isinstance(polygons, list) and len(polygons) == 2


def test_funding_references() -> None:
    _, root = _write(FULL)
    reference = _one(root, "d:fundingReferences/d:fundingReference")
    assert [etree.QName(c).localname for c in reference] == [
        "funderName",
        "funderIdentifier",
        "awardNumber",
        "awardTitle",
    ]
    funder = _one(reference, "d:funderIdentifier")
    assert (funder.text, funder.get("funderIdentifierType"), funder.get("schemeURI")) == (
        "https://doi.org/10.13039/100000001",
        "Crossref Funder ID",
        "https://doi.org/",
    )
    award = _one(reference, "d:awardNumber")
    assert (award.text, award.get("awardURI")) == (
        "CBET-106",
        "https://www.nsf.gov/awardsearch/showAward?AWD_ID=106",
    )
    assert _texts(reference, "d:awardTitle/text()") == ["Full DataCite XML Example"]


def test_datacite_defaults_for_untyped_dates_and_descriptions() -> None:
    attrs = {**FULL, "dates": [{"date": "2020-01-01"}], "descriptions": ["Just text."]}
    data, root = _write(attrs)
    assert _one(root, "d:dates/d:date").get("dateType") == "Issued"
    assert _one(root, "d:descriptions/d:description").get("descriptionType") == "Abstract"
    assert validate_xml(data) == []


def test_what_cannot_be_expressed_validly_is_left_out() -> None:
    attrs = copy.deepcopy(FULL)
    attrs["creators"].append({"nameIdentifiers": "not a list of objects"})
    attrs["creators"][0]["nameType"] = "personal"
    attrs["titles"].append({"title": "Bad type", "titleType": "Headline", "lang": "not a tag"})
    attrs["contributors"].append({"name": "No Type"})
    attrs["contributors"].append({"name": "Bad Type", "contributorType": "Funder"})
    attrs["dates"].append({"date": "2020", "dateType": "StartDate"})
    attrs["language"] = "English language"
    attrs["subjects"][0]["valueUri"] = "http://x/%zz"
    attrs["relatedIdentifiers"].append({"relatedIdentifier": "x", "relatedIdentifierType": "URL"})
    attrs["relatedItems"].append({"relationType": "Cites", "relatedItemType": "Article"})
    attrs["rightsList"][0]["rightsUri"] = "a#b#c"
    attrs["descriptions"].append({"description": "?", "descriptionType": "Summary"})
    attrs["geoLocations"].append(
        {
            "geoLocationPoint": {"pointLongitude": 200, "pointLatitude": 0},
            "geoLocationBox": {"westBoundLongitude": 1, "eastBoundLongitude": 2},
            "geoLocationPolygon": SQUARE[:3],
        }
    )
    attrs["fundingReferences"].append({"awardNumber": "no funder"})
    attrs["fundingReferences"][0]["funderIdentifierType"] = "Funder Registry"
    attrs["version"] = {"not": "text"}
    attrs["sizes"] = ["ok", None, ["nested"]]
    attrs["publicationYear"] = 2014
    data, root = _write(attrs)
    assert validate_xml(data) == []
    assert len(root.xpath("d:creators/d:creator", namespaces=NS)) == 2  # type: ignore[arg-type]
    assert _one(root, "d:creators/d:creator[1]/d:creatorName").get("nameType") is None
    bad_title = _one(root, "d:titles/d:title[3]")
    assert bad_title.text == "Bad type" and bad_title.attrib == {}
    assert _texts(root, "d:contributors/d:contributor/d:contributorName/text()") == ["Starr, Joan"]
    assert len(root.xpath("d:dates/d:date", namespaces=NS)) == 2  # type: ignore[arg-type]
    assert root.find("d:language", NS) is None
    assert _one(root, "d:subjects/d:subject[1]").get("valueURI") is None
    assert len(root.xpath("d:relatedIdentifiers/d:relatedIdentifier", namespaces=NS)) == 2  # type: ignore[arg-type]
    assert len(root.xpath("d:relatedItems/d:relatedItem", namespaces=NS)) == 1  # type: ignore[arg-type]
    assert _one(root, "d:rightsList/d:rights").get("rightsURI") is None
    assert len(root.xpath("d:descriptions/d:description", namespaces=NS)) == 2  # type: ignore[arg-type]
    assert len(root.xpath("d:geoLocations/d:geoLocation", namespaces=NS)) == 2  # type: ignore[arg-type]
    assert root.find("d:fundingReferences/d:fundingReference/d:funderIdentifier", NS) is None
    assert len(root.xpath("d:fundingReferences/d:fundingReference", namespaces=NS)) == 1  # type: ignore[arg-type]
    assert root.find("d:version", NS) is None
    assert _texts(root, "d:sizes/d:size/text()") == ["ok"]


def _declaration(name: str) -> etree._Element:
    schema = parse_schema_document("kernel-4.7/metadata.xsd")
    return next(e for e in schema.iter(f"{{{XSD_NAMESPACE}}}element") if e.get("name") == name)


def test_name_identifiers_and_affiliations_are_written_as_given() -> None:
    # The XSD puts xsi:type on these element declarations, which XML Schema
    # ignores: they have no declared type, so any content is valid.
    for name in ("nameIdentifier", "affiliation"):
        declaration = _declaration(name)
        assert declaration.get("type") is None
        assert declaration.get(f"{{{NS['xsi']}}}type") == name
    person = {
        "name": "Doe, Jane",
        "nameIdentifiers": [
            {"nameIdentifierScheme": "ORCID", "schemeUri": "https://orcid.org"},
            {"nameIdentifier": "0000-0002-1825-0097"},
            {"nameIdentifier": "x", "nameIdentifierScheme": "local", "schemeUri": "not a uri"},
        ],
        "affiliation": [{"affiliationIdentifier": "https://ror.org/04wxnsj81"}, "Plain name"],
    }
    data, root = _write({**FULL, "creators": [person]})
    assert validate_xml(data) == []
    identifiers = root.xpath("d:creators/d:creator/d:nameIdentifier", namespaces=NS)
    assert isinstance(identifiers, list)
    assert [(i.text, dict(i.attrib)) for i in identifiers] == [  # type: ignore[union-attr]
        (None, {"nameIdentifierScheme": "ORCID", "schemeURI": "https://orcid.org"}),
        ("0000-0002-1825-0097", {}),
        ("x", {"nameIdentifierScheme": "local", "schemeURI": "not a uri"}),
    ]
    affiliations = root.xpath("d:creators/d:creator/d:affiliation", namespaces=NS)
    assert isinstance(affiliations, list)
    assert [(a.text, dict(a.attrib)) for a in affiliations] == [  # type: ignore[union-attr]
        (None, {"affiliationIdentifier": "https://ror.org/04wxnsj81"}),
        ("Plain name", {}),
    ]


def test_empty_subjects_descriptions_and_related_identifiers_keep_their_attributes() -> None:
    attrs = {
        **FULL,
        "subjects": [{"subjectScheme": "MeSH", "schemeUri": "http://www.nlm.nih.gov/mesh/"}],
        "descriptions": [{"descriptionType": "Abstract", "lang": "en"}],
        "relatedIdentifiers": [{"relatedIdentifierType": "ARK", "relationType": "IsCitedBy"}],
    }
    data, root = _write(attrs)
    assert validate_xml(data) == []
    assert dict(_one(root, "d:subjects/d:subject").attrib) == {
        "subjectScheme": "MeSH",
        "schemeURI": "http://www.nlm.nih.gov/mesh/",
    }
    assert _one(root, "d:descriptions/d:description").get(XML_LANG) == "en"
    related = _one(root, "d:relatedIdentifiers/d:relatedIdentifier")
    assert related.text is None and related.get("relatedIdentifierType") == "ARK"


def test_characters_xml_cannot_carry_are_dropped() -> None:
    attrs = {**FULL, "titles": [{"title": "Bell\x07 and null\x00 and \ufffe ok"}]}
    data, root = _write(attrs)
    assert _texts(root, "d:titles/d:title/text()") == ["Bell and null and  ok"]
    assert validate_xml(data) == []


def test_missing_mandatory_properties_are_reported_like_datacite() -> None:
    data, root = _write({})
    assert _one(root, "d:identifier").text is None
    issues = validate_xml(data, doi="10.5072/draft")
    assert {issue.source for issue in issues} == {
        "identifier",
        "creators",
        "titles",
        "publisher",
        "publication_year",
        "xml",  # resourceType missing from <resource>
    }
    creators = next(issue for issue in issues if issue.source == "creators")
    assert creators.title == (
        "DOI 10.5072/draft: Missing child element(s). Expected is "
        "( {http://datacite.org/schema/kernel-4}creator ). at line 4, column 0"
    )


def _records() -> Iterator[tuple[str, dict[str, Any]]]:
    roots = [TESTDATA / "json" / "datacite-json", TESTDATA / "json" / "api"]
    for base in roots:
        for path in sorted(base.rglob("*.json")):
            try:
                document = json.loads(path.read_text(encoding="utf-8"))
            except ValueError:
                continue  # deliberately broken fixtures
            name = path.relative_to(TESTDATA).as_posix()
            if not isinstance(document, dict):
                continue
            data = document.get("data")
            if data is None and "types" in document:
                yield name, document
            for index, item in enumerate(data if isinstance(data, list) else [data]):
                if (
                    isinstance(item, dict)
                    and isinstance(item.get("attributes"), dict)
                    and (item.get("type") == "dois" or "titles" in item["attributes"])
                ):
                    yield f"{name}#{index}", item["attributes"]


RECORDS = list(_records())
MANDATORY_SOURCES = {"identifier", "creators", "titles", "publisher", "publication_year", "xml"}


def _has_mandatory(attrs: dict[str, Any]) -> bool:
    types = attrs.get("types") or {}
    publisher = attrs.get("publisher")
    name = publisher.get("name") if isinstance(publisher, dict) else publisher
    return bool(
        attrs.get("doi")
        and attrs.get("creators")
        and attrs.get("titles")
        and name
        and str(attrs.get("publicationYear") or "").isdigit()
        and isinstance(types, dict)
        and types.get("resourceTypeGeneral")
    )


def test_real_records_were_found() -> None:
    assert len(RECORDS) > 300
    assert sum(_has_mandatory(attrs) for _, attrs in RECORDS) > 150


@pytest.mark.parametrize(("name", "attrs"), RECORDS, ids=[name for name, _ in RECORDS])
def test_real_records_write_valid_xml(name: str, attrs: dict[str, Any]) -> None:
    data, root = _write(attrs)
    issues = validate_xml(data)
    if _has_mandatory(attrs):
        assert issues == []
    else:
        assert {issue.source for issue in issues} <= MANDATORY_SOURCES
    titles = [t.get("title") if isinstance(t, dict) else t for t in attrs.get("titles") or []]
    written = _texts(root, "d:titles/d:title/text()")
    assert written == [t for t in titles if isinstance(t, str) and t]


_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True),
    st.text(max_size=20),
)
_JSON = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def _objects(keys: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    return st.dictionaries(st.sampled_from(keys), _JSON, max_size=len(keys))


PERSON = [
    "name",
    "nameType",
    "givenName",
    "familyName",
    "lang",
    "nameIdentifiers",
    "affiliation",
    "contributorType",
]


@settings(max_examples=150, deadline=None)
@given(
    extra=st.fixed_dictionaries(
        {},
        optional={
            "creators": st.lists(st.one_of(_objects(PERSON), _JSON), max_size=3),
            "contributors": st.lists(_objects(PERSON), max_size=3),
            "titles": st.lists(
                st.one_of(_objects(["title", "titleType", "lang"]), _JSON), max_size=3
            ),
            "publisher": st.one_of(
                _JSON, _objects(["name", "publisherIdentifier", "schemeUri", "lang"])
            ),
            "subjects": _JSON,
            "dates": st.lists(_objects(["date", "dateType", "dateInformation"]), max_size=3),
            "language": _JSON,
            "identifiers": st.lists(_objects(["identifier", "identifierType"]), max_size=3),
            "relatedIdentifiers": st.lists(
                _objects(
                    ["relatedIdentifier", "relatedIdentifierType", "relationType", "schemeUri"]
                ),
                max_size=3,
            ),
            "relatedItems": st.lists(
                _objects(
                    [
                        "relationType",
                        "relatedItemType",
                        "relatedItemIdentifier",
                        "creators",
                        "titles",
                        "publicationYear",
                        "number",
                        "numberType",
                        "publisher",
                    ]
                ),
                max_size=2,
            ),
            "sizes": _JSON,
            "formats": _JSON,
            "version": _JSON,
            "rightsList": st.lists(
                _objects(["rights", "rightsUri", "lang", "schemeUri"]), max_size=2
            ),
            "descriptions": st.lists(
                st.one_of(_objects(["description", "descriptionType", "lang"]), _JSON), max_size=2
            ),
            "geoLocations": st.lists(
                _objects(
                    ["geoLocationPlace", "geoLocationPoint", "geoLocationBox", "geoLocationPolygon"]
                ),
                max_size=2,
            ),
            "fundingReferences": st.lists(
                _objects(
                    [
                        "funderName",
                        "funderIdentifier",
                        "funderIdentifierType",
                        "awardNumber",
                        "awardUri",
                        "awardTitle",
                    ]
                ),
                max_size=2,
            ),
        },
    )
)
def test_any_input_with_the_mandatory_properties_writes_valid_xml(extra: dict[str, Any]) -> None:
    base = {
        k: FULL[k] for k in ("doi", "creators", "titles", "publisher", "publicationYear", "types")
    }
    attrs = base | extra
    data = attributes_to_xml(attrs)
    issues = validate_xml(data)
    # Only the mandatory properties the random input replaced may be missing.
    assert {issue.source for issue in issues} <= MANDATORY_SOURCES
    for key, source in [("creators", "creators"), ("titles", "titles"), ("publisher", "publisher")]:
        if key not in extra:
            assert source not in {issue.source for issue in issues}
    if not {"creators", "titles", "publisher"} & extra.keys():
        assert issues == []
