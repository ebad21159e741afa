"""Fixtures for the HTTP tests: the real application over each backend, with a staff account."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from tests.factories import make_staff
from tests.seed import seed_repository

from doiregistry.api.app import create_app
from doiregistry.registry.container import Registry
from doiregistry.settings import Settings
from doiregistry.storage.engine import Database


@pytest.fixture
def http(database: Database) -> Iterator[TestClient]:
    """A client of the application; ``admin`` / ``admin-secret`` is the staff account."""
    make_staff(database)
    with TestClient(create_app(Settings(), database)) as test_client:
        yield test_client


@pytest.fixture
def registry(http: TestClient) -> Registry:
    """The services of the application under test (for setting up accounts)."""
    app_registry: Registry = http.app.state.registry  # type: ignore[attr-defined]
    return app_registry


#: credentials of the repository that ``client`` sets up (prefix 10.5438)
REPOSITORY_AUTH = ("DATACITE.TEST", "secret")


@pytest.fixture
def client(database: Database) -> Iterator[TestClient]:
    """A client of the application with one repository (:data:`REPOSITORY_AUTH`).

    Modules that need other accounts define their own ``client``, which wins.
    """
    seed_repository(database)
    with TestClient(create_app(Settings(), database)) as test_client:
        yield test_client
