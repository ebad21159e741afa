"""``doiregistry accounts set-admin-password``: the password of the staff account ``admin``."""

from __future__ import annotations

from typing import Annotated

import typer

from doiregistry.cli.settings_loading import settings_or_exit
from doiregistry.registry.accounts import staff
from doiregistry.registry.accounts.authentication import STAFF_ACCOUNT
from doiregistry.storage import migrate
from doiregistry.storage.engine import Database

app = typer.Typer(help="Manage the accounts of the registry.", no_args_is_help=True)


@app.command("set-admin-password")
def set_admin_password(
    password: Annotated[
        str,
        typer.Option(
            prompt="New password for the staff account admin",
            hide_input=True,
            confirmation_prompt=True,
            envvar=staff.PASSWORD_ENV,
            help="The new password (asked for when not given; prefer the prompt or "
            f"{staff.PASSWORD_ENV} over the command line, which other users may see).",
        ),
    ],
    database: Annotated[
        str | None,
        typer.Option(
            envvar="DOIREGISTRY_DATABASE",
            help="SQLAlchemy URL of the store (default sqlite:///./doiregistry.db).",
        ),
    ] = None,
) -> None:
    """Create the staff account admin or change its password (kept as a salted scrypt hash)."""
    if not password:
        raise typer.BadParameter("the password must not be empty", param_hint="--password")
    store = Database.from_url(settings_or_exit(database_url=database).database_url)
    try:
        migrate.upgrade(store)
        staff.set_admin_password(store, password)
    finally:
        store.dispose()
    typer.echo(f"The password of the staff account {STAFF_ACCOUNT} is set.")
