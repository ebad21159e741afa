"""Record access for prefixes and their assignment to members and repositories."""

from __future__ import annotations

from sqlalchemy import Connection, select

from doiregistry.storage.tables import client_prefixes


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
