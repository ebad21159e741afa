"""``doiregistry db upgrade|current`` on a fresh SQLite store, and ``db copy`` between stores."""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path

import pytest
from sqlalchemy import text
from tests.factories import Services, make_repository
from tests.postgres import throwaway_database
from typer.testing import CliRunner

from doiregistry.cli import app
from doiregistry.domain.doi_query import DoiQuery
from doiregistry.domain.principal import ANONYMOUS, Principal, Role
from doiregistry.registry.dois.attribute_reader import read_attributes
from doiregistry.registry.dois.service import DoiService
from doiregistry.search.dois.service import DoiSearch
from doiregistry.storage import migrate
from doiregistry.storage.engine import Database

runner = CliRunner()


def test_upgrade_then_current(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    first = runner.invoke(app, ["db", "upgrade", "--database", url])
    assert first.exit_code == 0, first.output
    assert f"schema at {migrate.head_revision()} (was empty)" in first.output
    again = runner.invoke(app, ["db", "upgrade", "--database", url])
    assert f"(was {migrate.head_revision()})" in again.output
    current = runner.invoke(app, ["db", "current"], env={"DOIREGISTRY_DATABASE": url})
    assert f"store: {migrate.head_revision()}" in current.output


def test_unsupported_url_is_an_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["db", "upgrade", "--database", "mysql://x/y"])
    assert result.exit_code == 2
    assert "Unsupported database URL" in result.output


# -- db copy -------------------------------------------------------------------------------


def _seeded_sqlite(path: Path) -> str:
    """An SQLite store at ``path`` with a repository and two DOIs; its URL."""
    url = f"sqlite:///{path}"
    database = Database.from_url(url)
    try:
        migrate.upgrade(database)
        make_repository(Services.over(database))
        principal = Principal(
            Role.CLIENT_ADMIN,
            uid="datacite.test",
            client_id="datacite.test",
            provider_ids=frozenset({"datacite"}),
        )
        for suffix in ("one", "two"):
            attributes = {
                "event": "publish",
                "url": f"https://example.org/{suffix}",
                "creators": [{"name": "Doe, Jane"}],
                "titles": [{"title": f"Copied record {suffix}"}],
                "publisher": "Example",
                "publicationYear": 2024,
                "types": {"resourceTypeGeneral": "Dataset"},
            }
            DoiService(database).save(
                principal, read_attributes(attributes), path_doi=f"10.5438/{suffix}"
            )
    finally:
        database.dispose()
    return url


def _found(url: str, query: str) -> list[str]:
    database = Database.from_url(url)
    try:
        found = DoiSearch(database).search(ANONYMOUS, DoiQuery(query=query))
    finally:
        database.dispose()
    return sorted(record.doi for record in found.records)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_copy_into_a_new_store(tmp_path: Path, backend: str) -> None:
    source = _seeded_sqlite(tmp_path / "source.db")
    with ExitStack() as stack:
        if backend == "sqlite":
            target = f"sqlite:///{tmp_path / 'target.db'}"  # no file yet: the schema is made
        else:
            target = stack.enter_context(throwaway_database("cli_copy"))
        result = runner.invoke(app, ["db", "copy", source, target, "--batch", "1"])
        assert result.exit_code == 0, result.output
        assert "Copying sqlite:///" in result.stderr
        assert "  dois: 2 rows" in result.stderr
        assert "Copied " in result.stdout
        summary = dict(line.split() for line in result.stdout.splitlines()[1:])
        assert summary["dois"] == "2"
        assert summary["doi_fts" if backend == "sqlite" else "doi_text"] == "2"
        assert summary["providers"] == "1"
        assert _found(target, "copied") == ["10.5438/one", "10.5438/two"]


def test_copy_refuses_a_target_with_rows(tmp_path: Path) -> None:
    source = _seeded_sqlite(tmp_path / "source.db")
    target = f"sqlite:///{tmp_path / 'target.db'}"
    assert runner.invoke(app, ["db", "copy", source, target]).exit_code == 0
    again = runner.invoke(app, ["db", "copy", source, target])
    assert again.exit_code == 1
    assert "The target store is not empty (" in again.stderr
    assert "copy into a new, empty store" in again.stderr
    assert again.stdout == ""


def test_copy_refuses_a_source_behind_the_newest_schema(tmp_path: Path) -> None:
    source = _seeded_sqlite(tmp_path / "source.db")
    database = Database.from_url(source)
    with database.write() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0002'"))
    database.dispose()
    result = runner.invoke(app, ["db", "copy", source, f"sqlite:///{tmp_path / 'target.db'}"])
    assert result.exit_code == 1
    assert "The source store is at schema 0002, not the newest" in result.stderr
    assert "doiregistry db upgrade --database SOURCE" in result.stderr
    assert not (tmp_path / "target.db").exists()


def test_copy_with_an_unusable_url_is_an_error(tmp_path: Path) -> None:
    source = _seeded_sqlite(tmp_path / "source.db")
    missing = runner.invoke(
        app,
        ["db", "copy", f"sqlite:///{tmp_path / 'missing.db'}", f"sqlite:///{tmp_path / 't.db'}"],
    )
    assert missing.exit_code == 2
    assert "No SQLite store at sqlite:///" in missing.stderr
    assert not (tmp_path / "missing.db").exists()
    for target in ("mysql://x/y", "not a url"):
        result = runner.invoke(app, ["db", "copy", source, target])
        assert result.exit_code == 2, target
        assert result.stderr.count("\n") == 1, result.stderr
    unreachable = runner.invoke(
        app, ["db", "copy", source, "postgresql+psycopg://user:secret@127.0.0.1:1/none"]
    )
    assert unreachable.exit_code == 2
    assert "Cannot open the target store" in unreachable.stderr
    assert "secret" not in unreachable.output


def test_an_unparseable_url_is_an_error_not_a_traceback() -> None:
    result = runner.invoke(app, ["db", "upgrade", "--database", "not a url"])
    assert result.exit_code == 2
    assert "Could not parse" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
