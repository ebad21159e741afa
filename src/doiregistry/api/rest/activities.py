"""``/activities`` and the histories of one DOI, repository or member (spec §9)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from doiregistry.api.auth import principal_from_header
from doiregistry.api.jsonapi import flag, jsonapi_response
from doiregistry.api.rest.list_params import page_of
from doiregistry.domain.activity_record import ActivityPage
from doiregistry.domain.listing import Listing, Page
from doiregistry.domain.principal import Principal
from doiregistry.formats.jsonapi_activities import activity_resource
from doiregistry.registry.activities import ActivityService
from doiregistry.registry.container import Registry

router = APIRouter()
PrincipalDep = Annotated[Principal, Depends(principal_from_header)]


def _paging(request: Request) -> Page:
    """``page[number]`` and ``page[size]`` clamped as every list clamps them; a history
    has no facets to show, so size 0 shows one entry."""
    page = page_of(request)
    return page if page.size else Page(number=page.number, size=1)


def _base(request: Request) -> str:
    configured: str = request.app.state.settings.base_url
    return configured.rstrip("/") or str(request.base_url).rstrip("/")


def _document(request: Request, activities: ActivityPage, page: Page) -> dict[str, Any]:
    base = _base(request)
    publisher = flag(request.query_params.get("publisher"))
    total_pages = Listing(total=activities.total, page=page).total_pages
    return {
        "data": [activity_resource(a, base, publisher=publisher) for a in activities.activities],
        "meta": {"total": activities.total, "totalPages": total_pages, "page": page.number},
        "links": {"self": str(request.url)},
    }


def _newest_first(request: Request) -> bool:
    return request.query_params.get("sort", "-created") != "created"


def _history(request: Request, read: Callable[..., ActivityPage], *owner: object) -> Response:
    """One page of a history: ``read(*owner, offset=, limit=, newest_first=)``."""
    page = _paging(request)
    activities = read(
        *owner, offset=page.offset, limit=page.size, newest_first=_newest_first(request)
    )
    return jsonapi_response(_document(request, activities, page))


def _service(request: Request) -> ActivityService:
    registry: Registry = request.app.state.registry
    return registry.activities


@router.get("/activities")
def list_activities(request: Request, principal: PrincipalDep) -> Response:
    return _history(request, _service(request).list, principal)


@router.get("/activities/{request_uuid}")
def get_activity(request: Request, request_uuid: str, principal: PrincipalDep) -> Response:
    registry: Registry = request.app.state.registry
    activity = registry.activities.get(principal, request_uuid)
    publisher = flag(request.query_params.get("publisher"))
    return jsonapi_response(
        {"data": activity_resource(activity, _base(request), publisher=publisher)}
    )


@router.get("/dois/{doi:path}/activities")
def doi_activities(request: Request, doi: str, principal: PrincipalDep) -> Response:
    return _history(request, _service(request).for_doi, principal, doi)


@router.get("/clients/{client_id}/activities")
@router.get("/repositories/{client_id}/activities", operation_id="repository_activities")
def client_activities(request: Request, client_id: str, principal: PrincipalDep) -> Response:
    return _history(request, _service(request).for_client, principal, client_id)


@router.get("/providers/{provider_id}/activities")
def provider_activities(request: Request, provider_id: str, principal: PrincipalDep) -> Response:
    return _history(request, _service(request).for_provider, principal, provider_id)
