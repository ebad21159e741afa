"""Shared fixtures: a migrated store on each backend.

SQLite always runs; PostgreSQL runs when ``DOIREGISTRY_TEST_POSTGRES_URL``
points at a server. Each test session creates its own PostgreSQL database and
drops it at the end; each test starts from empty tables.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from tests.factories import Services
from tests.postgres import throwaway_database

from doiregistry.storage import migrate
from doiregistry.storage.engine import Database
from doiregistry.storage.tables import metadata

TESTDATA = Path(__file__).resolve().parents[1].parent / "shared" / "datacite-testdata"


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite file migrated once per session; tests get copies."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    database = Database.from_url(f"sqlite:///{path}")
    migrate.upgrade(database)
    with database.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh, migrated PostgreSQL database for this session (skipped without a server)."""
    with throwaway_database("test") as url:
        database = Database.from_url(url)
        migrate.upgrade(database)
        database.dispose()
        yield url


def _empty_postgres(database: Database) -> None:
    names = ", ".join(f'"{table.name}"' for table in metadata.sorted_tables)
    with database.write() as connection:
        connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=["sqlite", "postgresql"])
def database(
    request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path
) -> Iterator[Database]:
    """An empty, migrated store on each backend."""
    if request.param == "sqlite":
        path = tmp_path / "store.db"
        shutil.copyfile(sqlite_template, path)
        store = Database.from_url(f"sqlite:///{path}")
    else:
        url: str = request.getfixturevalue("postgres_url")
        store = Database.from_url(url)
        _empty_postgres(store)
    try:
        yield store
    finally:
        store.dispose()


@pytest.fixture
def services(database: Database) -> Services:
    """The account and prefix services over the test's store."""
    return Services.over(database)
