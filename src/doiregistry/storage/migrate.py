"""Apply schema migrations (alembic) to a store: on start and by ``doiregistry db upgrade``."""

from __future__ import annotations

from importlib import resources

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from doiregistry.storage.engine import Database


def _config(url: str) -> Config:
    config = Config()
    location = resources.files("doiregistry.storage") / "migrations"
    config.set_main_option("script_location", str(location))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(database: Database, revision: str = "head") -> None:
    """Bring the schema of ``database`` up to ``revision`` (the newest by default)."""
    config = _config(database.engine.url.render_as_string(hide_password=False))
    with database.write() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def current_revision(database: Database) -> str | None:
    """The revision the store is at (``None`` for an empty store)."""
    with database.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    """The newest revision this version of the package knows."""
    return ScriptDirectory.from_config(_config("sqlite://")).get_current_head()
