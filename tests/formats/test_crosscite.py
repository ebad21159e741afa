"""Crosscite JSON: DataCite metadata with snake-case keys plus DOI, owner and state."""

from __future__ import annotations

from tests.formats.records import recorded_record

from doiregistry.formats.crosscite import crosscite


def test_collection_with_funding() -> None:
    document = crosscite(recorded_record("10.5438_6423"))
    assert list(document)[:4] == ["id", "doi", "url", "types"]
    assert document["id"] == "https://doi.org/10.5438/6423"
    assert document["doi"] == "10.5438/6423"
    assert document["url"] == "https://project-thor.eu"
    assert document["publisher"] == {"name": "DataCite"}
    assert document["publication_year"] == 2015
    assert len(document["creators"]) == 24
    assert document["creators"][0]["affiliation"] == [{"name": "British Library"}]
    assert document["funding_references"][0]["funderName"] == "European Commission"
    assert document["rights_list"][0]["rightsUri"] == (
        "https://creativecommons.org/licenses/by/4.0/legalcode"
    )
    assert document["provider_id"] == "datacite"
    assert document["client_id"] == "datacite.datacite"
    assert document["agency"] == "datacite"
    assert document["state"] == "findable"
    assert "publicationYear" not in document


def test_alternate_identifiers_leave_out_the_doi() -> None:
    document = crosscite(recorded_record("10.4232_1.2745"))
    assert document["identifiers"] == [
        {"identifier": "ZA2745", "identifierType": "ZA-No."},
        {"identifier": "Internationale Umfrageprogramme", "identifierType": "FDZ"},
    ]
