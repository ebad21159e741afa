"""Prefixes, provider-prefixes and client-/repository-prefixes as JSON:API resources (spec §8)."""

from __future__ import annotations

from typing import Any, Literal

from doiregistry.domain.prefix_record import (
    ClientPrefixRecord,
    PrefixRecord,
    ProviderPrefixRecord,
)
from doiregistry.formats.timestamps import iso_millis

ClientPrefixShape = Literal["client-prefixes", "repository-prefixes"]


def _one(kind: str, resource_id: str | None) -> dict[str, Any]:
    return {"data": {"id": resource_id, "type": kind} if resource_id else None}


def _many(kind: str, resource_id: str | None) -> dict[str, Any]:
    return {"data": [{"id": resource_id, "type": kind}] if resource_id else []}


def prefix_resource(record: PrefixRecord) -> dict[str, Any]:
    """One ``prefixes`` resource (id = the prefix)."""
    return {
        "id": record.prefix,
        "type": "prefixes",
        "attributes": {"prefix": record.prefix, "createdAt": iso_millis(record.created)},
        "relationships": {
            "clients": _many("clients", record.client_id),
            "providers": _many("providers", record.provider_id),
            "clientPrefixes": _many("client-prefixes", record.client_prefix_id),
            "providerPrefixes": _many("provider-prefixes", record.provider_prefix_id),
        },
    }


def provider_prefix_resource(record: ProviderPrefixRecord) -> dict[str, Any]:
    """One ``provider-prefixes`` resource (id = a UUID)."""
    return {
        "id": record.id,
        "type": "provider-prefixes",
        "attributes": {
            "createdAt": iso_millis(record.created),
            "updatedAt": iso_millis(record.updated),
        },
        "relationships": {
            "provider": _one("providers", record.provider_id),
            "prefix": _one("prefixes", record.prefix),
            "clients": _many("clients", record.client_id),
            "clientPrefixes": _many("client-prefixes", record.client_prefix_id),
        },
    }


def client_prefix_resource(
    record: ClientPrefixRecord, shape: ClientPrefixShape = "client-prefixes"
) -> dict[str, Any]:
    """One ``client-prefixes`` or ``repository-prefixes`` resource (id = a UUID)."""
    holder = (
        {"client": _one("clients", record.client_id)}
        if shape == "client-prefixes"
        else {"repository": _one("repositories", record.client_id)}
    )
    return {
        "id": record.id,
        "type": shape,
        "attributes": {
            "createdAt": iso_millis(record.created),
            "updatedAt": iso_millis(record.updated),
        },
        "relationships": {
            **holder,
            "provider": _one("providers", record.provider_id),
            "providerPrefix": _one("provider-prefixes", record.provider_prefix_id),
            "prefix": _one("prefixes", record.prefix),
        },
    }
