"""Writing many DOIs per statement, for imports.

The same rows as :mod:`doiregistry.storage.doi_records` writes one at a time
(a ``dois`` row, a ``doi_versions`` row per metadata change, a
``doi_changes`` entry stamped on the row as ``change_seq``), but with one
``executemany`` per table and batch, and every row written once: keys and
sequence numbers are allocated first (:func:`allocate_keys`). Callers pass
DOIs that are unique within one call, inside a write transaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Final

from sqlalchemy import Column, Connection, Row, bindparam, func, select, update

from doiregistry.storage.tables import doi_changes, doi_versions, dois

#: the columns an import compares a record against
EXISTING_COLUMNS: Final = (
    dois.c.id,
    dois.c.doi,
    dois.c.client_id,
    dois.c.state,
    dois.c.url,
    dois.c.xml,
    dois.c.attributes,
    dois.c.schema_version,
    dois.c.metadata_version,
    dois.c.source,
    dois.c.reason,
    dois.c.content_url,
    dois.c.landing_page,
    dois.c.registered,
)


def existing(connection: Connection, names: Sequence[str]) -> dict[str, Row[Any]]:
    """The stored rows among the (lower-case) DOI ``names``, by DOI; locked on PostgreSQL."""
    if not names:
        return {}
    query = select(*EXISTING_COLUMNS).where(dois.c.doi.in_(list(names)))
    if connection.dialect.name == "postgresql":
        query = query.with_for_update()
    rows: list[Row[Any]] = list(connection.execute(query))
    return {row.doi: row for row in rows}


def version_counts(connection: Connection, doi_ids: Sequence[int]) -> dict[int, int]:
    """How many metadata versions each DOI has (DOIs without any are left out)."""
    if not doi_ids:
        return {}
    rows = connection.execute(
        select(doi_versions.c.doi_id, func.count())
        .where(doi_versions.c.doi_id.in_(list(doi_ids)))
        .group_by(doi_versions.c.doi_id)
    )
    return {int(doi_id): int(count) for doi_id, count in rows}


def allocate_keys(connection: Connection, column: Column[int], count: int) -> list[int]:
    """``count`` new values of an auto-incrementing key, taken before the rows are written.

    PostgreSQL draws them from the column's sequence; on SQLite, whose write
    transactions exclude each other (``BEGIN IMMEDIATE``), they follow the
    largest key, as SQLite itself would number them. Writing rows with their
    keys (and ``change_seq``) known spares a second write of every row.
    """
    if count <= 0:
        return []
    table = column.table
    if connection.dialect.name == "postgresql":
        sequence = func.pg_get_serial_sequence(table.name, column.name)
        rows = connection.execute(
            select(func.nextval(sequence)).select_from(func.generate_series(1, count))
        )
        return sorted(int(value) for value in rows.scalars())
    largest = connection.execute(select(func.coalesce(func.max(column), 0))).scalar_one()
    return list(range(int(largest) + 1, int(largest) + 1 + count))


def _record_changes(
    connection: Connection, changes: Sequence[Mapping[str, Any]], at: datetime
) -> None:
    connection.execute(
        doi_changes.insert(),
        [{**change, "operation": "upsert", "at": at} for change in changes],
    )


def insert_rows(
    connection: Connection, rows: Sequence[Mapping[str, Any]], at: datetime
) -> dict[str, int]:
    """Insert new DOI rows (every row with the same keys); their ids by DOI."""
    if not rows:
        return {}
    ids = allocate_keys(connection, dois.c.id, len(rows))
    seqs = allocate_keys(connection, doi_changes.c.seq, len(rows))
    connection.execute(
        dois.insert(),
        [
            {**row, "id": doi_id, "change_seq": seq}
            for row, doi_id, seq in zip(rows, ids, seqs, strict=True)
        ],
    )
    _record_changes(
        connection,
        [
            {"seq": seq, "doi_id": doi_id, "doi": row["doi"]}
            for row, doi_id, seq in zip(rows, ids, seqs, strict=True)
        ],
        at,
    )
    return {row["doi"]: doi_id for row, doi_id in zip(rows, ids, strict=True)}


def update_rows(connection: Connection, rows: Sequence[Mapping[str, Any]], at: datetime) -> None:
    """Update stored DOIs: each row has ``id``, ``doi`` and the same other column keys."""
    if not rows:
        return
    seqs = allocate_keys(connection, doi_changes.c.seq, len(rows))
    params = [
        {
            **{key: value for key, value in row.items() if key not in ("id", "doi")},
            "row_id": row["id"],
            "change_seq": seq,
        }
        for row, seq in zip(rows, seqs, strict=True)
    ]
    connection.execute(update(dois).where(dois.c.id == bindparam("row_id")), params)
    _record_changes(
        connection,
        [
            {"seq": seq, "doi_id": row["id"], "doi": row["doi"]}
            for row, seq in zip(rows, seqs, strict=True)
        ],
        at,
    )


def insert_versions(connection: Connection, rows: Sequence[Mapping[str, Any]]) -> None:
    """Store metadata versions: ``doi_id``, ``version``, ``namespace``, ``xml``, ``created``."""
    if rows:
        connection.execute(doi_versions.insert(), list(rows))
