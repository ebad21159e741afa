"""Writing many DOIs per statement, for imports.

The same rows as :mod:`doiregistry.storage.doi_records` writes one at a time
(a ``dois`` row, a ``doi_versions`` row per metadata change, a
``doi_changes`` entry stamped on the row as ``change_seq``), but with one
``executemany`` per table and batch. Callers pass DOIs that are unique within
one call.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Final

from sqlalchemy import Connection, Row, bindparam, func, select, update

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


def _record_changes(
    connection: Connection, changed: Sequence[tuple[int, str]], at: datetime
) -> list[int]:
    """Append one ``upsert`` per ``(doi_id, doi)`` and return the sequence numbers, in order."""
    result = connection.execute(
        doi_changes.insert().returning(doi_changes.c.seq, sort_by_parameter_order=True),
        [
            {"doi_id": doi_id, "doi": doi, "operation": "upsert", "at": at}
            for doi_id, doi in changed
        ],
    )
    return [int(seq) for seq in result.scalars()]


def insert_rows(
    connection: Connection, rows: Sequence[Mapping[str, Any]], at: datetime
) -> list[int]:
    """Insert new DOI rows (every row with the same keys) and return their ids, in order."""
    if not rows:
        return []
    result = connection.execute(
        dois.insert().returning(dois.c.id, sort_by_parameter_order=True),
        [{**row, "change_seq": 0} for row in rows],
    )
    ids = [int(doi_id) for doi_id in result.scalars()]
    seqs = _record_changes(
        connection, [(i, row["doi"]) for i, row in zip(ids, rows, strict=True)], at
    )
    connection.execute(
        update(dois)
        .where(
            dois.c.id.in_(ids),
            dois.c.id == doi_changes.c.doi_id,
            doi_changes.c.seq.between(min(seqs), max(seqs)),
        )
        .values(change_seq=doi_changes.c.seq)
    )
    return ids


def update_rows(connection: Connection, rows: Sequence[Mapping[str, Any]], at: datetime) -> None:
    """Update stored DOIs: each row has ``id``, ``doi`` and the same other column keys."""
    if not rows:
        return
    seqs = _record_changes(connection, [(row["id"], row["doi"]) for row in rows], at)
    params = [
        {
            **{key: value for key, value in row.items() if key not in ("id", "doi")},
            "row_id": row["id"],
            "change_seq": seq,
        }
        for row, seq in zip(rows, seqs, strict=True)
    ]
    connection.execute(update(dois).where(dois.c.id == bindparam("row_id")), params)


def insert_versions(connection: Connection, rows: Sequence[Mapping[str, Any]]) -> None:
    """Store metadata versions: ``doi_id``, ``version``, ``namespace``, ``xml``, ``created``."""
    if rows:
        connection.execute(doi_versions.insert(), list(rows))
