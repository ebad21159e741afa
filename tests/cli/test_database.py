"""``doiregistry db upgrade|current`` on a fresh SQLite store."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from doiregistry.cli import app
from doiregistry.storage import migrate

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
