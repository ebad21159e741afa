"""Application factory: builds the FastAPI app from :class:`~doiregistry.settings.Settings`."""

from __future__ import annotations

from fastapi import FastAPI

from doiregistry import __version__
from doiregistry.api.rest import root
from doiregistry.settings import Settings


def create_app(settings: Settings | None = None) -> FastAPI:
    """A ready-to-serve application for ``settings`` (defaults from the environment)."""
    settings = settings or Settings.from_env()
    app = FastAPI(title="doiregistry", version=__version__, docs_url="/api-docs", redoc_url=None)
    app.state.settings = settings
    app.include_router(root.router)
    return app
