"""Record access for prefixes and their assignment to members and repositories."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Join,
    Row,
    Select,
    delete,
    exists,
    func,
    select,
)

from doiregistry.storage.tables import client_prefixes, dois, prefixes, provider_prefixes


def client_has_prefix(connection: Connection, client_id: str, prefix: str) -> bool:
    """True if ``prefix`` is assigned to the repository ``client_id``."""
    row = connection.execute(
        select(client_prefixes.c.id).where(
            client_prefixes.c.client_id == client_id.lower(),
            client_prefixes.c.prefix == prefix.lower(),
        )
    ).first()
    return row is not None


def prefixes_of_client(connection: Connection, client_id: str) -> list[str]:
    """The repository's prefixes, in the order they were assigned."""
    rows = connection.execute(
        select(client_prefixes.c.prefix)
        .where(client_prefixes.c.client_id == client_id.lower())
        .order_by(client_prefixes.c.created, client_prefixes.c.prefix)
    )
    return [row.prefix for row in rows]


# -- the pool ------------------------------------------------------------------------------


def fetch_prefix(connection: Connection, prefix: str) -> Row[Any] | None:
    return connection.execute(select(prefixes).where(prefixes.c.prefix == prefix.lower())).first()


def insert_prefix(connection: Connection, prefix: str, created: datetime) -> None:
    connection.execute(prefixes.insert().values(prefix=prefix.lower(), created=created))


def delete_prefix(connection: Connection, prefix: str) -> None:
    """Remove a prefix from the pool together with its assignments."""
    connection.execute(delete(client_prefixes).where(client_prefixes.c.prefix == prefix))
    connection.execute(delete(provider_prefixes).where(provider_prefixes.c.prefix == prefix))
    connection.execute(delete(prefixes).where(prefixes.c.prefix == prefix))


def doi_count_under(connection: Connection, prefix: str) -> int:
    """How many DOIs (any state, any repository) use ``prefix``."""
    return int(
        connection.execute(
            select(func.count()).select_from(dois).where(dois.c.prefix == prefix.lower())
        ).scalar_one()
    )


def _linked_prefixes() -> Select[Any]:
    joined = prefixes.outerjoin(
        provider_prefixes, provider_prefixes.c.prefix == prefixes.c.prefix
    ).outerjoin(client_prefixes, client_prefixes.c.prefix == prefixes.c.prefix)
    return _linked_prefix_columns(joined)


def all_linked_prefixes(connection: Connection) -> list[Row[Any]]:
    """The whole pool, each prefix with its one provider and repository (or null)."""
    return list(connection.execute(_linked_prefixes()))


def fetch_linked_prefix(connection: Connection, prefix: str) -> Row[Any] | None:
    """One prefix with its provider and repository assignment (as :func:`all_linked_prefixes`)."""
    return connection.execute(_linked_prefixes().where(prefixes.c.prefix == prefix.lower())).first()


def _linked_prefix_columns(joined: Join) -> Select[Any]:
    return select(
        prefixes.c.prefix,
        prefixes.c.created,
        provider_prefixes.c.id.label("provider_prefix_id"),
        provider_prefixes.c.provider_id,
        client_prefixes.c.id.label("client_prefix_id"),
        client_prefixes.c.client_id,
    ).select_from(joined)


def free_pool_prefix(connection: Connection) -> str | None:
    """The oldest prefix of the pool that no provider holds."""
    row = connection.execute(
        select(prefixes.c.prefix)
        .where(~exists().where(provider_prefixes.c.prefix == prefixes.c.prefix))
        .order_by(prefixes.c.created, prefixes.c.prefix)
        .limit(1)
    ).first()
    return None if row is None else str(row.prefix)


# -- provider prefixes ---------------------------------------------------------------------


def _provider_prefix_columns() -> Select[Any]:
    return select(
        provider_prefixes,
        client_prefixes.c.id.label("client_prefix_id"),
        client_prefixes.c.client_id,
    ).select_from(
        provider_prefixes.outerjoin(
            client_prefixes, client_prefixes.c.provider_prefix_id == provider_prefixes.c.id
        )
    )


def fetch_provider_prefix(connection: Connection, provider_prefix_id: str) -> Row[Any] | None:
    """One provider-prefix with its repository assignment (``client_prefix_id``, ``client_id``)."""
    return connection.execute(
        _provider_prefix_columns().where(provider_prefixes.c.id == provider_prefix_id.lower())
    ).first()


def provider_prefix_of(connection: Connection, prefix: str) -> Row[Any] | None:
    """The provider-prefix that hands out ``prefix`` (at most one)."""
    return connection.execute(
        select(provider_prefixes).where(provider_prefixes.c.prefix == prefix.lower())
    ).first()


