"""``include=`` side-loading (spec §1, §4.9, §6): the related resources a document's
``included`` carries, each once, those the caller may not see left out."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from fastapi import Request

from doiregistry.domain.errors import NotFound
from doiregistry.domain.principal import Principal
from doiregistry.formats.jsonapi_accounts import client_resource, provider_resource
from doiregistry.registry.container import Registry

T = TypeVar("T")


def include_names(value: str | None) -> frozenset[str]:
    """The names in an ``include`` value (comma-separated; callers ignore names they lack)."""
    return frozenset(part.strip() for part in (value or "").split(",") if part.strip())


def requested(request: Request) -> frozenset[str]:
    """The names the request's ``include`` asks for."""
    return include_names(request.query_params.get("include"))


def _visible(ids: Iterable[str], fetch: Callable[[str], T]) -> list[T]:
    found: list[T] = []
    for one_id in dict.fromkeys(ids):
        try:
            found.append(fetch(one_id))
        except NotFound:
            continue
    return found


def included_clients(
    registry: Registry, principal: Principal, client_ids: Iterable[str]
) -> list[dict[str, Any]]:
    """The ``clients`` resources of ``client_ids`` (``include=client``)."""
    records = _visible(client_ids, lambda one_id: registry.clients.get(principal, one_id))
    return [client_resource(record) for record in records]


def included_providers(
    registry: Registry, principal: Principal, provider_ids: Iterable[str]
) -> list[dict[str, Any]]:
    """The ``providers`` resources of ``provider_ids`` (``include=provider``)."""
    records = _visible(provider_ids, lambda one_id: registry.providers.get(principal, one_id))
    return [provider_resource(record) for record in records]
