"""Content negotiation (spec §10): metadata formats by ``Accept`` header or by link.

``GET /dois/{doi}`` and ``GET /dois/{type}/{doi}`` are served by the DOI
router with the helpers here. This router adds the resolver-style routes at
the root, for findable DOIs only and without credentials: ``GET /{doi}``
answers the format named by ``Accept`` (``style``/``locale`` from the query or
from ``Accept`` parameters) and redirects everything else (browsers, no or an
unknown ``Accept``) to the landing page with 303; ``GET /{type}/{doi}`` is
the link form. Only paths shaped like a DOI reach these routes, so the root
never shadows another endpoint.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.convertors import Convertor, register_url_convertor
from starlette.datastructures import QueryParams
from starlette.responses import RedirectResponse, Response

from doiregistry.domain.doi_record import DoiRecord
from doiregistry.domain.errors import NotFound
from doiregistry.domain.principal import ANONYMOUS
from doiregistry.formats.media_types import CitationOptions, MediaFormat, format_for
from doiregistry.registry.container import Registry

router = APIRouter()

#: media types that mean "a web page": the resolver redirects to the landing page
PAGE_TYPES: Final = frozenset({"text/html", "application/xhtml+xml"})


@dataclass(frozen=True)
class AcceptedType:
    """One media range of an ``Accept`` header with its parameters (``q`` removed)."""

    media_type: str
    params: dict[str, str] = field(default_factory=dict)


def parse_accept(header: str | None) -> list[AcceptedType]:
    """The media ranges of ``Accept``, most preferred first (by ``q``, then by order)."""
    ranked: list[tuple[float, int, AcceptedType]] = []
    for position, part in enumerate((header or "").split(",")):
        media_type, *raw_params = (piece.strip() for piece in part.split(";"))
        if not media_type:
            continue
        params: dict[str, str] = {}
        quality = 1.0
        for raw in raw_params:
            name, _, value = raw.partition("=")
            name, value = name.strip().lower(), value.strip().strip('"')
            if name == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
            elif name:
                params[name] = value
        if quality > 0:
            ranked.append((-quality, position, AcceptedType(media_type.lower(), params)))
    return [accepted for _q, _position, accepted in sorted(ranked, key=lambda r: r[:2])]


def split_link_path(path: str) -> tuple[MediaFormat, str] | None:
    """``application/x-bibtex/10.5438/0012`` → (the BibTeX format, ``10.5438/0012``)."""
    parts = path.split("/", 2)
    if len(parts) < 3:
        return None
    media_format = format_for(f"{parts[0]}/{parts[1]}")
    return (media_format, parts[2]) if media_format is not None else None


def citation_options(query: QueryParams, accepted: AcceptedType | None = None) -> CitationOptions:
    """``style``/``locale`` from the query string, else from the ``Accept`` parameters."""
    params = accepted.params if accepted is not None else {}
    return CitationOptions(
        style=query.get("style") or params.get("style"),
        locale=query.get("locale") or params.get("locale"),
    )


def metadata_response(
    record: DoiRecord, media_format: MediaFormat, options: CitationOptions
) -> Response:
    """One DOI rendered in a metadata format."""
    return Response(
        media_format.render(record, options),
        media_type=media_format.content_type,
    )


class DoiPathConvertor(Convertor[str]):
    """A path that is a DOI, optionally after a ``type/subtype`` media type."""

    regex = r"(?:[A-Za-z]+/[A-Za-z0-9.+-]+/)?10\.[^/]+/.+"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("conneg_doi", DoiPathConvertor())


def _registry(request: Request) -> Registry:
    value: Registry = request.app.state.registry
    return value


def _resolver_choice(header: str | None) -> tuple[MediaFormat, AcceptedType] | None:
    """The format ``Accept`` asks for, or ``None`` for the landing page."""
    for accepted in parse_accept(header):
        if accepted.media_type in PAGE_TYPES:
            return None
        media_format = format_for(accepted.media_type)
        if media_format is not None:
            return media_format, accepted
    return None


@router.api_route("/{doi:conneg_doi}", methods=["GET", "HEAD"], include_in_schema=False)
async def resolve(request: Request) -> Response:
    """A findable DOI in the format of ``Accept``, or a 303 to its landing page."""
    path: str = request.path_params["doi"]
    link = split_link_path(path)
    accepted: AcceptedType | None = None
    if link is not None:
        media_format: MediaFormat | None = link[0]
        doi = link[1]
    else:
        doi = path
        choice = _resolver_choice(request.headers.get("accept"))
        media_format, accepted = choice if choice is not None else (None, None)
    record = await run_in_threadpool(_registry(request).dois.get, ANONYMOUS, doi)
    if media_format is None:
        if not record.url:
            raise NotFound()
        return RedirectResponse(record.url, status_code=303)
    options = citation_options(request.query_params, accepted)
    return await run_in_threadpool(metadata_response, record, media_format, options)
