"""``/activities`` and ``/dois/{doi}/activities``: the version history (spec §9)."""

from __future__ import annotations

import math
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from doiregistry.api.auth import principal_from_header
from doiregistry.api.jsonapi import flag, jsonapi_response
from doiregistry.domain.activity_record import ActivityPage
from doiregistry.domain.errors import BadRequest
from doiregistry.domain.principal import Principal
from doiregistry.formats.jsonapi_activities import activity_resource
from doiregistry.registry.container import Registry

router = APIRouter()
PrincipalDep = Annotated[Principal, Depends(principal_from_header)]


def _paging(request: Request) -> tuple[int, int]:
    try:
        size = int(request.query_params.get("page[size]") or 25)
        number = int(request.query_params.get("page[number]") or 1)
    except ValueError:
        raise BadRequest("page[size] and page[number] must be integers") from None
    return max(1, min(1000, size)), max(1, number)


def _base(request: Request) -> str:
    configured: str = request.app.state.settings.base_url
    return configured.rstrip("/") or str(request.base_url).rstrip("/")


def _document(request: Request, page: ActivityPage, size: int, number: int) -> dict[str, Any]:
    base = _base(request)
    publisher = flag(request.query_params.get("publisher"))
    return {
        "data": [activity_resource(a, base, publisher=publisher) for a in page.activities],
        "meta": {"total": page.total, "totalPages": math.ceil(page.total / size), "page": number},
        "links": {"self": str(request.url)},
    }


def _newest_first(request: Request) -> bool:
    return request.query_params.get("sort", "-created") != "created"


@router.get("/activities")
def list_activities(request: Request, principal: PrincipalDep) -> Response:
    size, number = _paging(request)
    registry: Registry = request.app.state.registry
    page = registry.activities.list(
        principal, offset=(number - 1) * size, limit=size, newest_first=_newest_first(request)
    )
    return jsonapi_response(_document(request, page, size, number))


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
    size, number = _paging(request)
    registry: Registry = request.app.state.registry
    page = registry.activities.for_doi(
        principal, doi, offset=(number - 1) * size, limit=size, newest_first=_newest_first(request)
    )
    return jsonapi_response(_document(request, page, size, number))
