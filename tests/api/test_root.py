"""The root and heartbeat endpoints (spec §1.1, §12)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from doiregistry.api.app import create_app
from doiregistry.settings import Settings
from doiregistry.storage.engine import Database


def test_root_answers_site_title(database: Database) -> None:
    client = TestClient(create_app(Settings(), database))
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert response.text == "DataCite REST API"


def test_heartbeat_checks_the_database(database: Database) -> None:
    client = TestClient(create_app(Settings(), database))
    response = client.get("/heartbeat")
    assert response.status_code == 200
    assert response.text == "OK"
    database.dispose()
    broken = Database.from_url("sqlite:////nonexistent-dir/none.db")
    failing = TestClient(create_app(Settings(), broken))
    down = failing.get("/heartbeat")
    assert (down.status_code, down.text) == (500, "failed")
    broken.dispose()
