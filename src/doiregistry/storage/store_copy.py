"""Copying a whole store into an empty one, across backends (``doiregistry db copy``).

Every table of :data:`~doiregistry.storage.tables.metadata` is copied in
dependency order, each read as a stream in primary-key order and written a
batch at a time, so a store of any size moves with bounded memory. The source
is read in one snapshot; the target is written in one transaction, so a copy
that fails leaves the target as empty as it was.

Rows move in their stored form, converted only where the two backends store a
value differently:

- SQLite → PostgreSQL: ``COPY … FROM STDIN`` (text format) with SQLite's
  values as they are: PostgreSQL parses JSON text into ``jsonb``, reads the
  naive UTC timestamp text as UTC (the copy's transaction runs in time zone
  UTC) and 0/1 as booleans. SQL ``NULL`` and JSON ``null`` stay apart.
- PostgreSQL → SQLite: the query casts values to SQLite's forms (timestamps
  as naive UTC text in SQLAlchemy's format, booleans as 0/1, JSON as text,
  re-serialised compactly as the product's writer does) for the driver's
  ``executemany``.
- the same backend on both sides: SQLite values as they are; PostgreSQL rows
  as binary ``COPY``, byte for byte.

The full-text index differs per backend and is not in ``metadata`` on
SQLite: the FTS5 table ``doi_fts(rowid, body)`` there, ``doi_text(doi_id,
body, tsv)`` on PostgreSQL. ``body`` is the same on both (the DOI's coded
words), and a PostgreSQL ``tsv`` is derived from it exactly as the index
writer derives it (:func:`~doiregistry.storage.search_index.tsvector_literal`).

On PostgreSQL the target's secondary indexes and foreign keys are dropped for
the load and created again before the commit (as ``pg_restore`` does: one
index build beats maintaining it row by row), its sequences are moved past the
copied keys, and the target is analysed afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Final, cast

import orjson
from sqlalchemy import JSON, Boolean, Column, Connection, Table
from sqlalchemy.exc import DBAPIError

from doiregistry.storage import migrate
from doiregistry.storage.column_types import UTCDateTime
from doiregistry.storage.engine import Database
from doiregistry.storage.search_index import tsvector_literal
from doiregistry.storage.tables import doi_text, metadata

#: called after each batch with the table's name and its rows copied so far
Progress = Callable[[str, int], None]
Values = tuple[Any, ...]

#: SQLite's full-text table (rowid = DOI id), made by migration 0002
FTS_TABLE: Final = "doi_fts"
#: SQLAlchemy's storage format of SQLite timestamps, in PostgreSQL's ``to_char`` terms
_SQLITE_TIMESTAMP: Final = "YYYY-MM-DD HH24:MI:SS.US"


class CopyRefused(ValueError):
    """The copy did not start: the target holds rows, or the two schemas differ."""


class CopyFailed(RuntimeError):
    """The target refused a copied value; its transaction was rolled back."""


@dataclass(frozen=True)
class _Plan:
    """How one table's rows move: the source query, the target table and columns."""

    name: str
    query: str
    target: str
    columns: tuple[str, ...]
    convert: Callable[[Values], Values] | None = None


def _quote(connection: Connection, name: str) -> str:
    return connection.dialect.identifier_preparer.quote(name)


def _column_list(connection: Connection, names: Sequence[str]) -> str:
    return ", ".join(_quote(connection, name) for name in names)


def _order(connection: Connection, table: Table) -> str:
    """``ORDER BY`` the primary key (SQLite: the rowid of tables without one)."""
    keys = [column.name for column in table.primary_key]
    if keys:
        return f" ORDER BY {_column_list(connection, keys)}"
    return " ORDER BY rowid" if connection.dialect.name == "sqlite" else ""


def _as_sqlite(connection: Connection, column: Column[Any]) -> str:
    """A PostgreSQL column read in the form SQLite stores it in."""
    name = _quote(connection, column.name)
    if isinstance(column.type, UTCDateTime):
        return f"to_char({name} AT TIME ZONE 'UTC', '{_SQLITE_TIMESTAMP}')"
    if isinstance(column.type, JSON):
        return f"CAST({name} AS TEXT)"
    if isinstance(column.type, Boolean):
        return f"CAST({name} AS INTEGER)"
    return name


