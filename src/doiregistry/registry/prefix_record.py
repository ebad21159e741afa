"""Prefixes and their assignments (provider-prefixes, client-prefixes) as plain values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Row


@dataclass(frozen=True)
class PrefixRecord:
    """A prefix of the pool and who holds it (a prefix has at most one of each)."""

    prefix: str
    created: datetime
    provider_id: str | None = None
    provider_prefix_id: str | None = None
    client_id: str | None = None
    client_prefix_id: str | None = None

    @classmethod
    def from_row(cls, row: Row[Any]) -> PrefixRecord:
        return cls(
            prefix=row.prefix,
            created=row.created,
            provider_id=row.provider_id,
            provider_prefix_id=row.provider_prefix_id,
            client_id=row.client_id,
            client_prefix_id=row.client_prefix_id,
        )

    @property
    def state(self) -> str:
        if self.client_id:
            return "with-repository"
        return "without-repository" if self.provider_id else "unassigned"


@dataclass(frozen=True)
class ProviderPrefixRecord:
    """A prefix handed to a provider, and the repository it went on to (if any)."""

    id: str
    provider_id: str
    prefix: str
    created: datetime
    updated: datetime
    client_id: str | None = None
    client_prefix_id: str | None = None

    @classmethod
    def from_row(cls, row: Row[Any]) -> ProviderPrefixRecord:
        return cls(
            id=row.id,
            provider_id=row.provider_id,
            prefix=row.prefix,
            created=row.created,
            updated=row.updated,
            client_id=row.client_id,
            client_prefix_id=row.client_prefix_id,
        )


@dataclass(frozen=True)
class ClientPrefixRecord:
    """A prefix a provider gave to one of its repositories."""

    id: str
    client_id: str
    provider_id: str
    provider_prefix_id: str
    prefix: str
    created: datetime
    updated: datetime

    @classmethod
    def from_row(cls, row: Row[Any]) -> ClientPrefixRecord:
        return cls(
            id=row.id,
            client_id=row.client_id,
            provider_id=row.provider_id,
            provider_prefix_id=row.provider_prefix_id,
            prefix=row.prefix,
            created=row.created,
            updated=row.updated,
        )
