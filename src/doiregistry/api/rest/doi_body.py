"""Reading the JSON:API document of a DOI write (``POST``, ``PUT``, ``PATCH`` and validate).

The document's shape is the API's business: ``data`` must be an object, its
``attributes`` an object, and nothing may hold a NUL character; each failure
is a 400. The attribute values and the ``client`` relationship become a typed
:class:`~doiregistry.registry.dois.payload.DoiPayload`, whose values the
registry's rules check.
"""

from __future__ import annotations

from typing import Any, Final

from doiregistry.api.rest.account_bodies import NOT_JSONAPI
from doiregistry.domain.errors import BadRequest
from doiregistry.domain.nul_text import NUL_IN_BODY, has_nul
from doiregistry.registry.dois.attribute_reader import read_attributes
from doiregistry.registry.dois.payload import DoiPayload

ATTRIBUTES_NOT_OBJECT: Final = "data.attributes must be an object"


def _client_id(data: dict[str, Any]) -> str | None:
    """The id in ``relationships.client.data``, lower-case; ``None`` unless given so."""
    relationships = data.get("relationships")
    client = relationships.get("client") if isinstance(relationships, dict) else None
    if isinstance(client, dict) and isinstance(client.get("data"), dict):
        client_id = client["data"].get("id")
        return str(client_id).lower() if client_id else None
    return None


def read_doi_body(body: Any) -> DoiPayload:
    """The payload of a parsed JSON:API write document; :class:`BadRequest` for a malformed one."""
    if not isinstance(body, dict) or not isinstance(body.get("data"), dict):
        raise BadRequest(NOT_JSONAPI)
    if has_nul(body):
        raise BadRequest(NUL_IN_BODY)
    data = body["data"]
    attributes = data.get("attributes")
    if attributes is None:
        attributes = {}
    if not isinstance(attributes, dict):
        raise BadRequest(ATTRIBUTES_NOT_OBJECT)
    return read_attributes(attributes, client_id=_client_id(data))
