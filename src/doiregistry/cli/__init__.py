"""The ``doiregistry`` command line: one Typer app with a sub-app per concern."""

from __future__ import annotations

from doiregistry.cli.app import app


def main() -> None:
    """Entry point of the ``doiregistry`` console script."""
    app()


__all__ = ["app", "main"]
