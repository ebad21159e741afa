"""NUL characters in a DOI's JSON body are a 400 on every backend (PostgreSQL cannot store them)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from tests.api.conftest import REPOSITORY_AUTH

OWNER = REPOSITORY_AUTH


@pytest.mark.parametrize(
    "attributes",
    [
        {"doi": "10.5438/nul1", "titles": [{"title": "a\x00b"}]},
        {"doi": "10.5438/nul2", "url": "https://example.org/\x00"},
        {"doi": "10.5438/nul3", "creators": [{"name": "Doe\x00, Jane"}]},
        {"doi": "10.5438/nul4\x00"},
    ],
)
def test_nul_in_a_doi_body_is_a_400(client: TestClient, attributes: dict[str, object]) -> None:
    body = {"data": {"type": "dois", "attributes": attributes}}
    response = client.post("/dois", json=body, auth=OWNER)
    assert response.status_code == 400, response.text
    assert response.json()["errors"][0]["title"]
    assert client.get("/dois", params={"query": "*"}, auth=OWNER).json()["meta"]["total"] == 0
