"""Copying a whole store between backends: every row, the search and new writes agree.

A source store per backend is filled once per module through the product's
own services (accounts with a consortium, repositories, prefixes, DOIs in
every state with versions and activities, an import of real records, media,
a deletion), then copied into fresh empty stores: SQLite → PostgreSQL,
PostgreSQL → SQLite, SQLite → SQLite and PostgreSQL → PostgreSQL.
PostgreSQL runs when ``DOIREGISTRY_TEST_POSTGRES_URL`` is set.
"""

from __future__ import annotations

import base64
import shutil
import sqlite3
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Table, func, select, text
from tests.conftest import TESTDATA
from tests.factories import (
    STAFF,
    Services,
    insert_doi_row,
    make_provider,
    make_repository,
    make_staff,
)
from tests.postgres import throwaway_database

from doiregistry.api.rest.doi_params import doi_query
from doiregistry.domain.doi_query import DoiQuery
from doiregistry.domain.principal import ANONYMOUS, Principal, Role
from doiregistry.harvest.importer import Importer, ImportOptions
from doiregistry.harvest.sources import SourceReader
from doiregistry.registry.dois.attribute_reader import read_attributes
from doiregistry.registry.dois.mds import MdsService
from doiregistry.registry.dois.service import DoiService
from doiregistry.search.dois.service import DoiSearch
from doiregistry.storage import migrate
from doiregistry.storage.engine import Database
from doiregistry.storage.store_copy import CopyFailed, CopyRefused, copy_store
from doiregistry.storage.tables import (
    activities,
    doi_changes,
    doi_text,
    doi_versions,
    dois,
    media,
    metadata,
    providers,
)

XML_RECORDS = sorted((TESTDATA / "xml" / "invenio-datacite").rglob("*.xml"))[:12]
IMPORTED = [TESTDATA / "xml" / "lupo", TESTDATA / "xml" / "bolognese"]
REPOSITORIES = (("datacite.test", "10.5438"), ("amember.repo", "10.14454"))
DIRECTIONS = [
    pytest.param("sqlite", "postgresql", id="sqlite-to-postgresql"),
    pytest.param("postgresql", "sqlite", id="postgresql-to-sqlite"),
    pytest.param("sqlite", "sqlite", id="sqlite-to-sqlite"),
    pytest.param("postgresql", "postgresql", id="postgresql-to-postgresql"),
]


def _principal(repository: str) -> Principal:
    return Principal(
        Role.CLIENT_ADMIN,
        uid=repository,
        client_id=repository,
        provider_ids=frozenset({repository.split(".")[0]}),
    )


def seed(database: Database) -> None:
    """A small but complete store, written through the services."""
    services = Services.over(database)
    # the consortium sorts after its member ("amember" < "zcons")
    make_provider(services, "zcons", member_type="consortium")
    make_provider(services, "amember", member_type="consortium_organization", consortium="zcons")
    for repository, prefix in REPOSITORIES:
        make_repository(services, repository.split(".")[0], repository, prefix=prefix)
    make_staff(database)
    service = DoiService(database)
    for index, path in enumerate(XML_RECORDS):
        repository, prefix = REPOSITORIES[index % 2]
        attributes: dict[str, Any] = {
            "xml": base64.b64encode(path.read_bytes()).decode(),
            "url": f"https://example.org/{index}",
        }
        if index % 5:
            attributes["event"] = "publish" if index % 3 else "register"
        body = read_attributes(attributes)
        service.save(_principal(repository), body, path_doi=f"{prefix}/rec-{index:02d}")
    # a draft without metadata (no words: an empty full-text body), a second metadata
    # version, a deleted draft, media
    bare = read_attributes({"url": "https://example.org/bare"})
    service.save(_principal("datacite.test"), bare, path_doi="10.5438/no-metadata")
    update = read_attributes({"titles": [{"title": "Vatnajökull melt, revised"}]})
    service.save(_principal("datacite.test"), update, path_doi="10.5438/rec-02")
    service.delete(_principal("datacite.test"), "10.5438/rec-00")
    mds = MdsService(service)
    mds.add_media(_principal("datacite.test"), "10.5438/rec-02", "text/csv", "https://e.org/a.csv")
    mds.add_media(_principal("datacite.test"), "10.5438/rec-02", "image/png", "https://e.org/b.png")
    report = Importer(database).run(
        SourceReader(IMPORTED),
        ImportOptions(
            repository="datacite.test",
            assign_prefixes=True,
            url_template="https://example.org/{doi}",
        ),
    )
    assert report.created > 20
    # a bare row as older writers left them: SQL NULL (not JSON null) in its JSON columns
    insert_doi_row(database, "10.5438/bare-row", "datacite.test", "datacite")


