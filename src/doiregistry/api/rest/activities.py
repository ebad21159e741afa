"""``/activities`` and ``/dois/{doi}/activities``: the version history (spec §9)."""

from __future__ import annotations

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


@router.get("/activities")
def list_activities(request: Request, principal: PrincipalDep) -> Response:
    page = _paging(request)
    registry: Registry = request.app.state.registry
    activities = registry.activities.list(
        principal, offset=page.offset, limit=page.size, newest_first=_newest_first(request)
    )
    return jsonapi_response(_document(request, activities, page))


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
    page = _paging(request)
    registry: Registry = request.app.state.registry
    activities = registry.activities.for_doi(
        principal, doi, offset=page.offset, limit=page.size, newest_first=_newest_first(request)
    )
    return jsonapi_response(_document(request, activities, page))