def _compact_json(positions: Sequence[int]) -> Callable[[Values], Values]:
    """Re-serialise the JSON text at ``positions`` as the product's writer does (orjson)."""

    def convert(row: Values) -> Values:
        values = list(row)
        for position in positions:
            if values[position] is not None:
                values[position] = orjson.dumps(orjson.loads(values[position])).decode()
        return tuple(values)

    return convert


def _with_tsvector(row: Values) -> Values:
    """``(doi_id, body)`` of SQLite's full-text table → PostgreSQL's ``(doi_id, body, tsv)``."""
    doi_id, body = row
    return doi_id, body, tsvector_literal(body.split(" ") if body else [])


def _fulltext_plan(reading: Connection, writing: Connection) -> _Plan:
    if reading.dialect.name == "sqlite":
        query = f"SELECT rowid, body FROM {FTS_TABLE} ORDER BY rowid"
    else:
        query = "SELECT doi_id, body FROM doi_text ORDER BY doi_id"
    if writing.dialect.name == "sqlite":
        return _Plan(FTS_TABLE, query, FTS_TABLE, ("rowid", "body"))
    return _Plan("doi_text", query, "doi_text", ("doi_id", "body", "tsv"), _with_tsvector)


def _plan(reading: Connection, writing: Connection, table: Table) -> _Plan:
    """The copy of one table between different backends or SQLite stores."""
    if table is doi_text:
        return _fulltext_plan(reading, writing)
    columns = list(table.columns)
    names = tuple(column.name for column in columns)
    convert = None
    if reading.dialect.name == "postgresql":
        selected = ", ".join(_as_sqlite(reading, column) for column in columns)
        json_positions = [i for i, c in enumerate(columns) if isinstance(c.type, JSON)]
        if json_positions:
            convert = _compact_json(json_positions)
    else:
        selected = _column_list(reading, names)
    query = f"SELECT {selected} FROM {_quote(reading, table.name)}{_order(reading, table)}"
    return _Plan(table.name, query, table.name, names, convert)


# -- reading and writing -------------------------------------------------------------------


def _batches(connection: Connection, plan: _Plan, batch: int) -> Iterator[list[Values]]:
    """The source rows of ``plan``, ``batch`` at a time, streamed.

    SQLite: the driver's cursor, which steps through the table as rows are
    fetched (SQLAlchemy's result layer tripled the cost of reading).
    PostgreSQL: a server-side cursor (``yield_per``).
    """
    convert = plan.convert
    if connection.dialect.name == "sqlite":
        cursor = connection.connection.cursor()
        try:
            cursor.execute(plan.query)
            while rows := cast(list[Values], cursor.fetchmany(batch)):
                yield rows if convert is None else [convert(row) for row in rows]
        finally:
            cursor.close()
        return
    result = connection.execution_options(yield_per=batch).exec_driver_sql(plan.query)
    for chunk in result.partitions(batch):
        rows = [tuple(row) for row in chunk]
        yield rows if convert is None else [convert(row) for row in rows]


def _report(progress: Progress | None, name: str, count: int) -> None:
    if progress is not None:
        progress(name, count)


def _write_postgres(
    writing: Connection, plan: _Plan, batches: Iterator[list[Values]], progress: Progress | None
) -> int:
    """One ``COPY`` (text format: PostgreSQL parses every value) fed a batch at a time."""
    statement = (
        f"COPY {_quote(writing, plan.target)} ({_column_list(writing, plan.columns)}) FROM STDIN"
    )
    count = 0
    driver = writing.connection.driver_connection
    with driver.cursor() as cursor, cursor.copy(statement) as copy:  # type: ignore[union-attr]
        for rows in batches:
            for row in rows:
                copy.write_row(row)
            count += len(rows)
            _report(progress, plan.name, count)
    return count


def _write_sqlite(
    writing: Connection, plan: _Plan, batches: Iterator[list[Values]], progress: Progress | None
) -> int:
    """Insert each batch with the driver's ``executemany``."""
    marks = ", ".join("?" for _ in plan.columns)
    statement = (
        f"INSERT INTO {_quote(writing, plan.target)} "
        f"({_column_list(writing, plan.columns)}) VALUES ({marks})"
    )
    count = 0
    cursor = writing.connection.cursor()
    try:
        for rows in batches:
            cursor.executemany(statement, rows)
            count += len(rows)
            _report(progress, plan.name, count)
    finally:
        cursor.close()
    return count


