"""The authentication dependency: reads ``Authorization`` and yields the caller's principal."""

from __future__ import annotations

import base64
import binascii

from fastapi import Request

from doiregistry.domain.errors import Unauthorized
from doiregistry.domain.principal import ANONYMOUS, Principal


def _basic_credentials(value: str) -> tuple[str, str] | None:
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    username, sep, password = decoded.partition(":")
    return (username, password) if sep else None


def principal_from_header(request: Request) -> Principal:
    """The caller of this request (cached on the request).

    No header or wrong Basic credentials: anonymous (spec §2.3). Any other
    scheme (e.g. a Bearer token, which this server does not issue): 401 on
    every endpoint, as DataCite answers for an undecodable token. Too many
    wrong passwords from the client's address or for the account: 429.
    """
    cached = getattr(request.state, "principal", None)
    if isinstance(cached, type(ANONYMOUS)):
        return cached
    header = request.headers.get("authorization", "").strip()
    principal = ANONYMOUS
    if header:
        scheme, _, credentials = header.partition(" ")
        if scheme.lower() != "basic":
            raise Unauthorized()
        pair = _basic_credentials(credentials)
        if pair is not None:
            address = request.client.host if request.client else None
            principal = request.app.state.registry.authenticator.authenticate(*pair, address)
    request.state.principal = principal
    return principal
