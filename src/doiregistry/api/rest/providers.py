"""``/providers``: members, consortia and consortium organisations (spec §3.3, §7)."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from doiregistry.api.auth import principal_from_header
from doiregistry.api.jsonapi import jsonapi_response
from doiregistry.api.request_body import json_body
from doiregistry.api.rest.account_bodies import provider_payload
from doiregistry.api.rest.list_params import page_of, provider_query
from doiregistry.api.rest.listing import (
    list_document,
    registry,
    reject_nul,
    single_document,
)
from doiregistry.domain.principal import Principal
from doiregistry.formats.jsonapi_accounts import provider_meta, provider_resource
from doiregistry.formats.list_facets import PROVIDER_FACETS

router = APIRouter(dependencies=[Depends(reject_nul)])

PrincipalDep = Annotated[Principal, Depends(principal_from_header)]


@router.get("/providers")
def list_providers(request: Request, principal: PrincipalDep) -> Response:
    """Providers with DataCite's ``query``, filters, sorts and facets (spec §7)."""
    listing = registry(request).providers.search(
        principal, page_of(request), provider_query(request)
    )
    return jsonapi_response(list_document(request, listing, provider_resource, PROVIDER_FACETS))


@router.post("/providers")
async def create_provider(request: Request, principal: PrincipalDep) -> Response:
    """201 with the new provider (DataCite answers 200, quirk Q13)."""
    payload = provider_payload(await json_body(request))
    record = await run_in_threadpool(registry(request).providers.create, principal, payload)
    return jsonapi_response(
        single_document(provider_resource(record), provider_meta(record)),
        status=201,
        headers={"Location": f"/providers/{record.id}"},
    )


@router.get("/providers/random")
def random_provider_symbol(request: Request) -> Response:
    """``{"symbol": "ABCD"}``: a free symbol for a new provider."""
    return jsonapi_response({"symbol": registry(request).providers.random_symbol()})


@router.get("/providers/{provider_id}")
def get_provider(provider_id: str, request: Request, principal: PrincipalDep) -> Response:
    record = registry(request).providers.get(principal, provider_id)
    return jsonapi_response(single_document(provider_resource(record), provider_meta(record)))


@router.put("/providers/{provider_id}")
@router.patch("/providers/{provider_id}", operation_id="patch_provider")
async def update_provider(provider_id: str, request: Request, principal: PrincipalDep) -> Response:
    payload = provider_payload(await json_body(request))
    record = await run_in_threadpool(
        registry(request).providers.update, principal, provider_id, payload
    )
    return jsonapi_response(single_document(provider_resource(record), provider_meta(record)))


@router.delete("/providers/{provider_id}")
def delete_provider(provider_id: str, request: Request, principal: PrincipalDep) -> Response:
    registry(request).providers.delete(principal, provider_id)
    return Response(status_code=204)


@router.get("/providers/{provider_id}/organizations")
def list_organizations(provider_id: str, request: Request, principal: PrincipalDep) -> Response:
    """The consortium organisations of a consortium (the list's parameters apply too)."""
    consortium = registry(request).providers.get(principal, provider_id)
    query = replace(provider_query(request), consortium_id=consortium.id)
    listing = registry(request).providers.search(principal, page_of(request), query)
    return jsonapi_response(list_document(request, listing, provider_resource, PROVIDER_FACETS))
