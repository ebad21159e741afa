"""``doiregistry db upgrade|current|copy``: schema migrations of a store, and moving it."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from doiregistry.cli.settings_loading import settings_or_exit
from doiregistry.storage import migrate, store_copy
from doiregistry.storage.engine import Database

app = typer.Typer(help="Manage the store's schema, or copy a store.", no_args_is_help=True)

DatabaseOption = Annotated[
    str | None,
    typer.Option(envvar="DOIREGISTRY_DATABASE", help="SQLAlchemy URL of the store."),
]


def _open(database: str | None) -> Database:
    """The store named by ``--database`` or the environment; exit 2 when the URL is unusable."""
    return _open_url(settings_or_exit(database_url=database).database_url)


@app.command()
def upgrade(database: DatabaseOption = None) -> None:
    """Apply every pending migration (the server also does this when it starts)."""
    store = _open(database)
    try:
        before = migrate.current_revision(store)
        migrate.upgrade(store)
        after = migrate.current_revision(store)
    finally:
        store.dispose()
    typer.echo(f"schema at {after} (was {before or 'empty'})")


@app.command()
def current(database: DatabaseOption = None) -> None:
    """Print the store's schema revision and the newest one this version knows."""
    store = _open(database)
    try:
        typer.echo(f"store: {migrate.current_revision(store) or 'empty'}")
    finally:
        store.dispose()
    typer.echo(f"newest: {migrate.head_revision()}")


def _shown(url: str) -> str:
    """``url`` without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def _open_url(url: str, *, must_exist: bool = False) -> Database:
    """The store at ``url``; exit 2 when the URL is unusable (or names no SQLite file)."""
    try:
        parsed = make_url(url)
        if must_exist and parsed.get_backend_name() == "sqlite":
            path = parsed.database or ""
            if path in ("", ":memory:") or not Path(path).is_file():
                raise ValueError(f"No SQLite store at {_shown(url)}")
        return Database.from_url(url)
    except (ValueError, ArgumentError) as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None


def _revision_or_exit(store: Database, role: str) -> str | None:
    """The store's schema revision; exit 2 when the store cannot be opened."""
    try:
        return migrate.current_revision(store)
    except OperationalError as exc:
        typer.echo(f"Cannot open the {role} store: {' '.join(str(exc.orig).split())}", err=True)
        raise typer.Exit(2) from None


class _ProgressLines:
    """Progress on stderr: a line per table when it is done, and every few seconds in between."""

    def __init__(self, interval: float = 5.0) -> None:
        self.interval = interval
        self.table = ""
        self.rows = 0
        self.printed = time.monotonic()

    def __call__(self, table: str, rows: int) -> None:
        if table != self.table:
            self.finish()
            self.table = table
        self.rows = rows
        now = time.monotonic()
        if now - self.printed >= self.interval:
            typer.echo(f"  {table}: {rows:,} rows so far", err=True)
            self.printed = now

    def finish(self) -> None:
        """The line of the table copied last."""
        if self.table:
            typer.echo(f"  {self.table}: {self.rows:,} rows", err=True)
            self.printed = time.monotonic()


@app.command("copy")
def copy_command(
    source: Annotated[
        str, typer.Argument(help="SQLAlchemy URL of the store to copy (at the newest schema).")
    ],
    target: Annotated[
        str,
        typer.Argument(help="SQLAlchemy URL of an empty store (its schema is brought up to date)."),
    ],
    batch: Annotated[
        int, typer.Option(min=1, help="Rows read per round trip (memory grows with it).")
    ] = 2_000,
) -> None:
    """Copy a whole store into an empty one, such as from SQLite to PostgreSQL.

    The source is read in one snapshot; the target is written in one
    transaction, so an interrupted or failed copy leaves it empty.
    """
    source_store = _open_url(source, must_exist=True)
    target_store = _open_url(target)
    try:
        started = time.monotonic()
        revision = _revision_or_exit(source_store, "source")
        if revision != migrate.head_revision():
            typer.echo(
                f"The source store is at schema {revision or 'none'}, not the newest "
                f"({migrate.head_revision()}): run `doiregistry db upgrade --database SOURCE` "
                "on it first",
                err=True,
            )
            raise typer.Exit(1)
        _revision_or_exit(target_store, "target")
        migrate.upgrade(target_store)
        typer.echo(f"Copying {_shown(source)} to {_shown(target)}", err=True)
        progress = _ProgressLines()
        counts = store_copy.copy_store(source_store, target_store, batch=batch, progress=progress)
        progress.finish()
    except (store_copy.CopyRefused, store_copy.CopyFailed) as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from None
    finally:
        source_store.dispose()
        target_store.dispose()
    seconds = time.monotonic() - started
    width = max(len(name) for name in counts)
    typer.echo(f"Copied {sum(counts.values()):,} rows in {seconds:.1f} s:")
    for name, rows in counts.items():
        typer.echo(f"  {name:<{width}}  {rows:>12,}")
