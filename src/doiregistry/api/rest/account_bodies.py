"""Reading the JSON:API write documents (``{"data": {...}}``) of accounts and prefixes into the
typed inputs of the account and prefix services.

Attribute and relationship names are accepted in camelCase, snake_case or
dash-case (DataCite normalises keys the same way) and handed on in camelCase;
related ids are trimmed and lower-cased. A document that is not JSON:API, or
not of the route's resource type, is a 400.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

from doiregistry.domain.errors import BadRequest
from doiregistry.domain.nul_text import NUL_IN_BODY, has_nul
from doiregistry.registry.accounts.client_rules import ClientPayload
from doiregistry.registry.accounts.provider_rules import UNSET, ProviderPayload

NOT_JSONAPI: Final = "You need to provide a payload following the JSONAPI spec"
PROVIDER_TYPES: Final = ("providers",)
CLIENT_TYPES: Final = ("clients", "repositories")
PREFIX_TYPES: Final = ("prefixes",)
PROVIDER_PREFIX_TYPES: Final = ("provider-prefixes", "provider_prefixes")
CLIENT_PREFIX_TYPES: Final = ("client-prefixes", "client_prefixes", "repository-prefixes")


def camel_case(name: str) -> str:
    """``system_email`` / ``system-email`` / ``systemEmail`` → ``systemEmail``."""
    head, *rest = name.replace("-", "_").split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


@dataclass(frozen=True)
class ResourceObject:
    """The parts of one resource object that a write uses."""

    type: str | None = None
    id: str | None = None
    attributes: dict[str, Any] = field(default_factory=dict)
    #: relationship name → the related id (``None`` for ``{"data": null}``)
    relationships: dict[str, str | None] = field(default_factory=dict)

    def related(self, name: str) -> str | None:
        value = self.relationships.get(name)
        return value.strip().lower() if value else None


@dataclass(frozen=True)
class ProviderPrefixPayload:
    """``POST /provider-prefixes``: the provider and the pool prefix it takes."""

    provider_id: str | None
    prefix: str | None


@dataclass(frozen=True)
class ClientPrefixPayload:
    """``POST /client-prefixes``: the repository, and the prefix or provider-prefix it gets."""

    client_id: str | None
    prefix: str | None
    provider_prefix_id: str | None


def _related_id(name: str, value: Any) -> str | None:
    if not isinstance(value, dict) or "data" not in value:
        raise BadRequest(f"Relationship {name} must be an object with a data member.")
    data = value["data"]
    if data is None:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("id"), str | int):
        raise BadRequest(f"Relationship {name} must name the related resource by id.")
    return str(data["id"])


def read_resource(body: Any, types: tuple[str, ...]) -> ResourceObject:
    """The resource object of ``body``; 400 when it is not a JSON:API document of ``types``."""
    if not isinstance(body, dict) or not isinstance(body.get("data"), dict):
        raise BadRequest(NOT_JSONAPI)
    if has_nul(body):
        raise BadRequest(NUL_IN_BODY)
    data: dict[str, Any] = body["data"]
    kind = data.get("type")
    if kind is not None and kind not in types:
        raise BadRequest(f"The resource type must be {' or '.join(types)}, not {kind!r}.")
    attributes = data.get("attributes", {})
    if attributes is None:
        attributes = {}
    if not isinstance(attributes, dict):
        raise BadRequest("data.attributes must be an object.")
    relationships = data.get("relationships", {}) or {}
    if not isinstance(relationships, dict):
        raise BadRequest("data.relationships must be an object.")
    resource_id = data.get("id")
    return ResourceObject(
        type=kind,
        id=str(resource_id) if isinstance(resource_id, str | int) else None,
        attributes={camel_case(str(key)): value for key, value in attributes.items()},
        relationships={
            camel_case(str(key)): _related_id(str(key), value)
            for key, value in relationships.items()
        },
    )


def provider_payload(body: Any) -> ProviderPayload:
    """A provider write; the consortium stays as it is unless the relationship is sent."""
    resource = read_resource(body, PROVIDER_TYPES)
    sent = "consortium" in resource.relationships
    return ProviderPayload(resource.attributes, resource.related("consortium") if sent else UNSET)


def client_payload(body: Any) -> ClientPayload:
    """A repository write (``clients`` or ``repositories``)."""
    resource = read_resource(body, CLIENT_TYPES)
    return ClientPayload(resource.attributes, resource.related("provider"))


def pool_prefix(body: Any) -> str:
    """``POST /prefixes``: the prefix, as the id or a ``prefix`` or ``uid`` attribute
    (empty when none is sent, which the service refuses)."""
    resource = read_resource(body, PREFIX_TYPES)
    value = resource.id or resource.attributes.get("prefix") or resource.attributes.get("uid")
    return str(value) if value is not None else ""


def provider_prefix_payload(body: Any) -> ProviderPrefixPayload:
    resource = read_resource(body, PROVIDER_PREFIX_TYPES)
    return ProviderPrefixPayload(resource.related("provider"), resource.related("prefix"))


def client_prefix_payload(body: Any, holder: str = "client") -> ClientPrefixPayload:
    """The repository is the ``holder`` relationship (``client`` or ``repository``), else
    whichever of the two is sent."""
    resource = read_resource(body, CLIENT_PREFIX_TYPES)
    return ClientPrefixPayload(
        resource.related(holder) or resource.related("client") or resource.related("repository"),
        resource.related("prefix"),
        resource.related("providerPrefix"),
    )
