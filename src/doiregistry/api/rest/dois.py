"""``/dois``: read, create, update, delete and list DOIs (spec §3.1, §5)."""

from __future__ import annotations

from typing import Annotated, Any, Final

from fastapi import APIRouter, Depends, Query, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from doiregistry.api.auth import principal_from_header
from doiregistry.api.jsonapi import flag, jsonapi_response
from doiregistry.api.request_body import json_body
from doiregistry.formats.jsonapi_dois import DoiView, doi_resource
from doiregistry.metadata.doi import generate_doi, is_valid_prefix, seed_from_text
from doiregistry.registry.container import Registry
from doiregistry.registry.doi_record import DoiRecord
from doiregistry.registry.errors import BadRequest, RegistryError
from doiregistry.registry.principal import Principal

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
MAX_PAGE_SIZE: Final = 1000

PrincipalDep = Annotated[Principal, Depends(principal_from_header)]


class NotAcceptable(RegistryError):
    status = 406


def registry(request: Request) -> Registry:
    value: Registry = request.app.state.registry
    return value


def _single_view(request: Request, principal: Principal) -> DoiView:
    params = request.query_params
    return DoiView(
        detail=True,
        single=True,
        affiliation=flag(params.get("affiliation")),
        publisher=flag(params.get("publisher")),
        may_see_landing_page=lambda r: principal.owns_client(r.client_id, r.provider_id),
    )


def _single_document(request: Request, principal: Principal, record: DoiRecord) -> dict[str, Any]:
    document: dict[str, Any] = {"data": doi_resource(record, _single_view(request, principal))}
    return document


def _negotiate(accept: str | None) -> str:
    """``json`` or ``xml`` for an ``Accept`` header; 406 for anything else."""
    if not accept:
        return "json"
    for part in accept.split(","):
        media = part.split(";")[0].strip().lower()
        if media in XML_TYPES:
            return "xml"
        if media in JSON_TYPES:
            return "json"
    raise NotAcceptable("The content type is not recognized.")


def _int_param(request: Request, name: str, default: int) -> int:
    value = request.query_params.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise BadRequest(f"{name} must be an integer, not {value!r}") from None


@router.get("/dois")
def list_dois(request: Request, principal: PrincipalDep) -> Response:
    """A simple page of the DOIs the caller may see, newest update first."""
    size = max(0, min(MAX_PAGE_SIZE, _int_param(request, "page[size]", 25)))
    number = max(1, _int_param(request, "page[number]", 1))
    total, records = registry(request).dois.list_page(
        principal, page_number=number, page_size=max(size, 1)
    )
    records = records if size else []
    view = DoiView(
        detail=request.query_params.get("detail", "").lower() == "true",
        affiliation=flag(request.query_params.get("affiliation")),
        publisher=flag(request.query_params.get("publisher")),
        may_see_landing_page=lambda r: principal.owns_client(r.client_id, r.provider_id),
    )
    pages = -(-total // size) if size else 0
    links: dict[str, str] = {"self": str(request.url)}
    if size and len(records) == size and number < pages:
        links["next"] = str(
            request.url.include_query_params(**{"page[number]": number + 1, "page[size]": size})
        )
    return jsonapi_response(
        {
            "data": [doi_resource(record, view) for record in records],
            "meta": {"total": total, "totalPages": pages, "page": number},
            "links": links,
        }
    )


@router.post("/dois")
async def create_doi(request: Request, principal: PrincipalDep) -> Response:
    body = await json_body(request)
    result = await run_in_threadpool(registry(request).dois.save, principal, body)
    return jsonapi_response(
        _single_document(request, principal, result.record),
        status=201,
        headers={"Location": f"/dois/{result.record.doi}"},
    )


@router.get("/dois/random")
def random_dois(
    prefix: Annotated[str | None, Query()] = None,
    size: Annotated[str | None, Query()] = None,
    number: Annotated[str | None, Query()] = None,
) -> Response:
    """Generated DOI names under a prefix (spec §5.7)."""
    if not prefix:
        return jsonapi_response(
            {"errors": [{"status": "422", "title": "Parameter prefix is required"}]}, status=422
        )
    if not is_valid_prefix(prefix.split("/", 1)[0]):
        return jsonapi_response(
            {"errors": [{"status": "422", "title": f"Prefix {prefix} is not a valid DOI prefix"}]},
            status=422,
        )
    count = seed_from_text(size or "") or 1
    seed = seed_from_text(number or "")
    names: list[str] = []
    for index in range(min(count, MAX_PAGE_SIZE)):
        name = generate_doi(prefix, None if seed is None else seed + index)
        if name not in names:
            names.append(name)
    return jsonapi_response({"dois": names})


@router.get("/dois/{doi:path}")
def get_doi(request: Request, doi: str, principal: PrincipalDep) -> Response:
    """One DOI as JSON:API, or its stored DataCite XML by content negotiation."""
    kind = _negotiate(request.headers.get("accept"))
    record = registry(request).dois.get(principal, doi)
    if kind == "xml":
        return Response(record.xml or "", media_type="application/vnd.datacite.datacite+xml")
    return jsonapi_response(_single_document(request, principal, record))


async def _update(request: Request, doi: str, principal: Principal) -> Response:
    body = await json_body(request)
    result = await run_in_threadpool(registry(request).dois.save, principal, body, doi)
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
