"""Very long words and values are stored and found on every backend (PostgreSQL limits both)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from tests.api.conftest import REPOSITORY_AUTH

OWNER = REPOSITORY_AUTH


def _total(client: TestClient, query: str) -> int:
    response = client.get("/dois", params={"query": query}, auth=OWNER)
    assert response.status_code == 200, response.text
    total: int = response.json()["meta"]["total"]
    return total


@pytest.mark.parametrize("size", [3000, 20000])
def test_long_words_and_values_are_stored_and_found(client: TestClient, size: int) -> None:
    word = "x" * size  # one word far beyond PostgreSQL's 2,047-byte tsvector limit
    name = "Ü" * size  # a keyword value of several kilobytes in UTF-8
    attributes = {
        "doi": f"10.5438/long{size}",
        "titles": [{"title": f"Long words {word}"}],
        "subjects": [{"subject": word}],
        "creators": [{"name": name, "nameType": "Organizational"}],
        "descriptions": [{"description": " ".join([word] * 3), "descriptionType": "Abstract"}],
    }
    response = client.post(
        "/dois", json={"data": {"type": "dois", "attributes": attributes}}, auth=OWNER
    )
    assert response.status_code == 201, response.text
    assert response.json()["data"]["attributes"]["subjects"] == [{"subject": word}]
    assert _total(client, "titles.title:long") == 1
    assert _total(client, "subjects.subject:" + "x" * 255) == 1  # words split every 255
    assert _total(client, "_exists_:subjects") == 1
    if size < 4000:  # longer queries are refused with a 400 of their own
        assert _total(client, f"subjects.subject:{word}") == 1
        assert _total(client, f'creators.name:"{name}"') == 1


def test_an_overlong_related_doi_is_kept_but_relates_to_nothing(
    client: TestClient,
) -> None:
    related = "10.5438/" + "a" * 300
    attributes = {
        "doi": "10.5438/rel",
        "relatedIdentifiers": [
            {"relatedIdentifier": related, "relatedIdentifierType": "DOI", "relationType": "Cites"}
        ],
    }
    body = {"data": {"type": "dois", "attributes": attributes}}
    response = client.post("/dois", json=body, auth=OWNER)
    assert response.status_code == 201, response.text
    stored = response.json()["data"]["attributes"]["relatedIdentifiers"]
    assert stored[0]["relatedIdentifier"] == related
    assert _total(client, "relatedIdentifiers.relationType:Cites") == 1
