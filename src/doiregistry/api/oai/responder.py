"""One OAI-PMH response, from the request's arguments to the (compressed) XML body."""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from doiregistry.formats.oai_pmh import answer_document, error_document
from doiregistry.oai.arguments import OaiRequest, parse_request
from doiregistry.oai.errors import OaiError
from doiregistry.oai.service import OaiService

#: gzip level: XML shrinks to a fifth at level 1; level 9 takes twice as long for a seventh
GZIP_LEVEL: Final = 1


@dataclass(frozen=True)
class Page:
    """A response body, and its gzip-compressed form when asked for."""

    body: bytes
    compressed: bytes | None = None

    def with_compression(self) -> Page:
        if self.compressed is not None:
            return self
        return Page(self.body, gzip.compress(self.body, GZIP_LEVEL))


def error_page(
    error: OaiError, base_url: str, now: datetime, request: OaiRequest | None = None
) -> Page:
    """The response to a request refused with a protocol error."""
    return Page(
        error_document(
            error,
            base_url=base_url,
            verb=request.verb if request else None,
            arguments=request.arguments if request else {},
            now=now,
        )
    )


def respond(
    service: OaiService, pairs: list[tuple[str, str]], base_url: str, *, compress: bool = False
) -> Page:
    """The response to one request's arguments."""
    request: OaiRequest | None = None
    now = service.database.clock.now()
    try:
        request = parse_request(pairs)
        answer = service.answer(request)
    except OaiError as error:
        page = error_page(error, base_url, now, request)
        return page.with_compression() if compress else page
    body = answer_document(
        answer,
        base_url=base_url,
        verb=request.verb,
        arguments=request.arguments,
        now=now,
    )
    page = Page(body)
    return page.with_compression() if compress else page
