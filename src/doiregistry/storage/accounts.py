"""Record access for staff, member (provider) and repository (client) accounts."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, Table, func, select, update

from doiregistry.storage.tables import clients, dois, providers, staff_accounts


def fetch_staff(connection: Connection, account_id: str) -> Row[Any] | None:
    return connection.execute(
        select(staff_accounts).where(staff_accounts.c.id == account_id.lower())
    ).first()


def set_staff_password(
    connection: Connection, account_id: str, password_hash: str, *, now: datetime
) -> None:
    """Create the staff account or replace its password hash."""
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


def symbol_taken(connection: Connection, table: Table, symbol: str) -> bool:
    """True if any provider/client row (deleted ones too) already uses ``symbol``."""
    row = connection.execute(
        select(table.c.id).where(func.upper(table.c.symbol) == symbol.upper())
    ).first()
    return row is not None


def all_providers(connection: Connection, *, deleted: bool = False) -> list[Row[Any]]:
    """Every provider row (soft-deleted ones only when asked); the lists filter in Python."""
    query = select(providers)
    if not deleted:
        query = query.where(providers.c.deleted_at.is_(None))
    return list(connection.execute(query))


def all_clients(connection: Connection, *, deleted: bool = False) -> list[Row[Any]]:
    """Every repository row (soft-deleted ones only when asked); the lists filter in Python."""
    query = select(clients)
    if not deleted:
        query = query.where(clients.c.deleted_at.is_(None))
    return list(connection.execute(query))


def account_names(connection: Connection) -> tuple[dict[str, str], dict[str, str]]:
    """The names of every provider and every repository (deleted ones too), by id."""
    provider_names = {
        row.id: row.name for row in connection.execute(select(providers.c.id, providers.c.name))
    }
    client_names = {
        row.id: row.name for row in connection.execute(select(clients.c.id, clients.c.name))
    }
    return provider_names, client_names


def providers_by_id(connection: Connection, provider_ids: Iterable[str]) -> dict[str, Row[Any]]:
    """Provider rows (deleted ones too) keyed by id."""
    wanted = sorted({p.lower() for p in provider_ids})
    if not wanted:
        return {}
    rows = connection.execute(select(providers).where(providers.c.id.in_(wanted)))
    return {row.id: row for row in rows}


def client_ids_of_providers(
    connection: Connection, provider_ids: Iterable[str]
) -> dict[str, list[str]]:
    """The live repositories of each provider, by name."""
    wanted = sorted(set(provider_ids))
    result: dict[str, list[str]] = {provider_id: [] for provider_id in wanted}
    if not wanted:
        return result
    rows = connection.execute(
        select(clients.c.id, clients.c.provider_id)
        .where(clients.c.provider_id.in_(wanted), clients.c.deleted_at.is_(None))
        .order_by(func.lower(clients.c.name), clients.c.id)
    )
    for row in rows:
        result[row.provider_id].append(row.id)
    return result


def organization_ids_of_consortia(
    connection: Connection, consortium_ids: Iterable[str]
) -> dict[str, list[str]]:
    """The live consortium organisations of each consortium, by display name."""
    wanted = sorted(set(consortium_ids))
    result: dict[str, list[str]] = {consortium_id: [] for consortium_id in wanted}
    if not wanted:
        return result
    rows = connection.execute(
        select(providers.c.id, providers.c.consortium_id)
        .where(providers.c.consortium_id.in_(wanted), providers.c.deleted_at.is_(None))
        .order_by(func.lower(providers.c.display_name), providers.c.id)
    )
    for row in rows:
        result[row.consortium_id].append(row.id)
    return result


def live_client_count(connection: Connection, provider_id: str) -> int:
    """How many repositories of ``provider_id`` are not deleted."""
    return int(
        connection.execute(
            select(func.count())
            .select_from(clients)
            .where(clients.c.provider_id == provider_id, clients.c.deleted_at.is_(None))
        ).scalar_one()
    )


def client_doi_count(connection: Connection, client_id: str) -> int:
    """How many DOIs (any state) the repository holds."""
    return int(
        connection.execute(
            select(func.count()).select_from(dois).where(dois.c.client_id == client_id)
        ).scalar_one()
    )
