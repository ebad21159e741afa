"""The server settings for a command: read from the environment and the command line,
and a bad value ends the command with the setting's message (exit 2), not a traceback."""

from __future__ import annotations

import typer

from doiregistry.settings import SettingError, Settings


def settings_or_exit(*, database_url: str | None = None) -> Settings:
    """:meth:`Settings.from_env` with ``--database`` winning; exit 2 on an unusable value."""
    try:
        return Settings.from_env(database_url=database_url)
    except SettingError as error:
        typer.echo(f"Error: {error}", err=True)
        raise typer.Exit(2) from None
