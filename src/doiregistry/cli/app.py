"""Assembles the Typer application from the per-concern command modules."""

from __future__ import annotations

import typer

from doiregistry.cli import accounts, database, metadata, serve
from doiregistry.cli.import_command import import_records

app = typer.Typer(
    name="doiregistry",
    help="A self-hosted, DataCite-compatible DOI registry and metadata service.",
    no_args_is_help=True,
    add_completion=False,
)
app.command("serve")(serve.serve)
app.command("import")(import_records)
app.add_typer(metadata.app, name="metadata")
app.add_typer(accounts.app, name="accounts")
app.add_typer(database.app, name="db")


@app.callback()
def _root() -> None:
    """A self-hosted, DataCite-compatible DOI registry and metadata service."""
