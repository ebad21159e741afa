"""Application factory: builds the FastAPI app from :class:`~doiregistry.settings.Settings`."""

from __future__ import annotations

from fastapi import FastAPI
from starlette.middleware.gzip import GZipMiddleware

from doiregistry import __version__
from doiregistry.api.errors import install_error_handlers
from doiregistry.api.mds import routes as mds_routes
from doiregistry.api.middleware import RejectNulCharacters
from doiregistry.api.oai import routes as oai_routes
from doiregistry.api.rest import (
    activities,
    clients,
    content_negotiation,
    doi_list,
    dois,
    prefixes,
    providers,
    root,
    totals,
)
from doiregistry.registry.accounts import staff
from doiregistry.registry.container import Registry
from doiregistry.settings import Settings
from doiregistry.storage import migrate
from doiregistry.storage.engine import Database


def create_app(settings: Settings | None = None, database: Database | None = None) -> FastAPI:
    """A ready-to-serve application; the store is migrated to the newest schema first."""
    settings = settings or Settings.from_env()
    if database is None:
        database = Database.from_url(settings.database_url)
        migrate.upgrade(database)
        database.analyze()
    app = FastAPI(title="doiregistry", version=__version__, docs_url="/api-docs", redoc_url=None)
    app.state.settings = settings
    app.state.registry = Registry(
        database,
        facets_by_default=settings.facets_by_default,
        login_limits=settings.login_limits,
        search_budgets=settings.search_budgets,
    )
    staff.apply_admin_password_from_env(database)
    install_error_handlers(app)
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=4)
    app.add_middleware(RejectNulCharacters)
    app.include_router(root.router)
    app.include_router(doi_list.router)
    app.include_router(activities.router)
    app.include_router(dois.router)
    app.include_router(mds_routes.router)
    app.include_router(totals.router)
    app.include_router(providers.router)
    app.include_router(clients.router)
    app.include_router(prefixes.router)
    app.include_router(content_negotiation.router)
    app.include_router(oai_routes.router)
    return app
