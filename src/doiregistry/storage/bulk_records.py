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


def _record_changes(connection: Connection, changed: Mapping[int, str], at: datetime) -> None:
    """Append one ``upsert`` per ``doi_id: doi`` and stamp each row with its sequence number."""
    connection.execute(
        doi_changes.insert(),
        [
            {"doi_id": doi_id, "doi": doi, "operation": "upsert", "at": at}
            for doi_id, doi in changed.items()
        ],
    )
    latest = (
        select(func.max(doi_changes.c.seq))
        .where(doi_changes.c.doi_id == dois.c.id)
        .scalar_subquery()
    )
    connection.execute(update(dois).where(dois.c.id.in_(list(changed))).values(change_seq=latest))


def insert_rows(
    connection: Connection, rows: Sequence[Mapping[str, Any]], at: datetime
) -> dict[str, int]:
    """Insert new DOI rows (every row with the same keys); their ids by DOI."""
    if not rows:
        return {}
    connection.execute(dois.insert(), [{**row, "change_seq": 0} for row in rows])
    names = [row["doi"] for row in rows]
    ids = {
        doi: int(doi_id)
        for doi_id, doi in connection.execute(
            select(dois.c.id, dois.c.doi).where(dois.c.doi.in_(names))
        )
    }
    _record_changes(connection, {ids[doi]: doi for doi in names}, at)
    return ids


def update_rows(connection: Connection, rows: Sequence[Mapping[str, Any]], at: datetime) -> None:
    """Update stored DOIs: each row has ``id``, ``doi`` and the same other column keys."""
    if not rows:
        return
    params = [
        {
            **{key: value for key, value in row.items() if key not in ("id", "doi")},
            "row_id": row["id"],
        }
        for row in rows
    ]
    connection.execute(update(dois).where(dois.c.id == bindparam("row_id")), params)
    _record_changes(connection, {row["id"]: row["doi"] for row in rows}, at)


def insert_versions(connection: Connection, rows: Sequence[Mapping[str, Any]]) -> None:
    """Store metadata versions: ``doi_id``, ``version``, ``namespace``, ``xml``, ``created``."""
    if rows:
        connection.execute(doi_versions.insert(), list(rows))