def _copy_postgres_table(
    reading: Connection, writing: Connection, table: Table, progress: Progress | None
) -> int:
    """PostgreSQL to PostgreSQL: the rows as binary ``COPY``, streamed through unchanged."""
    names = _column_list(reading, [column.name for column in table.columns])
    quoted = _quote(reading, table.name)
    out_statement = (
        f"COPY (SELECT {names} FROM {quoted}{_order(reading, table)}) TO STDOUT (FORMAT BINARY)"
    )
    in_statement = f"COPY {quoted} ({names}) FROM STDIN (FORMAT BINARY)"
    source = reading.connection.driver_connection
    target = writing.connection.driver_connection
    with source.cursor() as out_cursor, target.cursor() as in_cursor:  # type: ignore[union-attr]
        with out_cursor.copy(out_statement) as out_copy, in_cursor.copy(in_statement) as in_copy:
            for data in out_copy:
                in_copy.write(data)
        count = int(in_cursor.rowcount)
    _report(progress, table.name, count)
    return count


# -- the target ----------------------------------------------------------------------------


def _tables_with_rows(writing: Connection) -> list[str]:
    names = [table.name for table in metadata.sorted_tables]
    if writing.dialect.name == "sqlite":
        names.append(FTS_TABLE)
    return [
        name
        for name in names
        if writing.exec_driver_sql(f"SELECT 1 FROM {_quote(writing, name)} LIMIT 1").first()
    ]


def _check_revisions(source: Database, target: Database) -> None:
    source_revision = migrate.current_revision(source)
    target_revision = migrate.current_revision(target)
    if source_revision != target_revision:
        raise CopyRefused(
            f"The stores' schemas differ (source at {source_revision or 'no schema'}, "
            f"target at {target_revision or 'no schema'}): upgrade both to the newest "
            "with `doiregistry db upgrade`"
        )
    head = migrate.head_revision()
    if source_revision != head:
        raise CopyRefused(
            f"Both stores are at schema {source_revision or 'none'}, not the newest ({head}): "
            "upgrade both with `doiregistry db upgrade`"
        )


@dataclass(frozen=True)
class _Deferred:
    """Secondary indexes and foreign keys of the PostgreSQL target, dropped during the load."""

    indexes: list[tuple[str, str]]
    constraints: list[tuple[str, str, str]]


def _drop_for_load(writing: Connection) -> _Deferred:
    """Drop the target's foreign keys and the indexes not behind a constraint; keep their DDL."""
    tables = [table.name for table in metadata.sorted_tables]
    constraints = [
        (str(row.table), str(row.name), str(row.definition))
        for row in writing.exec_driver_sql(
            "SELECT t.relname AS table, k.conname AS name, "
            "pg_get_constraintdef(k.oid) AS definition "
            "FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid "
            "WHERE k.contype = 'f' AND t.relnamespace = current_schema()::regnamespace "
            "AND t.relname = ANY(%(tables)s) ORDER BY t.relname, k.conname",
            {"tables": tables},
        )
    ]
    indexes = [
        (str(row.name), str(row.definition))
        for row in writing.exec_driver_sql(
            "SELECT ix.relname AS name, pg_get_indexdef(i.indexrelid) AS definition "
            "FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid "
            "JOIN pg_class ix ON ix.oid = i.indexrelid "
            "WHERE t.relnamespace = current_schema()::regnamespace "
            "AND t.relname = ANY(%(tables)s) "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid) "
            "ORDER BY ix.relname",
            {"tables": tables},
        )
    ]
    for table, name, _ in constraints:
        writing.exec_driver_sql(
            f"ALTER TABLE {_quote(writing, table)} DROP CONSTRAINT {_quote(writing, name)}"
        )
    for name, _ in indexes:
        writing.exec_driver_sql(f"DROP INDEX {_quote(writing, name)}")
    return _Deferred(indexes, constraints)


