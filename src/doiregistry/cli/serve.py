"""``doiregistry serve``: run the HTTP server (``--demo``: with a demo repository and records)."""

from __future__ import annotations

import logging
import threading
from typing import Annotated

import typer
import uvicorn
from rich.console import Console
from rich.markup import escape

from doiregistry.api.app import create_app
from doiregistry.cli.settings_loading import settings_or_exit
from doiregistry.demo.setup import PASSWORD_ENV, set_up_demo
from doiregistry.storage import migrate
from doiregistry.storage.engine import Database

_log = logging.getLogger(__name__)
#: seconds a stopping server waits for the warm-up before closing the store
_WARM_UP_GRACE = 10.0
_NEW_DRAFT = '{"data": {"type": "dois", "attributes": {"prefix": "10.5072"}}}'


def _announce_demo(database: Database, host: str, port: int) -> None:
    demo = set_up_demo(database)
    report = demo.report
    console = Console(highlight=False)
    console.print(
        f"Demo repository {demo.username} holds {report.accepted} sample records "
        f"({report.created} new); {report.rejected} rejected."
    )
    for rejection in report.rejections:
        console.print(f"  {escape(rejection.describe())}", soft_wrap=True)
    console.print(f"  username: {demo.username}")
    console.print(f"  password: {escape(demo.password)}  (set {PASSWORD_ENV} to choose it)")
    base = f"http://{host}:{port}"
    console.print(f"  a sample record: {base}/dois/10.5072/4k3m-nyvg", soft_wrap=True)
    body = escape(_NEW_DRAFT)
    console.print(
        f"  a new draft DOI: curl -u '{demo.username}:{escape(demo.password)}' "
        f"-H 'Content-Type: application/vnd.api+json' -d '{body}' {base}/dois",
        soft_wrap=True,
    )


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
    demo: Annotated[
        bool,
        typer.Option(
            "--demo",
            help="Set up a demo member DEMO, repository DEMO.REPO (its password is printed) "
            "with prefix 10.5072 and a few dozen sample records, unless already there.",
        ),
    ] = False,
) -> None:
    """Start the REST API server."""
    settings = settings_or_exit(database_url=database)
    store = Database.from_url(settings.database_url)
    warming: threading.Thread | None = None
    try:
        migrate.upgrade(store)
        if demo:
            _announce_demo(store, host, port)
        app = create_app(settings, store)
        facet_index = app.state.registry.doi_search.facet_index

        def warm_up() -> None:
            # planner statistics, then the facet index, before the first request needs them
            try:
                store.analyze()
                facet_index.refresh()
            except Exception:  # the server stopped (and closed the store) first
                _log.warning("warm-up did not finish", exc_info=True)

        warming = threading.Thread(target=warm_up, name="warm-up", daemon=True)
        warming.start()
        uvicorn.run(app, host=host, port=port, log_level="info")
    finally:
        if warming is not None:
            # let a short warm-up end before the store closes under it
            warming.join(timeout=_WARM_UP_GRACE)
        store.dispose()
