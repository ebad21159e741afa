"""Prefixes and their assignments (provider-prefixes, client-prefixes) as plain values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class PrefixRecord:
    """A prefix of the pool and who holds it (a prefix has at most one of each)."""

    prefix: str
    created: datetime
    provider_id: str | None = None
    provider_prefix_id: str | None = None
    client_id: str | None = None
    client_prefix_id: str | None = None

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
