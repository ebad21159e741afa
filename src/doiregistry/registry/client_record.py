"""A repository (DataCite "client") as the services hand it out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Row

from doiregistry.registry.account_access import PUBLIC, Access


@dataclass(frozen=True)
class ClientRecord:
    """One repository row plus its prefixes and the consortium of its provider.

    ``attributes`` holds every JSON:API attribute without a column of its own,
    keyed in camelCase (``description``, ``re3data``, ``serviceContact`` …).
    ``doi_count`` is filled only where a response shows it.
    """

    id: str
    symbol: str
    provider_id: str
    consortium_id: str | None
    name: str
    system_email: str | None
    client_type: str
    domains: str
    has_password: bool
    is_active: bool
    attributes: dict[str, Any]
    created: datetime
    updated: datetime
    prefixes: tuple[str, ...] = ()
    access: Access = field(default=PUBLIC)
    doi_count: int | None = None

    @classmethod
    def from_row(
        cls,
        row: Row[Any],
        *,
        consortium_id: str | None = None,
        prefixes: list[str] | None = None,
        access: Access = PUBLIC,
        doi_count: int | None = None,
    ) -> ClientRecord:
        return cls(
            id=row.id,
            symbol=row.symbol,
            provider_id=row.provider_id,
            consortium_id=consortium_id,
            name=row.name,
            system_email=row.system_email,
            client_type=row.client_type,
            domains=row.domains,
            has_password=bool(row.password_hash),
            is_active=bool(row.is_active),
            attributes=dict(row.attributes or {}),
            created=row.created,
            updated=row.updated,
            prefixes=tuple(prefixes or ()),
            access=access,
            doi_count=doi_count,
        )

    @property
    def year(self) -> int:
        return self.created.year

    def state(self) -> dict[str, Any]:
        """Every writable attribute by its JSON:API name (the base an update is merged onto)."""
        values = dict(self.attributes)
        values.update(
            symbol=self.symbol,
            name=self.name,
            systemEmail=self.system_email,
            clientType=self.client_type,
            domains=self.domains,
            isActive=self.is_active,
        )
        return values
