"""Save-time normalisation of metadata attributes (spec §5.3)."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from doiregistry.metadata.normalize import (
    coordinate_number,
    normalize_attributes,
    normalize_publisher,
)


def test_publisher_string_becomes_an_object() -> None:
    assert normalize_attributes({"publisher": "DataCite"}) == {"publisher": {"name": "DataCite"}}


def test_publisher_object_keeps_only_datacite_keys() -> None:
    publisher = {
        "name": "Example Publisher",
        "publisherIdentifier": "https://ror.org/04z8jg394",
        "publisherIdentifierScheme": "ROR",
        "schemeUri": "https://ror.org/",
        "lang": "en",
        "extra": "dropped",
        "publisherIdentifierType": None,
    }
    assert normalize_publisher(publisher) == {
        key: value
        for key, value in publisher.items()
        if key not in ("extra", "publisherIdentifierType")
    }
    assert normalize_publisher({"name": None}) is None
    assert normalize_publisher("") is None


def test_types_get_their_derivations() -> None:
    result = normalize_attributes(
        {"types": {"resourceTypeGeneral": "Dataset", "resourceType": "Census Data"}}
    )
    # as DataCite stored it (recorded response poodle v3 → v4 update)
    assert result["types"] == {
        "resourceTypeGeneral": "Dataset",
        "resourceType": "Census Data",
        "schemaOrg": "Dataset",
        "citeproc": "dataset",
        "bibtex": "misc",
        "ris": "DATA",
    }


def test_rights_become_spdx() -> None:
    result = normalize_attributes(
        {
            "rightsList": [
                "CC-BY-4.0",
                {"rights": "Open Access", "rightsUri": "info:eu-repo/semantics/openAccess"},
            ]
        }
    )
    assert result["rightsList"][0]["rightsIdentifier"] == "cc-by-4.0"
    assert result["rightsList"][1] == {
        "rights": "Open Access",
        "rightsUri": "info:eu-repo/semantics/openAccess",
    }


def test_fos_subjects_are_added_once() -> None:
    result = normalize_attributes(
        {
            "subjects": [
                {"subject": "60102 Bioinformatics", "subjectScheme": "FOR"},
                "Computational Biology",
                {"subject": "Information Systems"},
            ]
        }
    )
    fos = {
        "subject": "FOS: Computer and information sciences",
        "subjectScheme": "Fields of Science and Technology (FOS)",
        "schemeUri": "http://www.oecd.org/science/inno/38235147.pdf",
    }
    assert result["subjects"] == [
        {"subject": "60102 Bioinformatics", "subjectScheme": "FOR"},
        fos,
        {"subject": "Computational Biology"},
        {"subject": "Information Systems"},
    ]


def test_normalising_twice_changes_nothing() -> None:
    attrs = {
        "subjects": [{"subject": "FOS: Mathematics", "subjectScheme": "FOS"}],
        "rightsList": [{"rightsUri": "http://creativecommons.org/publicdomain/zero/1.0"}],
        "language": "eng",
        "publisher": "X",
        "types": {"resourceTypeGeneral": "Text"},
        "geoLocations": [{"geoLocationPoint": {"pointLatitude": "1.5", "pointLongitude": "-2"}}],
        "identifiers": [{"identifier": "10.5072/x", "identifierType": "DOI"}],
    }
    once = normalize_attributes(attrs)
    assert normalize_attributes(once) == once


def test_language_codes() -> None:
    assert normalize_attributes({"language": "eng"}) == {"language": "en"}
    assert normalize_attributes({"language": "English (US)"}) == {"language": None}
    assert normalize_attributes({"language": None}) == {"language": None}


def test_doi_identifiers_are_removed() -> None:
    attrs = {
        "identifiers": [
            {"identifier": "https://doi.org/10.5438/0001", "identifierType": "DOI"},
            {"identifier": "MS-49-3632-5083", "identifierType": "Local accession number"},
        ]
    }
    assert normalize_attributes(attrs)["identifiers"] == [
        {"identifier": "MS-49-3632-5083", "identifierType": "Local accession number"}
    ]


def test_coordinates_become_numbers() -> None:
    # recorded as strings by older DataCite releases (10.21373/1563194933866)
    location = {
        "geoLocationPoint": {"pointLatitude": "31.233", "pointLongitude": "-67.302"},
        "geoLocationBox": {
            "westBoundLongitude": "-71.032",
            "eastBoundLongitude": "+180.0",
            "southBoundLatitude": "41.090",
            "northBoundLatitude": "-40",
        },
        "geoLocationPolygon": [
            [{"polygonPoint": {"pointLatitude": "41.991", "pointLongitude": "-71.032"}}],
            [{"inPolygonPoint": {"pointLatitude": "1e1", "pointLongitude": " 2 "}}],
        ],
        "geoLocationPlace": "Atlantic Ocean",
    }
    result = normalize_attributes({"geoLocations": [location]})["geoLocations"][0]
    assert result["geoLocationPoint"] == {"pointLatitude": 31.233, "pointLongitude": -67.302}
    assert result["geoLocationBox"] == {
        "westBoundLongitude": -71.032,
        "eastBoundLongitude": 180.0,
        "southBoundLatitude": 41.09,
        "northBoundLatitude": -40,
    }
    assert result["geoLocationPolygon"] == [
        [{"polygonPoint": {"pointLatitude": 41.991, "pointLongitude": -71.032}}],
        [{"inPolygonPoint": {"pointLatitude": 10.0, "pointLongitude": 2}}],
    ]
    assert result["geoLocationPlace"] == "Atlantic Ocean"


def test_non_numeric_coordinates_are_kept() -> None:
    assert coordinate_number("north") == "north"
    assert coordinate_number("") == ""
    assert coordinate_number(None) is None
    assert coordinate_number(12.5) == 12.5


def test_only_given_properties_are_touched_and_input_is_not_changed() -> None:
    attrs: dict[str, Any] = {"titles": [{"title": "A"}], "publisher": "P", "other": {"x": 1}}
    before = copy.deepcopy(attrs)
    result = normalize_attributes(attrs)
    assert attrs == before
    assert result == {"titles": [{"title": "A"}], "publisher": {"name": "P"}, "other": {"x": 1}}


@given(
    st.dictionaries(
        st.sampled_from(
            [
                "publisher",
                "types",
                "rightsList",
                "subjects",
                "language",
                "identifiers",
                "geoLocations",
            ]
        ),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=8),
            lambda children: (
                st.lists(children, max_size=3)
                | st.dictionaries(st.text(max_size=6), children, max_size=3)
            ),
            max_leaves=10,
        ),
    )
)
def test_any_json_shape_is_tolerated(attrs: dict[str, Any]) -> None:
    result = normalize_attributes(attrs)
    assert result.keys() == attrs.keys()
