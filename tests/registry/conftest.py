"""Fixtures for the service tests: the account and prefix services over each backend."""

from __future__ import annotations

import pytest
from tests.factories import Services

from doiregistry.storage.engine import Database


@pytest.fixture
def services(database: Database) -> Services:
    return Services.over(database)
