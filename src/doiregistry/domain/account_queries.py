"""What a caller asks of the repository, member and prefix lists, as plain values
(spec §6.3, §7, §8).

The HTTP layer fills these from query parameters (comma-separated ones as
lists); the list services check and apply them. Different parameters combine
with AND; the values of one comma-separated parameter with OR.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

Values = Sequence[str] | None


@dataclass(frozen=True)
class ListQuery:
    """What every repository, member and prefix list takes: the ``query``, the ``sort`` and
    ``year`` (the years of creation)."""

    query: str | None = None
    sort: str | None = None
    year: Values = None


@dataclass(frozen=True)
class AccountQuery(ListQuery):
    """What the repository and member lists also take: ``ids``, an updated window
    (``from-date``, ``until-date``), ``consortium-id`` and ``include-deleted``."""

    ids: Values = None
    from_date: str | None = None
    until_date: str | None = None
    consortium_id: str | None = None
    include_deleted: bool = False


@dataclass(frozen=True)
class ClientQuery(AccountQuery):
    """``GET /clients`` and ``GET /repositories``."""

    provider_ids: Values = None
    re3data_id: str | None = None
    opendoar_id: str | None = None
    software: Values = None
    certificates: Values = None
    repository_types: Values = None
    client_types: Values = None


@dataclass(frozen=True)
class ProviderQuery(AccountQuery):
    """``GET /providers``."""

    regions: Values = None
    member_types: Values = None
    organization_types: Values = None
    focus_areas: Values = None
    non_profit_statuses: Values = None
    has_required_contacts: str | None = None


@dataclass(frozen=True)
class PrefixQuery(ListQuery):
    """``GET /prefixes``; ``query`` matches the start of the prefix."""

    states: Values = None
    provider_ids: Values = None
    client_ids: Values = None


@dataclass(frozen=True)
class ProviderPrefixQuery(ListQuery):
    """``GET /provider-prefixes``; ``query`` matches the start of the prefix."""

    states: Values = None
    prefix_id: str | None = None
    provider_ids: Values = None
    consortium_organization_ids: Values = None
    consortium_id: str | None = None


@dataclass(frozen=True)
class ClientPrefixQuery(ListQuery):
    """``GET /client-prefixes`` and ``/repository-prefixes``."""

    prefix_id: str | None = None
    client_ids: Values = None
    provider_ids: Values = None
