"""``GET /dois`` and the DOI lists of a member or repository (spec §4): parse, search, render."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from doiregistry.api.auth import principal_from_header
from doiregistry.api.jsonapi import jsonapi_response
from doiregistry.api.rest.doi_params import (
    DoiRendering,
    doi_query,
    doi_rendering,
    request_params,
)
from doiregistry.api.rest.includes import included_clients
from doiregistry.domain.principal import Principal
from doiregistry.formats.jsonapi_dois import DoiView, doi_resource, sparse
from doiregistry.registry.container import Registry
from doiregistry.search.dois.result import DoiSearchResult

router = APIRouter()
PrincipalDep = Annotated[Principal, Depends(principal_from_header)]


def _link(request: Request, name: str, value: str) -> str:
    """The request URL with one parameter set, every other parameter kept (fixes Q8)."""
    items = [(k, v) for k, v in request.query_params.multi_items() if k != name]
    items.append((name, value))
    return str(request.url.replace(query=urlencode(items)))


def render(
    request: Request,
    principal: Principal,
    result: DoiSearchResult,
    detail: bool,
    rendering: DoiRendering,
) -> dict[str, Any]:
    view = DoiView(
        detail=detail,
        affiliation=rendering.affiliation,
        publisher=rendering.publisher,
        composite=rendering.composite,
        may_see_landing_page=lambda r: principal.owns_client(r.client_id, r.provider_id),
        counts=result.counts,
        related=result.related,
    )
    fields = None if rendering.fields is None else set(rendering.fields)
    document: dict[str, Any] = {
        "data": [sparse(doi_resource(record, view), fields) for record in result.records]
    }
    if "client" in rendering.include and result.records:
        registry: Registry = request.app.state.registry
        client_ids = [record.client_id for record in result.records]
        document["included"] = included_clients(registry, principal, client_ids)
    meta: dict[str, Any] = {"total": result.total, "totalPages": result.total_pages}
    if result.page is not None:
        meta["page"] = result.page
    meta.update(result.facets)
    if result.facets_timed_out:
        meta["facetsTimedOut"] = result.facets_timed_out
    document["meta"] = meta
    links = {"self": str(request.url)}
    if result.next_cursor is not None:
        links["next"] = _link(request, "page[cursor]", result.next_cursor)
    elif result.next_page is not None:
        links["next"] = _link(request, "page[number]", str(result.next_page))
    document["links"] = links
    return document


def _search(request: Request, principal: Principal, **fixed: str) -> Response:
    params = request_params(request, **fixed)
    query = doi_query(params)
    registry: Registry = request.app.state.registry
    result = registry.doi_search.search(principal, query)
    return jsonapi_response(render(request, principal, result, query.detail, doi_rendering(params)))


@router.get("/dois")
def list_dois(request: Request, principal: PrincipalDep) -> Response:
    """Search and browse DOIs."""
    return _search(request, principal)


@router.get("/providers/{provider_id}/dois")
def provider_dois(request: Request, provider_id: str, principal: PrincipalDep) -> Response:
    """The DOIs of one member."""
    return _search(request, principal, **{"provider-id": provider_id})


@router.get("/clients/{client_id}/dois")
@router.get("/repositories/{client_id}/dois", operation_id="repository_dois")
def client_dois(request: Request, client_id: str, principal: PrincipalDep) -> Response:
    """The DOIs of one repository (also under ``/repositories``, which DataCite ignores: Q2)."""
    return _search(request, principal, **{"client-id": client_id})
