"""Engine set-up per backend and the two kinds of transaction the product uses.

SQLite runs in WAL mode with a busy timeout, foreign keys on and ``synchronous
= FULL`` (a write is durable when it returns). Write transactions start with
``BEGIN IMMEDIATE`` so that concurrent writers queue for the lock instead of
failing to upgrade a read lock; reads use a deferred ``BEGIN`` and never block
each other. PostgreSQL uses its defaults with a pooled psycopg 3 driver.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import orjson
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.pool import ConnectionPoolEntry

from doiregistry.domain.clock import SYSTEM_CLOCK, Clock

_BEGIN_OPTION = "doiregistry_sqlite_begin"


def _dumps(value: Any) -> str:
    """JSON for JSON columns (orjson: several times faster than the standard library)."""
    return orjson.dumps(value).decode()


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _regexp(pattern: str | None, value: str | None) -> bool:
    """SQLite's ``value REGEXP pattern`` (Python regular expressions)."""
    if pattern is None or value is None:
        return False
    return _compiled(pattern).search(value) is not None


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
        # let SQLAlchemy's "begin" event below issue BEGIN itself
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()
        dbapi_connection.create_function("regexp", 2, _regexp, deterministic=True)

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        mode = connection.get_execution_options().get(_BEGIN_OPTION, "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")


def make_engine(url: str) -> Engine:
    """An engine for a SQLAlchemy URL (``sqlite:///…`` or ``postgresql+psycopg://…``)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(
            parsed,
            connect_args={"check_same_thread": False, "timeout": 30},
            json_serializer=_dumps,
            json_deserializer=orjson.loads,
        )
        _configure_sqlite(engine)
        return engine
    if parsed.get_backend_name() == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        return create_engine(
            parsed,
            pool_size=10,
            max_overflow=20,
            pool_pre_ping=True,
            json_serializer=_dumps,
            json_deserializer=orjson.loads,
        )
    raise ValueError(
        f"Unsupported database URL {url!r}: use sqlite:///path.db or postgresql+psycopg://…"
    )


class Database:
    """One store: an engine plus the read and write transaction helpers."""

    def __init__(self, engine: Engine, *, clock: Clock = SYSTEM_CLOCK) -> None:
        self.engine = engine
        self.dialect = engine.dialect.name
        #: where every timestamp written to this store comes from
        self.clock = clock

    @classmethod
    def from_url(cls, url: str, *, clock: Clock = SYSTEM_CLOCK) -> Database:
        return cls(make_engine(url), clock=clock)

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read transaction (a consistent snapshot on both backends)."""
        with self.engine.connect() as connection, connection.begin():
            yield connection

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction, committed on success and rolled back on error."""
        with self.engine.connect() as connection:
            if self.dialect == "sqlite":
                connection = connection.execution_options(**{_BEGIN_OPTION: "IMMEDIATE"})
            with connection.begin():
                yield connection

    @contextmanager
    def snapshot(self) -> Iterator[Connection]:
        """A read transaction whose statements all see one snapshot (PostgreSQL:
        REPEATABLE READ; SQLite read transactions already do)."""
        with self.engine.connect() as connection:
            if self.dialect == "postgresql":
                connection = connection.execution_options(isolation_level="REPEATABLE READ")
            with connection.begin():
                yield connection

    def analyze(self) -> None:
        """Refresh the query planner's statistics (after start-up and bulk loads).

        SQLite has none until ``ANALYZE`` runs, and without them it picks poor
        plans (such as scanning every findable record through the low-selectivity
        ``state`` index); PostgreSQL's autovacuum would get there later.
        """
        with self.engine.connect() as connection:
            if self.dialect == "postgresql":
                connection = connection.execution_options(isolation_level="AUTOCOMMIT")
            connection.exec_driver_sql("ANALYZE")
            if self.dialect == "sqlite":
                connection.commit()

    def ping(self) -> bool:
        """True when the database answers a trivial query."""
        try:
            with self.engine.connect() as connection:
                connection.exec_driver_sql("SELECT 1")
        except Exception:
            return False
        return True

    def dispose(self) -> None:
        self.engine.dispose()
