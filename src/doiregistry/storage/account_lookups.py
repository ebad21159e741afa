"""Small read-only look-ups of accounts that search and facets need (names, types, certificates)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from doiregistry.storage.tables import clients, providers


@dataclass(frozen=True)
class ClientFacetRow:
    id: str
    name: str
    client_type: str
    certificates: list[str]


def provider_names(connection: Connection) -> dict[str, str]:
    """Display names of all members (deleted ones included: their DOIs may remain)."""
    rows = connection.execute(select(providers.c.id, providers.c.display_name, providers.c.name))
    return {row.id: row.display_name or row.name for row in rows}


def client_facet_rows(connection: Connection) -> list[ClientFacetRow]:
    """Name, type and certificates of every repository."""
    rows = connection.execute(
        select(clients.c.id, clients.c.name, clients.c.client_type, clients.c.attributes)
    )
    out = []
    for row in rows:
        attributes: dict[str, Any] = row.attributes or {}
        certificates = attributes.get("certificate") or []
        out.append(
            ClientFacetRow(
                row.id,
                row.name,
                row.client_type or "repository",
                [str(c) for c in certificates] if isinstance(certificates, list) else [],
            )
        )
    return out
