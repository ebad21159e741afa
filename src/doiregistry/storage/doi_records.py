"""Record access for DOIs, their metadata versions and the store-wide change sequence."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, delete, func, select, update

from doiregistry.storage.tables import doi_changes, doi_versions, dois


def fetch(connection: Connection, doi: str, *, for_update: bool = False) -> Row[Any] | None:
    """The row of ``doi`` (any case), locked against concurrent writers when ``for_update``."""
    query = select(dois).where(dois.c.doi == doi.lower())
    if for_update and connection.dialect.name == "postgresql":
        query = query.with_for_update()
    return connection.execute(query).first()


#: PostgreSQL advisory lock taken by every writer of ``doi_changes`` (see record_change)
CHANGE_LOCK = 7_411_021


def lock_changes(connection: Connection) -> None:
    """Serialise writers of the change sequence until their transaction ends.

    On PostgreSQL, sequence numbers are handed out in call order but become
    visible in commit order; a reader catching up to sequence N could miss a
    smaller number committed later. Holding this lock from the first change
    to the commit makes both orders the same. (SQLite writers are serialised
    by ``BEGIN IMMEDIATE`` already.)
    """
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({CHANGE_LOCK})")


def record_change(
    connection: Connection, doi_id: int, doi: str, operation: str, at: datetime
) -> int:
    """Append to the change sequence and return the new sequence number.

    ``at`` is the row's new ``updated`` time, so that the change log also
    tells what a record's ``updated`` was at any earlier sequence number
    (cursor walks sorted by ``updated`` rely on it).
    """
    lock_changes(connection)
    result = connection.execute(
        doi_changes.insert().values(doi_id=doi_id, doi=doi, operation=operation, at=at)
    )
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def insert(connection: Connection, values: Mapping[str, Any]) -> int:
    """Insert a DOI row (``change_seq`` is filled in here) and return its id."""
    result = connection.execute(dois.insert().values(**values, change_seq=0))
    key = result.inserted_primary_key
    assert key is not None
    doi_id = int(key[0])
    seq = record_change(connection, doi_id, values["doi"], "upsert", values["updated"])
    connection.execute(update(dois).where(dois.c.id == doi_id).values(change_seq=seq))
    return doi_id


def update_row(connection: Connection, doi_id: int, doi: str, values: Mapping[str, Any]) -> None:
    """Update a DOI row and stamp it with a new change sequence number."""
    at = (
        values.get("updated")
        or connection.execute(select(dois.c.updated).where(dois.c.id == doi_id)).scalar_one()
    )
    seq = record_change(connection, doi_id, doi, "upsert", at)
    connection.execute(update(dois).where(dois.c.id == doi_id).values(**values, change_seq=seq))


def delete_row(connection: Connection, doi_id: int, doi: str, *, now: datetime) -> None:
    record_change(connection, doi_id, doi, "delete", now)
    connection.execute(delete(dois).where(dois.c.id == doi_id))


def add_version(
    connection: Connection, doi_id: int, xml: str, namespace: str | None, created: datetime
) -> int:
    """Store a new metadata version and return the resulting ``metadataVersion``."""
    count = connection.execute(
        select(func.count()).select_from(doi_versions).where(doi_versions.c.doi_id == doi_id)
    ).scalar_one()
    connection.execute(
        doi_versions.insert().values(
            doi_id=doi_id, version=count, namespace=namespace, xml=xml, created=created
        )
    )
    return int(count)


def versions(connection: Connection, doi_id: int) -> list[Row[Any]]:
    """Stored metadata versions of a DOI, oldest first."""
    return list(
        connection.execute(
            select(doi_versions)
            .where(doi_versions.c.doi_id == doi_id)
            .order_by(doi_versions.c.version)
        )
    )


def names_under_prefix(
    connection: Connection, client_id: str, prefix: str, *, exclude_state: str | None = None
) -> list[str]:
    """DOI names of a repository under one prefix."""
    query = select(dois.c.doi).where(dois.c.client_id == client_id, dois.c.prefix == prefix)
    if exclude_state is not None:
        query = query.where(dois.c.state != exclude_state)
    return [row.doi for row in connection.execute(query.order_by(dois.c.doi))]
