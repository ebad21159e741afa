"""The root and heartbeat endpoints (spec §1.1, §12)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from doiregistry.api.app import create_app
from doiregistry.settings import Settings


def test_root_answers_site_title() -> None:
    client = TestClient(create_app(Settings()))
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert response.text == "DataCite REST API"


def test_heartbeat_answers_ok() -> None:
    client = TestClient(create_app(Settings()))
    response = client.get("/heartbeat")
    assert response.status_code == 200
    assert response.text == "OK"
