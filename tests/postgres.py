"""Throwaway PostgreSQL databases for tests (skipped when no server is configured)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

POSTGRES_ENV = "DOIREGISTRY_TEST_POSTGRES_URL"


@contextmanager
def throwaway_database(purpose: str, *, timezone: str | None = None) -> Iterator[str]:
    """The URL of a new, empty database on the test server, dropped afterwards.

    Skips the test when ``DOIREGISTRY_TEST_POSTGRES_URL`` is not set, as the
    developers' guide prescribes (CI sets it). ``timezone`` sets the
    database's session time zone.
    """
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(f"{POSTGRES_ENV} is not set")
    name = f"doiregistry_{purpose}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(make_url(base), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
        if timezone is not None:
            connection.execute(text(f"ALTER DATABASE \"{name}\" SET timezone TO '{timezone}'"))
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
