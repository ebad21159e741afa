"""``doiregistry db upgrade|current``: schema migrations of a store."""

from __future__ import annotations

from typing import Annotated

import typer

from doiregistry.settings import Settings
from doiregistry.storage import migrate
from doiregistry.storage.engine import Database

app = typer.Typer(help="Manage the store's schema.", no_args_is_help=True)

DatabaseOption = Annotated[
    str | None,
    typer.Option(envvar="DOIREGISTRY_DATABASE", help="SQLAlchemy URL of the store."),
]


def _open(database: str | None) -> Database:
    try:
        return Database.from_url(Settings.from_env(database_url=database).database_url)
    except ValueError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None


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
