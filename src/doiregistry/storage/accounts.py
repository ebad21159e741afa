"""Record access for staff, member (provider) and repository (client) accounts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, Row, select, update

from doiregistry.storage.column_types import utcnow
from doiregistry.storage.tables import clients, providers, staff_accounts


def fetch_staff(connection: Connection, account_id: str) -> Row[Any] | None:
    return connection.execute(
        select(staff_accounts).where(staff_accounts.c.id == account_id.lower())
    ).first()


def set_staff_password(connection: Connection, account_id: str, password_hash: str) -> None:
    """Create the staff account or replace its password hash."""
    now = utcnow()
    changed = connection.execute(
        update(staff_accounts)
        .where(staff_accounts.c.id == account_id.lower())
        .values(password_hash=password_hash, updated=now)
    ).rowcount
    if not changed:
        connection.execute(
            staff_accounts.insert().values(
                id=account_id.lower(), password_hash=password_hash, created=now, updated=now
            )
        )


def fetch_provider(
    connection: Connection, provider_id: str, *, deleted: bool = False
) -> Row[Any] | None:
    query = select(providers).where(providers.c.id == provider_id.lower())
    if not deleted:
        query = query.where(providers.c.deleted_at.is_(None))
    return connection.execute(query).first()


def fetch_client(
    connection: Connection, client_id: str, *, deleted: bool = False
) -> Row[Any] | None:
    query = select(clients).where(clients.c.id == client_id.lower())
    if not deleted:
        query = query.where(clients.c.deleted_at.is_(None))
    return connection.execute(query).first()


def consortium_member_ids(connection: Connection, consortium_id: str) -> list[str]:
    """Ids of the live members whose consortium is ``consortium_id``."""
    rows = connection.execute(
        select(providers.c.id).where(
            providers.c.consortium_id == consortium_id, providers.c.deleted_at.is_(None)
        )
    )
    return [row.id for row in rows]


def insert_provider(connection: Connection, values: Mapping[str, Any]) -> None:
    connection.execute(providers.insert().values(**values))


def update_provider(connection: Connection, provider_id: str, values: Mapping[str, Any]) -> None:
    connection.execute(update(providers).where(providers.c.id == provider_id).values(**values))


def insert_client(connection: Connection, values: Mapping[str, Any]) -> None:
    connection.execute(clients.insert().values(**values))


def update_client(connection: Connection, client_id: str, values: Mapping[str, Any]) -> None:
    connection.execute(update(clients).where(clients.c.id == client_id).values(**values))
