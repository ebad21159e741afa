"""Reading a JSON:API write document (``{"data": {...}}``) for accounts and prefixes.

Attribute and relationship names are accepted in camelCase, snake_case or
dash-case (DataCite normalises keys the same way) and handed on in camelCase.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

from doiregistry.domain.errors import BadRequest

NOT_JSONAPI: Final = "You need to provide a payload following the JSONAPI spec"


def camel_case(name: str) -> str:
    """``system_email`` / ``system-email`` / ``systemEmail`` → ``systemEmail``."""
    head, *rest = name.replace("-", "_").split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


@dataclass(frozen=True)
class ResourcePayload:
    """The parts of one resource object that a write uses."""

    type: str | None = None
    id: str | None = None
    attributes: dict[str, Any] = field(default_factory=dict)
    #: relationship name → the related id (``None`` for ``{"data": null}``)
    relationships: dict[str, str | None] = field(default_factory=dict)

    def related(self, name: str) -> str | None:
        value = self.relationships.get(name)
        return value.strip().lower() if value else None


def _related_id(name: str, value: Any) -> str | None:
    if not isinstance(value, dict) or "data" not in value:
        raise BadRequest(f"Relationship {name} must be an object with a data member.")
    data = value["data"]
    if data is None:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("id"), str | int):
        raise BadRequest(f"Relationship {name} must name the related resource by id.")
    return str(data["id"])


NUL_IN_BODY: Final = "The request body must not contain NUL characters."


def has_nul(value: Any) -> bool:
    """Whether a JSON value holds a NUL character anywhere (PostgreSQL cannot store one)."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(has_nul(key) or has_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(has_nul(item) for item in value)
    return False


def read_resource(body: Any, types: tuple[str, ...]) -> ResourcePayload:
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
    return ResourcePayload(
        type=kind,
        id=str(resource_id) if isinstance(resource_id, str | int) else None,
        attributes={camel_case(str(key)): value for key, value in attributes.items()},
        relationships={
            camel_case(str(key)): _related_id(str(key), value)
            for key, value in relationships.items()
        },
    )