# -- stores --------------------------------------------------------------------------------


def fresh_postgres() -> AbstractContextManager[str]:
    """A new, empty PostgreSQL database, dropped afterwards; its session time zone is not
    UTC, so that a timestamp read in the session's zone would show."""
    return throwaway_database("copy", timezone="America/Santiago")


class Stores:
    """Makes migrated stores on either backend and cleans them all up."""

    def __init__(self, directory: Path, sqlite_template: Path) -> None:
        self.directory = directory
        self.template = sqlite_template
        self.exits = ExitStack()

    def empty(self, backend: str) -> Database:
        if backend == "sqlite":
            path = self.directory / f"{uuid.uuid4().hex[:8]}.db"
            shutil.copyfile(self.template, path)
            database = Database.from_url(f"sqlite:///{path}")
        else:
            database = Database.from_url(self.exits.enter_context(fresh_postgres()))
            migrate.upgrade(database)
        self.exits.callback(database.dispose)
        return database

    def close(self) -> None:
        self.exits.close()


@pytest.fixture(scope="module")
def sources(
    tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path
) -> Iterator[Callable[[str], Database]]:
    """The seeded source store of a backend, made on first use."""
    stores = Stores(tmp_path_factory.mktemp("sources"), sqlite_template)
    made: dict[str, Database] = {}

    def source(backend: str) -> Database:
        if backend not in made:
            made[backend] = stores.empty(backend)
            seed(made[backend])
        return made[backend]

    try:
        yield source
    finally:
        stores.close()


@pytest.fixture
def stores(tmp_path: Path, sqlite_template: Path) -> Iterator[Stores]:
    made = Stores(tmp_path, sqlite_template)
    try:
        yield made
    finally:
        made.close()


# -- reading stores back -------------------------------------------------------------------


def rows(database: Database, table: Table) -> list[tuple[Any, ...]] | Counter[tuple[Any, ...]]:
    """A table's rows as read back (types processed): by primary key, or as a multiset."""
    with database.read() as connection:
        found = [tuple(row) for row in connection.execute(select(table))]
    keys = [list(table.columns).index(column) for column in table.primary_key]
    if not keys:
        return Counter(found)
    return sorted(found, key=lambda row: tuple(row[i] for i in keys))


def fulltext(database: Database) -> dict[int, str]:
    """The full-text index's body per DOI id, on either backend."""
    statement = (
        "SELECT rowid, body FROM doi_fts"
        if database.dialect == "sqlite"
        else "SELECT doi_id, body FROM doi_text"
    )
    with database.read() as connection:
        return {int(doi_id): str(body) for doi_id, body in connection.exec_driver_sql(statement)}


def nulls(database: Database) -> dict[str, tuple[int, int]]:
    """Per JSON column of dois: rows holding SQL NULL, and rows holding JSON null."""
    found = {}
    with database.read() as connection:
        for name in ("content_url", "landing_page"):
            column = dois.c[name]
            values = connection.execute(select(column.is_(None), column)).all()
            found[name] = (
                sum(1 for is_null, _ in values if is_null),
                sum(1 for is_null, value in values if not is_null and value is None),
            )
    return found


def search(database: Database, params: dict[str, str]) -> tuple[list[str], int, Any]:
    found = DoiSearch(database).search(STAFF, doi_query({"page[size]": "1000", **params}))
    return sorted(record.doi for record in found.records), found.total, found.facets


def copied(
    sources: Callable[[str], Database], stores: Stores, source_backend: str, target_backend: str
) -> tuple[Database, Database, dict[str, int]]:
    source = sources(source_backend)
    target = stores.empty(target_backend)
    counts = copy_store(source, target, batch=50)
    return source, target, counts


# -- the copy ------------------------------------------------------------------------------


@pytest.mark.parametrize(("source_backend", "target_backend"), DIRECTIONS)
def test_every_row_reads_back_the_same(
    sources: Callable[[str], Database], stores: Stores, source_backend: str, target_backend: str
) -> None:
    source, target, counts = copied(sources, stores, source_backend, target_backend)
    for table in metadata.sorted_tables:
        if table is doi_text and "sqlite" in (source_backend, target_backend):
            continue
        expected = rows(source, table)
        assert rows(target, table) == expected, table.name
        total = sum(expected.values()) if isinstance(expected, Counter) else len(expected)
        assert counts[table.name] == total, table.name
    assert counts["dois"] > 30
    assert counts["doi_values"] > counts["dois"] * 10
    assert counts["media"] == 2
    assert counts["doi_versions"] > counts["dois"]
    with target.read() as connection:
        operations = connection.execute(select(doi_changes.c.operation).distinct()).scalars()
        assert set(operations) == {"upsert", "delete"}
    fulltext_name = "doi_fts" if target_backend == "sqlite" else "doi_text"
    assert counts[fulltext_name] == len(fulltext(source)) == counts["dois"] - 1  # the bare row
    assert fulltext(target) == fulltext(source)
    assert "" in fulltext(source).values()
    assert nulls(target) == nulls(source)
    assert all(count > 0 for count in nulls(source)["content_url"])


