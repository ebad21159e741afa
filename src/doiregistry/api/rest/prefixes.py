"""``/prefixes``, ``/provider-prefixes``, ``/client-prefixes`` and ``/repository-prefixes``
(spec §3.4, §8), and the prefix lists nested under providers and repositories.

Prefixes and assignments are never updated: PUT and PATCH answer 405 with
DataCite's ``Allow`` headers.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import Annotated, Final

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from doiregistry.api.auth import principal_from_header
from doiregistry.api.jsonapi import jsonapi_response
from doiregistry.api.request_body import json_body
from doiregistry.api.rest.account_bodies import (
    client_prefix_payload,
    pool_prefix,
    provider_prefix_payload,
)
from doiregistry.api.rest.list_params import (
    client_prefix_query,
    page_of,
    prefix_query,
    provider_prefix_query,
)
from doiregistry.api.rest.listing import (
    list_document,
    registry,
    reject_nul,
    single_document,
)
from doiregistry.domain.errors import MethodNotAllowed
from doiregistry.domain.principal import Principal
from doiregistry.formats.jsonapi_prefixes import (
    ClientPrefixShape,
    client_prefix_resource,
    prefix_resource,
    provider_prefix_resource,
)
from doiregistry.formats.list_facets import (
    CLIENT_PREFIX_FACETS,
    PREFIX_FACETS,
    PROVIDER_PREFIX_FACETS,
)

router = APIRouter(dependencies=[Depends(reject_nul)])

PrincipalDep = Annotated[Principal, Depends(principal_from_header)]
PREFIX_ALLOW: Final = "HEAD, GET, POST, OPTIONS"
ASSIGNMENT_ALLOW: Final = "HEAD, GET, POST, DELETE, OPTIONS"


def _created(resource: dict[str, object], path: str) -> Response:
    return jsonapi_response(
        single_document(dict(resource)),
        status=201,
        headers={"Location": f"/{path}/{resource['id']}"},
    )


# -- the pool -------------------------------------------------------------------------------


def _prefix_list(
    request: Request, provider_id: str | None = None, client_id: str | None = None
) -> Response:
    """The pool with ``query``, filters, sorts and facets (spec §8); an account named in the
    path replaces ``provider-id`` or ``client-id``."""
    query = prefix_query(request)
    if provider_id is not None:
        query = replace(query, provider_ids=[provider_id])
    if client_id is not None:
        query = replace(query, client_ids=[client_id])
    listing = registry(request).prefixes.search_prefixes(page_of(request), query)
    return jsonapi_response(list_document(request, listing, prefix_resource, PREFIX_FACETS))


@router.get("/prefixes")
def list_prefixes(request: Request) -> Response:
    """The pool, in prefix order unless sorted otherwise."""
    return _prefix_list(request)


@router.post("/prefixes")
async def create_prefix(request: Request, principal: PrincipalDep) -> Response:
    prefix = pool_prefix(await json_body(request))
    record = await run_in_threadpool(registry(request).prefixes.add_to_pool, principal, prefix)
    return _created(prefix_resource(record), "prefixes")


@router.get("/prefixes/{prefix}")
def get_prefix(prefix: str, request: Request) -> Response:
    record = registry(request).prefixes.get_prefix(prefix)
    return jsonapi_response(single_document(prefix_resource(record)))


@router.put("/prefixes/{prefix}")
@router.patch("/prefixes/{prefix}", operation_id="patch_prefix")
def update_prefix(prefix: str) -> Response:
    raise MethodNotAllowed(PREFIX_ALLOW)


@router.delete("/prefixes/{prefix}")
def delete_prefix(prefix: str, request: Request, principal: PrincipalDep) -> Response:
    registry(request).prefixes.delete_prefix(principal, prefix)
    return Response(status_code=204)


@router.get("/providers/{provider_id}/prefixes")
def provider_prefix_list(provider_id: str, request: Request, principal: PrincipalDep) -> Response:
    """The prefixes a provider holds (404 for an unknown provider)."""
    provider = registry(request).providers.get(principal, provider_id)
    return _prefix_list(request, provider_id=provider.id)


@router.get("/clients/{client_id}/prefixes")
@router.get("/repositories/{client_id}/prefixes")
def client_prefix_list(client_id: str, request: Request, principal: PrincipalDep) -> Response:
    """The prefixes a repository holds (404 for an unknown repository)."""
    client = registry(request).clients.get(principal, client_id)
    return _prefix_list(request, client_id=client.id)


# -- provider prefixes ----------------------------------------------------------------------


@router.get("/provider-prefixes")
def list_provider_prefixes(request: Request) -> Response:
    """Newest first unless sorted otherwise; ``query``, filters and facets of spec §8."""
    listing = registry(request).prefixes.search_provider_prefixes(
        page_of(request), provider_prefix_query(request)
    )
    return jsonapi_response(
        list_document(request, listing, provider_prefix_resource, PROVIDER_PREFIX_FACETS)
    )


@router.post("/provider-prefixes")
async def create_provider_prefix(request: Request, principal: PrincipalDep) -> Response:
    payload = provider_prefix_payload(await json_body(request))
    record = await run_in_threadpool(
        registry(request).prefixes.assign_to_provider,
        principal,
        payload.provider_id,
        payload.prefix,
    )
    return _created(provider_prefix_resource(record), "provider-prefixes")


@router.get("/provider-prefixes/{provider_prefix_id}")
def get_provider_prefix(provider_prefix_id: str, request: Request) -> Response:
    record = registry(request).prefixes.get_provider_prefix(provider_prefix_id)
    return jsonapi_response(single_document(provider_prefix_resource(record)))


@router.put("/provider-prefixes/{provider_prefix_id}")
@router.patch("/provider-prefixes/{provider_prefix_id}", operation_id="patch_provider_prefix")
def update_provider_prefix(provider_prefix_id: str) -> Response:
    raise MethodNotAllowed(ASSIGNMENT_ALLOW)


@router.delete("/provider-prefixes/{provider_prefix_id}")
def delete_provider_prefix(
    provider_prefix_id: str, request: Request, principal: PrincipalDep
) -> Response:
    registry(request).prefixes.delete_provider_prefix(principal, provider_prefix_id)
    return Response(status_code=204)


# -- client and repository prefixes ---------------------------------------------------------


def _add_client_prefix_routes(shape: ClientPrefixShape, holder: str) -> None:
    """``/client-prefixes`` (holder ``client``) or ``/repository-prefixes`` (``repository``)."""

    def index(request: Request) -> Response:
        """Newest first unless sorted otherwise; ``<holder>-id``, ``query``, filters, facets."""
        listing = registry(request).prefixes.search_client_prefixes(
            page_of(request), client_prefix_query(request, holder)
        )
        return jsonapi_response(
            list_document(
                request,
                listing,
                lambda record: client_prefix_resource(record, shape),
                CLIENT_PREFIX_FACETS,
            )
        )

    async def create(request: Request, principal: PrincipalDep) -> Response:
        payload = client_prefix_payload(await json_body(request), holder)
        record = await run_in_threadpool(
            partial(
                registry(request).prefixes.assign_to_client,
                principal,
                payload.client_id,
                payload.prefix,
                provider_prefix_id=payload.provider_prefix_id,
                client_source=holder,
            )
        )
        return _created(client_prefix_resource(record, shape), shape)

    def show(client_prefix_id: str, request: Request) -> Response:
        record = registry(request).prefixes.get_client_prefix(client_prefix_id)
        return jsonapi_response(single_document(client_prefix_resource(record, shape)))

    def update(client_prefix_id: str) -> Response:
        raise MethodNotAllowed(ASSIGNMENT_ALLOW)

    def delete(client_prefix_id: str, request: Request, principal: PrincipalDep) -> Response:
        registry(request).prefixes.delete_client_prefix(principal, client_prefix_id)
        return Response(status_code=204)

    item = f"/{shape}/{{client_prefix_id}}"
    router.add_api_route(f"/{shape}", index, methods=["GET"], name=f"list_{holder}_prefixes")
    router.add_api_route(f"/{shape}", create, methods=["POST"], name=f"create_{holder}_prefix")
    router.add_api_route(item, show, methods=["GET"], name=f"get_{holder}_prefix")
    for method in ("PUT", "PATCH"):
        router.add_api_route(
            item, update, methods=[method], name=f"{method.lower()}_{holder}_prefix"
        )
    router.add_api_route(item, delete, methods=["DELETE"], name=f"delete_{holder}_prefix")


_add_client_prefix_routes("client-prefixes", "client")
_add_client_prefix_routes("repository-prefixes", "repository")
