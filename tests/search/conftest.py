"""A corpus store per backend, loaded once per test module."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.postgres import throwaway_database
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
    with throwaway_database("corpus") as url:
        database = Database.from_url(url)
        try:
            migrate.upgrade(database)
            yield load(database)
        finally:
            database.dispose()
