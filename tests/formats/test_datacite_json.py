"""DataCite JSON: the crosscite form with camel-case keys and the publisher by name."""

from __future__ import annotations

from tests.formats.records import recorded_record

from doiregistry.formats.datacite_json import camel_case, datacite_json


def test_camel_case() -> None:
    assert camel_case("rights_list") == "rightsList"
    assert camel_case("related_identifiers") == "relatedIdentifiers"
    assert camel_case("doi") == "doi"


def test_software_record() -> None:
    document = datacite_json(recorded_record("10.5281_zenodo.28518"))
    assert document["id"] == "https://doi.org/10.5281/zenodo.28518"
    assert document["publisher"] == "Zenodo"
    assert document["publicationYear"] == 2015
    assert document["types"]["resourceTypeGeneral"] == "Software"
    assert document["types"]["schemaOrg"] == "SoftwareSourceCode"
    assert document["version"] == "v0.3.2"
    assert document["titles"] == [{"title": "Supersmoother: Minor Bug Fix Release"}]
    assert document["relatedIdentifiers"][1] == {
        "relatedIdentifier": "10.5281/zenodo.593209",
        "relatedIdentifierType": "DOI",
        "relationType": "IsVersionOf",
    }
    assert document["clientId"] == "cern.zenodo"
    assert document["providerId"] == "cern"
    assert document["schemaVersion"] == "http://datacite.org/schema/kernel-4"
    assert not any("_" in key for key in document)
