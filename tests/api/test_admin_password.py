"""``DOIREGISTRY_ADMIN_PASSWORD`` is applied when the application starts."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from doiregistry.api.app import create_app
from doiregistry.settings import Settings
from doiregistry.storage.engine import Database


def test_environment_password_opens_the_staff_account(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOIREGISTRY_ADMIN_PASSWORD", "started-with-this")
    with TestClient(create_app(Settings(), database)) as http:
        prefix = {"data": {"type": "prefixes", "id": "10.5438"}}
        assert http.post("/prefixes", json=prefix, auth=("admin", "wrong")).status_code == 401
        response = http.post("/prefixes", json=prefix, auth=("admin", "started-with-this"))
        assert response.status_code == 201


def test_without_the_variable_there_is_no_staff_login(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DOIREGISTRY_ADMIN_PASSWORD", raising=False)
    with TestClient(create_app(Settings(), database)) as http:
        prefix = {"data": {"type": "prefixes", "id": "10.5438"}}
        assert http.post("/prefixes", json=prefix, auth=("admin", "")).status_code == 401
