"""``doiregistry accounts set-admin-password`` against a real store on each backend."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from doiregistry.cli import app
from doiregistry.registry.accounts.authentication import Authenticator
from doiregistry.storage.engine import Database

runner = CliRunner()


def url_of(database: Database) -> str:
    return database.engine.url.render_as_string(hide_password=False)


def is_admin(database: Database, password: str) -> bool:
    return Authenticator(database).authenticate("admin", password).is_staff


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DOIREGISTRY_ADMIN_PASSWORD", raising=False)
    monkeypatch.delenv("DOIREGISTRY_DATABASE", raising=False)


def test_password_from_the_prompt(database: Database) -> None:
    result = runner.invoke(
        app,
        ["accounts", "set-admin-password", "--database", url_of(database)],
        input="first-secret\nfirst-secret\n",
    )
    assert result.exit_code == 0, result.output
    assert "staff account admin is set" in result.output
    assert "first-secret" not in result.output
    assert is_admin(database, "first-secret")


def test_prompt_needs_the_same_password_twice(database: Database) -> None:
    result = runner.invoke(
        app,
        ["accounts", "set-admin-password", "--database", url_of(database)],
        input="one\ntwo\none\none\n",
    )
    assert result.exit_code == 0, result.output
    assert "do not match" in result.output
    assert is_admin(database, "one")


def test_password_from_the_environment_replaces_the_old_one(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner.invoke(
        app, ["accounts", "set-admin-password", "--database", url_of(database), "--password", "old"]
    )
    monkeypatch.setenv("DOIREGISTRY_ADMIN_PASSWORD", "from-env")
    monkeypatch.setenv("DOIREGISTRY_DATABASE", url_of(database))
    result = runner.invoke(app, ["accounts", "set-admin-password"])
    assert result.exit_code == 0, result.output
    assert is_admin(database, "from-env")
    assert not is_admin(database, "old")


def test_empty_password_is_refused(database: Database) -> None:
    result = runner.invoke(
        app,
        ["accounts", "set-admin-password", "--database", url_of(database), "--password", ""],
    )
    assert result.exit_code == 2
    assert "must not be empty" in result.output
    assert not is_admin(database, "")


def test_a_new_sqlite_file_is_migrated_first(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/fresh.db"
    result = runner.invoke(
        app, ["accounts", "set-admin-password", "--database", url, "--password", "pw"]
    )
    assert result.exit_code == 0, result.output
    store = Database.from_url(url)
    try:
        assert is_admin(store, "pw")
    finally:
        store.dispose()
