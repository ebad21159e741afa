"""``doiregistry serve``: run the HTTP server."""

from __future__ import annotations

from typing import Annotated

import typer
import uvicorn

from doiregistry.api.app import create_app
from doiregistry.settings import Settings


def serve(
    database: Annotated[
        str | None,
        typer.Option(
            envvar="DOIREGISTRY_DATABASE",
            help="SQLAlchemy URL of the store (default sqlite:///./doiregistry.db).",
        ),
    ] = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port to listen on.")] = 8000,
) -> None:
    """Start the REST API server."""
    settings = Settings.from_env(database_url=database)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")
