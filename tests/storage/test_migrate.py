"""Schema migrations apply on both backends and are idempotent."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect

from doiregistry.storage import migrate
from doiregistry.storage.engine import Database
from doiregistry.storage.tables import metadata


def test_store_is_at_head_with_every_table(database: Database) -> None:
    assert migrate.current_revision(database) == migrate.head_revision()
    assert set(inspect(database.engine).get_table_names()) >= set(metadata.tables)


def test_upgrade_twice_is_harmless(database: Database) -> None:
    migrate.upgrade(database)
    assert migrate.current_revision(database) == migrate.head_revision()


def test_upgrade_creates_a_new_sqlite_file(tmp_path: Path) -> None:
    store = Database.from_url(f"sqlite:///{tmp_path / 'new.db'}")
    assert migrate.current_revision(store) is None
    migrate.upgrade(store)
    assert migrate.current_revision(store) == migrate.head_revision()
    store.dispose()


def test_migration_matches_the_table_definitions(database: Database) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from doiregistry.storage.migrations.env_filters import include_object

    with database.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": False, "include_object": include_object}
        )
        assert compare_metadata(context, metadata) == []
