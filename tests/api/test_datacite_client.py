"""DataCite's own Python client (PyPI ``datacite``), unchanged, against a live server.

Only the base URL differs from production: that is the compatibility promise.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from datacite import DataCiteMDSClient, DataCiteRESTClient
from datacite.errors import DataCiteError
from tests.live_server import live_server
from tests.seed import seed_repository

from doiregistry.storage.engine import Database

TESTDATA = Path(__file__).resolve().parents[2].parent / "shared" / "datacite-testdata"
KERNEL4 = TESTDATA / "xml" / "datacite-schema" / "kernel-4.7" / "datacite-example-full-v4.xml"
METADATA: dict[str, Any] = {
    "creators": [
        {"name": "Doe, Jane", "nameType": "Personal", "givenName": "Jane", "familyName": "Doe"}
    ],
    "titles": [{"title": "Sea surface temperatures 2024"}],
    "publisher": "Example Data Centre",
    "publicationYear": 2024,
    "types": {"resourceTypeGeneral": "Dataset", "resourceType": "Measurements"},
    "schemaVersion": "http://datacite.org/schema/kernel-4",
}


@pytest.fixture
def base_url(database: Database) -> Iterator[str]:
    seed_repository(database, "datacite.test", "secret", "10.5438")
    with live_server(database) as url:
        yield url


def test_rest_client_full_life_cycle(base_url: str) -> None:
    rest = DataCiteRESTClient(
        username="DATACITE.TEST", password="secret", prefix="10.5438", url=base_url
    )
    draft = rest.draft_doi(metadata=copy.deepcopy(METADATA), doi="10.5438/client-draft")
    assert draft == "10.5438/client-draft"
    assert rest.update_url(draft, "https://example.org/draft") == "https://example.org/draft"
    assert rest.get_doi(draft) == "https://example.org/draft"
    stored = rest.get_metadata(draft)
    assert stored["titles"] == METADATA["titles"]
    assert stored["state"] == "draft"

    public = rest.public_doi(copy.deepcopy(METADATA), "https://example.org/public")
    assert public.startswith("10.5438/")
    assert rest.get_metadata(public)["state"] == "findable"
    assert rest.hide_doi(public)["state"] == "registered"
    assert rest.show_doi(public)["state"] == "findable"
    changed = rest.update_doi(public, metadata={"titles": [{"title": "Renamed"}]})
    assert changed["titles"] == [{"title": "Renamed"}]
    assert changed["creators"][0]["name"] == "Doe, Jane"

    private = rest.private_doi(copy.deepcopy(METADATA), "https://example.org/private")
    assert rest.get_metadata(private)["state"] == "registered"

    rest.delete_doi(draft)
    with pytest.raises(DataCiteError):
        rest.get_metadata(draft)
    with pytest.raises(DataCiteError):
        rest.delete_doi(public)


def test_rest_client_with_wrong_password_is_refused(base_url: str) -> None:
    rest = DataCiteRESTClient(
        username="DATACITE.TEST", password="nope", prefix="10.5438", url=base_url
    )
    with pytest.raises(DataCiteError) as caught:
        rest.draft_doi(metadata=copy.deepcopy(METADATA), doi="10.5438/x")
    assert caught.value.args[0] is not None


def test_mds_client_full_life_cycle(base_url: str) -> None:
    mds = DataCiteMDSClient(
        username="DATACITE.TEST", password="secret", prefix="10.5438", url=base_url
    )
    xml = KERNEL4.read_text(encoding="utf-8")
    start = xml.index("<identifier")
    end = xml.index("</identifier>") + len("</identifier>")
    xml = xml[:start] + '<identifier identifierType="DOI">10.5438/MDS-1</identifier>' + xml[end:]
    assert mds.metadata_post(xml) == "OK (10.5438/MDS-1)"
    assert "10.5438/MDS-1" in mds.metadata_get("10.5438/mds-1")
    assert mds.doi_post("10.5438/mds-1", "https://example.org/mds-1") == "OK"
    assert mds.doi_get("10.5438/mds-1") == "https://example.org/mds-1"
    assert (
        mds.media_post("10.5438/mds-1", {"application/json": "https://example.org/m.json"}) == "OK"
    )
    assert mds.media_get("10.5438/mds-1") == {"application/json": "https://example.org/m.json"}
    assert mds.metadata_delete("10.5438/mds-1") == "OK"
    rest = DataCiteRESTClient(
        username="DATACITE.TEST", password="secret", prefix="10.5438", url=base_url
    )
    assert rest.get_metadata("10.5438/mds-1")["state"] == "registered"
    with pytest.raises(DataCiteError):
        mds.doi_get("10.5438/unknown")
