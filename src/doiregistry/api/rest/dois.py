"""``/dois``: read, create, update, delete and list DOIs (spec §3.1, §5)."""

from __future__ import annotations

from typing import Annotated, Any, Final

from fastapi import APIRouter, Depends, Query, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from doiregistry.api.auth import principal_from_header
from doiregistry.api.errors import field_errors_body
from doiregistry.api.jsonapi import flag, jsonapi_response
from doiregistry.api.request_body import json_body
from doiregistry.api.rest.content_negotiation import (
    citation_options,
    metadata_response,
    parse_accept,
    split_link_path,
)
from doiregistry.api.rest.doi_body import read_doi_body
from doiregistry.api.rest.includes import included_clients, requested
from doiregistry.api.rest.integer_params import LARGEST
from doiregistry.domain.doi_record import DoiRecord
from doiregistry.domain.errors import BadRequest, RegistryError, ValidationFailed
from doiregistry.domain.principal import Principal
from doiregistry.formats.jsonapi_dois import DoiView, doi_resource
from doiregistry.formats.jsonapi_media import media_resource
from doiregistry.formats.media_types import MediaFormat, format_for
from doiregistry.metadata.doi import seed_from_text
from doiregistry.registry.container import Registry
from doiregistry.registry.dois.random_names import random_names

router = APIRouter()

XML_TYPES: Final = ("application/vnd.datacite.datacite+xml", "application/x-datacite+xml")
JSON_TYPES: Final = (
    "application/vnd.api+json",
    "application/json",
    "text/x-json",
    "application/jsonrequest",
    "text/html",
    "*/*",
    "application/*",
)

PrincipalDep = Annotated[Principal, Depends(principal_from_header)]


class NotAcceptable(RegistryError):
    status = 406


def registry(request: Request) -> Registry:
    value: Registry = request.app.state.registry
    return value


def _single_view(request: Request, principal: Principal, record: DoiRecord) -> DoiView:
    params = request.query_params
    relations = registry(request).doi_search.relations([record])
    return DoiView(
        detail=True,
        single=True,
        affiliation=flag(params.get("affiliation")),
        publisher=flag(params.get("publisher")),
        may_see_landing_page=lambda r: principal.owns_client(r.client_id, r.provider_id),
        counts=relations.counts,
        related=relations.related,
    )


def _single_document(request: Request, principal: Principal, record: DoiRecord) -> dict[str, Any]:
    """The DOI, with its repository in ``included`` for ``include=client`` (DataCite's
    recorded single DOIs were all fetched with ``include=media,client``)."""
    view = _single_view(request, principal, record)
    document: dict[str, Any] = {"data": doi_resource(record, view)}
    if "client" in requested(request):
        document["included"] = included_clients(registry(request), principal, [record.client_id])
    return document


def _negotiate(accept: str | None) -> MediaFormat | None:
    """The metadata format ``Accept`` asks for, ``None`` for JSON:API; 406 for anything else.

    Media ranges are tried by preference (``q``, then order); parameters such
    as ``style`` are ignored here (spec §10).
    """
    if not accept or not accept.strip():
        return None
    for accepted in parse_accept(accept):
        if accepted.media_type in JSON_TYPES:
            return None
        media_format = format_for(accepted.media_type)
        if media_format is not None:
            return media_format
    raise NotAcceptable("The content type is not recognized.")


@router.post("/dois")
async def create_doi(request: Request, principal: PrincipalDep) -> Response:
    payload = read_doi_body(await json_body(request))
    result = await run_in_threadpool(registry(request).dois.save, principal, payload)
    return jsonapi_response(
        _single_document(request, principal, result.record),
        status=201,
        headers={"Location": f"/dois/{result.record.doi}"},
    )


@router.post("/dois/validate")
async def validate_doi(request: Request, principal: PrincipalDep) -> Response:
    """Validate a payload without saving: always 200, the DOI or the error document (spec §5.6)."""
    payload = read_doi_body(await json_body(request))
    try:
        record = await run_in_threadpool(registry(request).dois.validate, principal, payload)
    except ValidationFailed as exc:
        return jsonapi_response(field_errors_body(exc.errors))
    return jsonapi_response(_single_document(request, principal, record))


