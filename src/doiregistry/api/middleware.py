"""ASGI middleware: refuse request targets no backend can store (NUL characters)."""

from __future__ import annotations

from urllib.parse import unquote_to_bytes

import orjson
from starlette.types import ASGIApp, Receive, Scope, Send

from doiregistry.api.jsonapi import JSONAPI_TYPE


class RejectNulCharacters:
    """400 for a path or query string containing a NUL character (raw or ``%00``).

    PostgreSQL cannot store NUL in text, so such a request could otherwise only
    fail deep inside a query.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            raw_path: bytes = scope.get("raw_path") or scope.get("path", "").encode()
            query: bytes = scope.get("query_string", b"")
            if b"\x00" in unquote_to_bytes(raw_path) or b"\x00" in unquote_to_bytes(query):
                body = orjson.dumps(
                    {"errors": [{"status": "400", "title": "NUL characters are not allowed."}]}
                )
                await send(
                    {
                        "type": "http.response.start",
                        "status": 400,
                        "headers": [(b"content-type", JSONAPI_TYPE.encode())],
                    }
                )
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)
