"""Shared fixtures: a migrated store on each backend.

SQLite always runs; PostgreSQL runs when ``DOIREGISTRY_TEST_POSTGRES_URL``
points at a server. Each test session creates its own PostgreSQL database and
drops it at the end; each test starts from empty tables.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from doiregistry.storage import migrate
from doiregistry.storage.engine import Database
from doiregistry.storage.tables import metadata

POSTGRES_ENV = "DOIREGISTRY_TEST_POSTGRES_URL"
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
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(f"{POSTGRES_ENV} is not set")
    name = f"doiregistry_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(make_url(base), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(base).set(database=name).render_as_string(hide_password=False)
    database = Database.from_url(url)
    migrate.upgrade(database)
    database.dispose()
    try:
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


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
