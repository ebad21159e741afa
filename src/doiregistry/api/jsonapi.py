"""JSON:API response helpers shared by the REST routers."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.responses import Response

JSONAPI_TYPE = "application/vnd.api+json; charset=utf-8"


def jsonapi_response(
    document: dict[str, Any], status: int = 200, headers: dict[str, str] | None = None
) -> Response:
    """A JSON:API document rendered with orjson."""
    return Response(
        orjson.dumps(document), status_code=status, media_type=JSONAPI_TYPE, headers=headers
    )


def flag(value: str | None) -> bool:
    """DataCite's ``affiliation=true`` / ``publisher=true`` rule: only ``true`` turns it on."""
    return (value or "").strip().lower() == "true"