def _past_64_bits(value: str | None) -> bool:
    """Whether the digits of ``value`` (read as one number) exceed :data:`LARGEST`; counted
    before they are read, as Python refuses to read more than 4300 digits."""
    digits = "".join(ch for ch in value or "" if ch.isdecimal()).lstrip("0")
    return len(digits) > len(str(LARGEST)) or int(digits or 0) > LARGEST


@router.get("/dois/random")
def random_dois(
    prefix: Annotated[str | None, Query()] = None,
    size: Annotated[str | None, Query()] = None,
    number: Annotated[str | None, Query()] = None,
) -> Response:
    """Generated DOI names under a prefix (spec §5.7); ``size`` and ``number`` read digits only.

    A ``size`` past 64 bits asks for the most names one request gets, as any large
    size does; a ``number`` past 64 bits is a 400, because reading it as a smaller
    seed would answer names generated from a number nobody asked for.
    """
    count = LARGEST if _past_64_bits(size) else seed_from_text(size or "") or 1
    if _past_64_bits(number):
        raise BadRequest(f"number must be at most {LARGEST}")
    seed = seed_from_text(number or "")
    return jsonapi_response({"dois": random_names(prefix, count, seed)})


def _media_document(
    request: Request, principal: Principal, record: DoiRecord, data: Any
) -> dict[str, Any]:
    """``data`` with the DOI in ``included``, as DataCite's recorded media responses."""
    included = [doi_resource(record, _single_view(request, principal, record))]
    return {"data": data, "included": included}


@router.get("/dois/{doi:path}/media")
def doi_media(request: Request, doi: str, principal: PrincipalDep) -> Response:
    """The media MDS stores for a DOI the caller may see, newest first (spec §5)."""
    record, items = registry(request).mds.visible_media(principal, doi)
    document = _media_document(
        request, principal, record, [media_resource(item, record) for item in items]
    )
    # DataCite's media list still speaks the older dashed meta names
    document["meta"] = {"total": len(items), "total-pages": 1 if items else 0, "page": 1}
    document["links"] = {"self": str(request.url)}
    return jsonapi_response(document)


@router.get("/dois/{doi:path}/media/{media_id}")
def doi_media_item(request: Request, doi: str, media_id: str, principal: PrincipalDep) -> Response:
    """One media of a DOI the caller may see."""
    record, item = registry(request).mds.visible_media_item(principal, doi, media_id)
    return jsonapi_response(
        _media_document(request, principal, record, media_resource(item, record))
    )


@router.get("/dois/{doi:path}")
def get_doi(request: Request, doi: str, principal: PrincipalDep) -> Response:
    """One DOI as JSON:API, or in a metadata format by ``Accept`` or by link (spec §10).

    ``/dois/application/x-bibtex/10.5438/0012`` is the link form: the path names
    the format and ``Accept`` is not consulted.
    """
    link = split_link_path(doi)
    if link is not None:
        media_format: MediaFormat | None = link[0]
        doi = link[1]
    else:
        media_format = _negotiate(request.headers.get("accept"))
    record = registry(request).dois.get(principal, doi)
    if media_format is not None:
        return metadata_response(record, media_format, citation_options(request.query_params))
    return jsonapi_response(_single_document(request, principal, record))


async def _update(request: Request, doi: str, principal: Principal) -> Response:
    payload = read_doi_body(await json_body(request))
    result = await run_in_threadpool(registry(request).dois.save, principal, payload, doi)
    return jsonapi_response(
        _single_document(request, principal, result.record), status=201 if result.created else 200
    )


@router.put("/dois/{doi:path}")
async def put_doi(request: Request, doi: str, principal: PrincipalDep) -> Response:
    return await _update(request, doi, principal)


@router.patch("/dois/{doi:path}")
async def patch_doi(request: Request, doi: str, principal: PrincipalDep) -> Response:
    return await _update(request, doi, principal)


@router.delete("/dois/{doi:path}")
def delete_doi(request: Request, doi: str, principal: PrincipalDep) -> Response:
    registry(request).dois.delete(principal, doi)
    return Response(status_code=204)
