"""``GET /prefixes``, ``/provider-prefixes``, ``/client-prefixes`` (and ``/repository-prefixes``):
query, filters, sorts and facets (spec §8).

As in DataCite, ``query`` matches the start of the prefix (``10.54`` finds
``10.5438``; a trailing ``*`` is allowed). Prefixes sort by ``name`` (the
prefix, the default), ``-name``, ``created``, ``-created`` or ``relevance``
(the same as ``name``: every match is as good); the assignment lists by
``-created`` (newest first, the default), ``created``, ``name`` or ``-name``.
Ties go by prefix, which is unique in every list.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from sqlalchemy import Connection, Row

from doiregistry.domain.account_queries import (
    ClientPrefixQuery,
    ListQuery,
    PrefixQuery,
    ProviderPrefixQuery,
)
from doiregistry.search.accounts import facets
from doiregistry.search.accounts.steps import (
    Hit,
    Order,
    any_of,
    arrange,
    choices,
    folded,
    in_years,
    year_range,
)
from doiregistry.search.query.tokens import fold
from doiregistry.storage import accounts, prefix_records, record_rows

PREFIX_STATES: Final = ("with-repository", "without-repository", "unassigned")
Facets = dict[str, list[dict[str, Any]]]
Found = tuple[list[Hit[Row[Any]]], Facets]

PREFIX_ORDERS: Final[dict[str, Order[Row[Any]]]] = {
    "name": (lambda h: h.item.prefix, False),
    "-name": (lambda h: h.item.prefix, True),
    "created": (lambda h: (h.item.created, h.item.prefix), False),
    "-created": (lambda h: (h.item.created, h.item.prefix), True),
    "relevance": (lambda h: h.item.prefix, False),
}
ASSIGNMENT_ORDERS: Final[dict[str, Order[Row[Any]]]] = {
    key: PREFIX_ORDERS[key] for key in ("name", "-name", "created", "-created")
}


def _starts(query: str | None) -> str | None:
    """The prefix a ``query`` asks for (``None``: everything)."""
    text = fold((query or "").strip()).rstrip("*")
    return text or None


def _matches(start: str | None, prefix: str) -> bool:
    return start is None or prefix.startswith(start)


def _lowered(value: str | None) -> str | None:
    return value.strip().lower() if value else None


def _shared_filters(query: ListQuery) -> Callable[[Row[Any]], bool]:
    """The ``query`` (the start of the prefix) and ``year`` filters of every prefix list."""
    start = _starts(query.query)
    years = year_range(query.year)
    return lambda row: _matches(start, row.prefix) and in_years(row.created, years)


def prefix_state(row: Row[Any]) -> str:
    return record_rows.prefix(row).state


def _assignment_state(row: Row[Any]) -> str:
    return "with-repository" if row.client_id else "without-repository"


def _holder_facets(connection: Connection, rows: list[Row[Any]]) -> dict[str, Any]:
    """The ``providers`` and ``clients`` facets of prefix rows (either may be unassigned)."""
    provider_names, client_names = accounts.account_names(connection)
    return {
        "providers": facets.terms(
            (facets.one(row.provider_id) for row in rows), facets.named(provider_names)
        ),
        "clients": facets.terms(
            (facets.one(row.client_id) for row in rows), facets.named(client_names)
        ),
    }


def search_prefixes(connection: Connection, query: PrefixQuery) -> Found:
    """Every prefix of the pool that matches ``query``, in order, and their facets."""
    choices("state", query.states, PREFIX_STATES)
    shared = _shared_filters(query)
    states = folded(query.states)
    provider_ids = folded(query.provider_ids)
    client_ids = folded(query.client_ids)
    hits = [
        Hit(row)
        for row in prefix_records.all_linked_prefixes(connection)
        if shared(row)
        and any_of(states, [prefix_state(row)])
        and any_of(provider_ids, [row.provider_id])
        and any_of(client_ids, [row.client_id])
    ]
    hits = arrange(hits, query.sort, PREFIX_ORDERS, "name")
    if not hits:
        return hits, {}
    rows = [hit.item for hit in hits]
    return hits, {
        "years": facets.years(row.created for row in rows),
        "states": facets.terms(([prefix_state(row)] for row in rows), facets.titleize, size=3),
        **_holder_facets(connection, rows),
    }


def search_provider_prefixes(connection: Connection, query: ProviderPrefixQuery) -> Found:
    """Every provider-prefix that matches ``query``, in order, and their facets."""
    choices("state", query.states, PREFIX_STATES[:2])
    shared = _shared_filters(query)
    states = folded(query.states)
    prefix = _lowered(query.prefix_id)
    provider_ids = folded(query.provider_ids)
    organizations = folded(query.consortium_organization_ids)
    consortium = _lowered(query.consortium_id)
    providers = {row.id: row for row in accounts.all_providers(connection, deleted=True)}

    def consortium_of(provider_id: str) -> str | None:
        owner = providers.get(provider_id)
        return None if owner is None else owner.consortium_id

    hits = [
        Hit(row)
        for row in prefix_records.all_provider_prefixes(connection)
        if shared(row)
        and any_of(states, [_assignment_state(row)])
        and (prefix is None or row.prefix == prefix)
        and any_of(provider_ids, [row.provider_id])
        and any_of(organizations, [row.provider_id])
        and (consortium is None or consortium_of(row.provider_id) == consortium)
    ]
    hits = arrange(hits, query.sort, ASSIGNMENT_ORDERS, "-created")
    if not hits:
        return hits, {}
    names = {provider_id: row.name for provider_id, row in providers.items()}
    rows = [hit.item for hit in hits]
    return hits, {
        "years": facets.years(row.created for row in rows),
        "states": facets.terms(([_assignment_state(row)] for row in rows), facets.titleize, size=2),
        "providers": facets.terms(([row.provider_id] for row in rows), facets.named(names)),
    }


def search_client_prefixes(connection: Connection, query: ClientPrefixQuery) -> Found:
    """Every client-prefix that matches ``query``, in order, and their facets."""
    shared = _shared_filters(query)
    prefix = _lowered(query.prefix_id)
    client_ids = folded(query.client_ids)
    provider_ids = folded(query.provider_ids)
    hits = [
        Hit(row)
        for row in prefix_records.all_client_prefixes(connection)
        if shared(row)
        and (prefix is None or row.prefix == prefix)
        and any_of(client_ids, [row.client_id])
        and any_of(provider_ids, [row.provider_id])
    ]
    hits = arrange(hits, query.sort, ASSIGNMENT_ORDERS, "-created")
    if not hits:
        return hits, {}
    rows = [hit.item for hit in hits]
    return hits, {
        "years": facets.years(row.created for row in rows),
        **_holder_facets(connection, rows),
    }