def _restore_after_load(writing: Connection, deferred: _Deferred) -> None:
    for _, definition in deferred.indexes:
        writing.exec_driver_sql(definition)
    for table, name, definition in deferred.constraints:
        writing.exec_driver_sql(
            f"ALTER TABLE {_quote(writing, table)} "
            f"ADD CONSTRAINT {_quote(writing, name)} {definition}"
        )


def _advance_sequences(writing: Connection) -> None:
    """Move every key sequence past the largest copied key (new rows get fresh ids)."""
    for table in metadata.sorted_tables:
        column = table.autoincrement_column
        if column is None:
            continue
        name, table_name = _quote(writing, column.name), _quote(writing, table.name)
        writing.exec_driver_sql(
            f"SELECT setval(pg_get_serial_sequence(%(table)s, %(column)s), "
            f"COALESCE(MAX({name}), 0) + 1, false) FROM {table_name}",
            {"table": table.name, "column": column.name},
        )


def _prepare_target(writing: Connection) -> _Deferred | None:
    """Make the target ready for the load, after checking that it is empty.

    PostgreSQL: writers are locked out, the transaction's time zone is UTC
    (SQLite's timestamps are naive UTC text) and the secondary indexes and
    foreign keys are dropped (returned, to be restored). SQLite: foreign keys
    are checked at the commit (a member's consortium may come after it).
    """
    if writing.dialect.name == "postgresql":
        names = ", ".join(_quote(writing, table.name) for table in metadata.sorted_tables)
        writing.exec_driver_sql(f"LOCK TABLE {names} IN EXCLUSIVE MODE")
    occupied = _tables_with_rows(writing)
    if occupied:
        named = ", ".join(occupied[:4]) + (", …" if len(occupied) > 4 else "")
        raise CopyRefused(
            f"The target store is not empty ({named} hold rows): copy into a new, empty store"
        )
    if writing.dialect.name == "sqlite":
        writing.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        return None
    writing.exec_driver_sql("SET LOCAL TIME ZONE 'UTC'")
    return _drop_for_load(writing)


# -- the copy ------------------------------------------------------------------------------


def copy_store(
    source: Database,
    target: Database,
    *,
    batch: int = 2_000,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Copy every row of ``source`` into the empty store ``target``; rows copied per table.

    Both stores must be at the newest schema. Raises :class:`CopyRefused`
    (nothing written) when the target holds any row, the two are one store, or
    their schemas differ, and :class:`CopyFailed` (nothing written) when the
    target refuses the data. ``batch`` rows are read per round trip (memory
    grows with it); ``progress`` is called after each batch. The tables are
    reported under the target's names (the full text as ``doi_fts`` on SQLite).
    """
    if batch < 1:
        raise ValueError("batch must be at least 1")
    if source.engine.url == target.engine.url:
        raise CopyRefused("The source and the target are the same store")
    _check_revisions(source, target)
    driver_errors = (
        DBAPIError,
        source.engine.dialect.loaded_dbapi.Error,
        target.engine.dialect.loaded_dbapi.Error,
    )
    counts: dict[str, int] = {}
    step = "preparing the target"
    try:
        with source.snapshot() as reading, target.write() as writing:
            deferred = _prepare_target(writing)
            for table in metadata.sorted_tables:
                step = f"copying table {table.name}"
                counts.update(_copy_table(reading, writing, table, batch, progress))
            if deferred is not None:
                step = "restoring the target's indexes and foreign keys"
                _restore_after_load(writing, deferred)
                _advance_sequences(writing)
            step = "committing"
    except driver_errors as exc:
        detail = exc.orig if isinstance(exc, DBAPIError) else exc
        message = " ".join(str(detail).split())
        raise CopyFailed(
            f"The copy failed while {step}; nothing was written to the target: {message}"
        ) from exc
    target.analyze()
    return counts


def _copy_table(
    reading: Connection, writing: Connection, table: Table, batch: int, progress: Progress | None
) -> dict[str, int]:
    if reading.dialect.name == writing.dialect.name == "postgresql":
        return {table.name: _copy_postgres_table(reading, writing, table, progress)}
    plan = _plan(reading, writing, table)
    batches = _batches(reading, plan, batch)
    if writing.dialect.name == "postgresql":
        return {plan.name: _write_postgres(writing, plan, batches, progress)}
    return {plan.name: _write_sqlite(writing, plan, batches, progress)}
