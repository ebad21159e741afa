"""A corpus store per backend, loaded once per test module."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from tests.conftest import POSTGRES_ENV
from tests.search.corpus import Corpus, load

from doiregistry.storage import migrate
from doiregistry.storage.engine import Database


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def corpus(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Corpus]:
    if request.param == "sqlite":
        path: Path = tmp_path_factory.mktemp("corpus") / "corpus.db"
        database = Database.from_url(f"sqlite:///{path}")
        migrate.upgrade(database)
        try:
            yield load(database)
        finally:
            database.dispose()
        return
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(f"{POSTGRES_ENV} is not set")
    name = f"doiregistry_corpus_{uuid.uuid4().hex[:12]}"
    admin = create_engine(make_url(base), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    database = Database.from_url(
        make_url(base).set(database=name).render_as_string(hide_password=False)
    )
    try:
        migrate.upgrade(database)
        yield load(database)
    finally:
        database.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