def insert_provider_prefix(connection: Connection, values: Mapping[str, Any]) -> None:
    connection.execute(provider_prefixes.insert().values(**values))


def delete_provider_prefix(connection: Connection, provider_prefix_id: str) -> None:
    """Remove a provider-prefix and the repository assignment made from it."""
    connection.execute(
        delete(client_prefixes).where(client_prefixes.c.provider_prefix_id == provider_prefix_id)
    )
    connection.execute(
        delete(provider_prefixes).where(provider_prefixes.c.id == provider_prefix_id)
    )


def delete_provider_prefixes_of(connection: Connection, provider_id: str) -> None:
    """Give every prefix of a provider back to the pool."""
    held = select(provider_prefixes.c.id).where(provider_prefixes.c.provider_id == provider_id)
    connection.execute(
        delete(client_prefixes).where(client_prefixes.c.provider_prefix_id.in_(held))
    )
    connection.execute(
        delete(provider_prefixes).where(provider_prefixes.c.provider_id == provider_id)
    )


def first_unused_provider_prefix(connection: Connection, provider_id: str) -> Row[Any] | None:
    """The provider's oldest prefix that no repository holds yet."""
    return connection.execute(
        select(provider_prefixes)
        .where(
            provider_prefixes.c.provider_id == provider_id,
            ~exists().where(client_prefixes.c.provider_prefix_id == provider_prefixes.c.id),
        )
        .order_by(provider_prefixes.c.created, provider_prefixes.c.prefix)
        .limit(1)
    ).first()


def all_provider_prefixes(connection: Connection) -> list[Row[Any]]:
    """Every provider-prefix (columns of :func:`fetch_provider_prefix`)."""
    return list(connection.execute(_provider_prefix_columns()))


def prefixes_of_providers(
    connection: Connection, provider_ids: Iterable[str]
) -> dict[str, list[str]]:
    """The prefixes each provider holds, in the order they were given."""
    wanted = sorted(set(provider_ids))
    result: dict[str, list[str]] = {provider_id: [] for provider_id in wanted}
    if not wanted:
        return result
    rows = connection.execute(
        select(provider_prefixes.c.provider_id, provider_prefixes.c.prefix)
        .where(provider_prefixes.c.provider_id.in_(wanted))
        .order_by(provider_prefixes.c.created, provider_prefixes.c.prefix)
    )
    for row in rows:
        result[row.provider_id].append(row.prefix)
    return result


# -- client prefixes -----------------------------------------------------------------------


def _client_prefix_columns() -> Select[Any]:
    return select(client_prefixes, provider_prefixes.c.provider_id).select_from(
        client_prefixes.join(
            provider_prefixes, provider_prefixes.c.id == client_prefixes.c.provider_prefix_id
        )
    )


def fetch_client_prefix(connection: Connection, client_prefix_id: str) -> Row[Any] | None:
    """One client-prefix with the provider of its provider-prefix (``provider_id``)."""
    return connection.execute(
        _client_prefix_columns().where(client_prefixes.c.id == client_prefix_id.lower())
    ).first()


def client_prefix_of(connection: Connection, prefix: str) -> Row[Any] | None:
    """The client-prefix that holds ``prefix`` (at most one)."""
    return connection.execute(
        select(client_prefixes).where(client_prefixes.c.prefix == prefix.lower())
    ).first()


def insert_client_prefix(connection: Connection, values: Mapping[str, Any]) -> None:
    connection.execute(client_prefixes.insert().values(**values))


def delete_client_prefix(connection: Connection, client_prefix_id: str) -> None:
    connection.execute(delete(client_prefixes).where(client_prefixes.c.id == client_prefix_id))


def delete_client_prefixes_of(connection: Connection, client_id: str) -> None:
    """Release every prefix of a repository (back to its provider)."""
    connection.execute(delete(client_prefixes).where(client_prefixes.c.client_id == client_id))


def all_client_prefixes(connection: Connection) -> list[Row[Any]]:
    """Every client-prefix (columns of :func:`fetch_client_prefix`)."""
    return list(connection.execute(_client_prefix_columns()))


def prefixes_of_clients(connection: Connection, client_ids: Iterable[str]) -> dict[str, list[str]]:
    """The prefixes each repository holds, in the order they were assigned."""
    wanted = sorted(set(client_ids))
    result: dict[str, list[str]] = {client_id: [] for client_id in wanted}
    if not wanted:
        return result
    rows = connection.execute(
        select(client_prefixes.c.client_id, client_prefixes.c.prefix)
        .where(client_prefixes.c.client_id.in_(wanted))
        .order_by(client_prefixes.c.created, client_prefixes.c.prefix)
    )
    for row in rows:
        result[row.client_id].append(row.prefix)
    return result
