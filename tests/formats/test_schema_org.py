"""Schema.org JSON-LD, with the values DataCite's writer gives for the same records."""

from __future__ import annotations

from tests.formats.records import STAGE_SINGLE, recorded_record

from doiregistry.formats.schema_org import schema_org


def test_funding_and_parts() -> None:
    document = schema_org(recorded_record("10.5438_6423"))
    assert document["@context"] == "http://schema.org"
    assert document["@id"] == "https://doi.org/10.5438/6423"
    assert document["@type"] == "Collection"
    assert document["additionalType"] == "Project"
    assert len(document["hasPart"]) == 25
    assert document["hasPart"][0] == {
        "@id": "https://doi.org/10.5281/zenodo.30799",
        "@type": "CreativeWork",
    }
    assert document["funder"] == {
        "@id": "https://doi.org/10.13039/501100000780",
        "@type": "Organization",
        "name": "European Commission",
    }
    assert document["license"] == "https://creativecommons.org/licenses/by/4.0/legalcode"
    assert document["author"][0] == {
        "@id": "https://orcid.org/0000-0001-5331-6592",
        "name": "Adam Farquhar",
        "givenName": "Adam",
        "familyName": "Farquhar",
        "affiliation": {"@type": "Organization", "name": "British Library"},
    }
    assert document["publisher"] == {"@type": "Organization", "name": "DataCite"}
    assert document["provider"] == {"@type": "Organization", "name": "datacite"}


def test_two_licences_and_keywords() -> None:
    document = schema_org(recorded_record("10.5281_zenodo.1239"))
    assert document["license"] == [
        "https://creativecommons.org/publicdomain/zero/1.0/legalcode",
        "info:eu-repo/semantics/openAccess",
    ]
    assert document["keywords"] == (
        "Article-Level Metrics, Data mining, Statistical Computing Language R, "
        "funded research publications"
    )
    assert document["datePublished"] == "2013-04-03"


def test_alternate_identifiers_and_organisation_author() -> None:
    document = schema_org(recorded_record("10.23725_8na3-9s47"))
    assert document["@type"] == "Dataset"
    assert document["name"] == "NWD165827.recab.cram"
    assert document["author"] == {"name": "TOPMed"}
    assert document["identifier"] == [
        {
            "@type": "PropertyValue",
            "propertyID": "DOI",
            "value": "https://doi.org/10.23725/8na3-9s47",
        },
        {"@type": "PropertyValue", "propertyID": "minid", "value": "ark:/99999/fk41CrU4eszeLUDe"},
        {
            "@type": "PropertyValue",
            "propertyID": "dataguid",
            "value": "dg.4503/c3d66dc9-58da-411c-83c4-dd656aa3c4b7",
        },
        {
            "@type": "PropertyValue",
            "propertyID": "md5",
            "value": "3b33f6b9338fccab0901b7d317577ea3",
        },
    ]
    assert "includedInDataCatalog" not in document


def test_journal_article_periodical_and_citations() -> None:
    document = schema_org(recorded_record("10.1016_s0191-6599_01_00017-1", STAGE_SINGLE))
    assert document["@type"] == "ScholarlyArticle"
    assert document["isPartOf"] == {"@type": "Periodical", "issn": "1873-541X"}
    assert document["periodical"]["name"] == "History of European Ideas"
    assert document["periodical"]["@type"] == "Series"
    assert document["pageStart"] == "177" and document["pageEnd"] == "199"
    assert document["citation"][0] == {
        "@id": "https://doi.org/10.2307/1847110",
        "@type": "CreativeWork",
    }


def test_named_place() -> None:
    document = schema_org(recorded_record("10.15125_bath-00114"))
    assert document["spatialCoverage"] == {
        "@type": "Place",
        "geo": {"@type": "GeoCoordinates", "address": "UK"},
    }
    assert document["editor"] == {"name": "University Of Bath", "contributorType": "RightsHolder"}
