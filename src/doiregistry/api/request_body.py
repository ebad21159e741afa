"""Reading request bodies: size limit, gzip/deflate inflation, JSON parsing with clear errors."""

from __future__ import annotations

import zlib
from typing import Any, Final

import orjson
from fastapi import Request

from doiregistry.domain.errors import BadRequest, RegistryError

MAX_BODY_BYTES: Final = 25 * 1024 * 1024


class PayloadTooLarge(RegistryError):
    status = 413


async def raw_body(request: Request, limit: int | None = None) -> bytes:
    """The request body, inflated when sent with ``Content-Encoding: gzip`` or ``deflate``."""
    limit = limit or MAX_BODY_BYTES
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge(f"The request body is larger than {limit} bytes.")
        chunks.append(chunk)
    body = b"".join(chunks)
    encoding = request.headers.get("content-encoding", "").strip().lower()
    if encoding in ("gzip", "deflate") and body:
        wbits = 16 + zlib.MAX_WBITS if encoding == "gzip" else zlib.MAX_WBITS
        inflater = zlib.decompressobj(wbits)
        try:
            body = inflater.decompress(body, limit + 1)
        except zlib.error as exc:
            raise BadRequest(f"The {encoding} request body cannot be decompressed: {exc}") from None
        if len(body) > limit or inflater.unconsumed_tail:
            raise PayloadTooLarge(f"The request body is larger than {limit} bytes.")
    return body


async def json_body(request: Request) -> Any:
    """The parsed JSON body; malformed JSON is a 400 naming the parser's complaint."""
    body = await raw_body(request)
    if not body.strip():
        return None
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise BadRequest(f"The request body is not valid JSON: {exc}") from None