@pytest.mark.parametrize(("source_backend", "target_backend"), DIRECTIONS)
def test_search_answers_the_same_after_the_copy(
    sources: Callable[[str], Database], stores: Stores, source_backend: str, target_backend: str
) -> None:
    source, target, _ = copied(sources, stores, source_backend, target_backend)
    queries = [
        {},
        {"query": "vatnajokull"},  # full text: a title word of one updated record
        {"query": "titles.title:software"},
        {"query": "types.resourceTypeGeneral:Dataset"},
        {"query": "publicationYear:[2015 TO *]", "sort": "-created"},
        {"query": "creators.nameIdentifiers.nameIdentifierScheme:ORCID"},
        {"provider-id": "amember"},
        {"consortium-id": "zcons"},
    ]
    for params in queries:
        expected = search(source, params)
        assert expected[1] > 0, params
        assert search(target, params) == expected, params
    # a cursor handed out by the source goes on in the target
    first = DoiSearch(source).search(STAFF, DoiQuery(cursor="1", page_size=7))
    assert first.next_cursor
    resumed = {"page[cursor]": first.next_cursor, "page[size]": "7"}
    expected_page = search(source, resumed)[:2]
    assert len(expected_page[0]) == 7
    assert search(target, resumed)[:2] == expected_page
    anonymous = DoiSearch(target).search(ANONYMOUS, DoiQuery(query="vatnajokull"))
    assert [record.doi for record in anonymous.records] == ["10.5438/rec-02"]


def test_fulltext_from_sqlite_is_what_postgresql_indexes_itself(
    sources: Callable[[str], Database], stores: Stores
) -> None:
    """doi_text rows derived from SQLite's FTS table equal those PostgreSQL's writer made."""
    native = sources("postgresql")
    _, target, _ = copied(sources, stores, "sqlite", "postgresql")
    statement = (
        "SELECT d.doi, t.body, CAST(t.tsv AS TEXT) FROM doi_text t "
        "JOIN dois d ON d.id = t.doi_id ORDER BY d.doi"
    )
    with target.read() as copied_rows, native.read() as native_rows:
        expected = native_rows.exec_driver_sql(statement).all()
        assert copied_rows.exec_driver_sql(statement).all() == expected
    assert any(tsv for _, _, tsv in expected)


@pytest.mark.parametrize("target_backend", ["sqlite", "postgresql"])
def test_new_writes_after_the_copy_get_fresh_keys(
    sources: Callable[[str], Database], stores: Stores, target_backend: str
) -> None:
    source_backend = "postgresql" if target_backend == "sqlite" else "sqlite"
    _, target, _ = copied(sources, stores, source_backend, target_backend)
    keyed = (dois.c.id, doi_versions.c.id, doi_changes.c.seq, activities.c.id, media.c.id)
    with target.read() as connection:
        before = {
            column: connection.execute(select(func.max(column))).scalar_one() for column in keyed
        }
    service = DoiService(target)
    body = read_attributes(
        {
            "event": "publish",
            "url": "https://example.org/new",
            "creators": [{"name": "Doe, Jane"}],
            "titles": [{"title": "Qaanaaq permafrost after the copy"}],
            "publisher": "Example",
            "publicationYear": 2024,
            "types": {"resourceTypeGeneral": "Dataset"},
        }
    )
    created = service.save(_principal("datacite.test"), body, path_doi="10.5438/after-copy")
    assert created.created
    MdsService(service).add_media(
        _principal("datacite.test"), "10.5438/after-copy", "text/plain", "https://e.org/c.txt"
    )
    with target.read() as connection:
        after = {
            column: connection.execute(select(func.max(column))).scalar_one() for column in keyed
        }
    for column in keyed:
        assert after[column] > before[column], column
    assert created.record.id == after[dois.c.id]
    found = DoiSearch(target).search(ANONYMOUS, DoiQuery(query="qaanaaq"))
    assert [record.doi for record in found.records] == ["10.5438/after-copy"]


def test_progress_is_reported_per_batch(sources: Callable[[str], Database], stores: Stores) -> None:
    seen: list[tuple[str, int]] = []
    counts = copy_store(
        sources("sqlite"),
        stores.empty("sqlite"),
        batch=100,
        progress=lambda table, done: seen.append((table, done)),
    )
    values = [done for table, done in seen if table == "doi_values"]
    assert values == [*range(100, counts["doi_values"], 100), counts["doi_values"]]
    finals = dict(seen)
    assert finals == {table: count for table, count in counts.items() if count}


# -- refusals and failures -----------------------------------------------------------------


def _stored_dois(database: Database) -> int:
    with database.read() as connection:
        return int(connection.execute(select(func.count()).select_from(dois)).scalar_one())


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_target_with_rows_is_refused(
    sources: Callable[[str], Database], stores: Stores, backend: str
) -> None:
    target = stores.empty(backend)
    make_provider(Services.over(target), "already")
    with pytest.raises(CopyRefused, match=r"not empty \(activities, providers hold rows\)"):
        copy_store(sources("sqlite"), target)
    assert [row[0] for row in rows(target, providers)] == ["already"]
    assert _stored_dois(target) == 0


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_different_schema_revisions_are_refused(
    sources: Callable[[str], Database], stores: Stores, backend: str
) -> None:
    target = stores.empty(backend)
    with target.write() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0002'"))
    expected = f"source at {migrate.head_revision()}, target at 0002"
    with pytest.raises(CopyRefused, match=expected):
        copy_store(sources("sqlite"), target)
    assert _stored_dois(target) == 0


def test_two_stores_at_an_older_revision_are_refused(stores: Stores) -> None:
    source, target = stores.empty("sqlite"), stores.empty("sqlite")
    for database in (source, target):
        with database.write() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = '0002'"))
    with pytest.raises(CopyRefused, match="not the newest"):
        copy_store(source, target)


def test_a_store_is_not_copied_into_itself(sources: Callable[[str], Database]) -> None:
    source = sources("sqlite")
    again = Database.from_url(source.engine.url.render_as_string())
    try:
        with pytest.raises(CopyRefused, match="same store"):
            copy_store(source, again)
    finally:
        again.dispose()


@pytest.mark.parametrize(("source_backend", "target_backend"), DIRECTIONS)
def test_an_interrupted_copy_leaves_the_target_empty(
    sources: Callable[[str], Database], stores: Stores, source_backend: str, target_backend: str
) -> None:
    target = stores.empty(target_backend)
    indexes_before = _indexes(target)

    def interrupt(table: str, _done: int) -> None:
        if table == "doi_versions":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        copy_store(sources(source_backend), target, progress=interrupt)
    for table in metadata.sorted_tables:
        assert not list(rows(target, table)), table.name
    assert fulltext(target) == {}
    assert _indexes(target) == indexes_before
    copy_store(sources(source_backend), target)  # and it can be copied into afterwards
    assert _stored_dois(target) == _stored_dois(sources(source_backend))


@pytest.mark.parametrize("target_backend", ["sqlite", "postgresql"])
def test_data_the_target_refuses_fails_the_copy_and_leaves_it_empty(
    sources: Callable[[str], Database], stores: Stores, tmp_path: Path, target_backend: str
) -> None:
    """A source whose rows break a foreign key (SQLite does not always enforce them)."""
    path = tmp_path / "orphans.db"
    seeded = sources("sqlite")
    with seeded.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(str(seeded.engine.url.database), path)
    raw = sqlite3.connect(path)
    raw.execute("INSERT INTO doi_relations VALUES (999999, '10.1/x', 'Cites')")
    raw.commit()
    raw.close()
    source = Database.from_url(f"sqlite:///{path}")
    target = stores.empty(target_backend)
    indexes_before = _indexes(target)
    try:
        with pytest.raises(
            CopyFailed, match=r"nothing was written to the target: .*(foreign key|FOREIGN)"
        ):
            copy_store(source, target)
    finally:
        source.dispose()
    assert _stored_dois(target) == 0
    assert fulltext(target) == {}
    assert _indexes(target) == indexes_before


def _indexes(database: Database) -> list[str]:
    if database.dialect == "sqlite":
        statement = "SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name"
    else:
        statement = (
            "SELECT indexname || ' ' || indexdef FROM pg_indexes "
            "WHERE schemaname = current_schema() ORDER BY 1"
        )
    with database.read() as connection:
        found = [str(name) for name in connection.exec_driver_sql(statement).scalars()]
    if database.dialect == "postgresql":
        with database.read() as connection:
            found += [
                str(name)
                for name in connection.exec_driver_sql(
                    "SELECT conname FROM pg_constraint ORDER BY 1"
                ).scalars()
            ]
    return found
