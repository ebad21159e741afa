"""``/clients`` and ``/repositories``: one store of repositories in two shapes (spec §3.2, §6).

``/clients`` renders ``clients`` resources, ``/repositories`` renders
``repositories`` resources (other attributes, and a ``meta`` with DOI and
prefix counts on a single repository). Both accept either type on writes.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from doiregistry.api.auth import principal_from_header
from doiregistry.api.jsonapi import jsonapi_response
from doiregistry.api.request_body import json_body
from doiregistry.api.rest.account_bodies import client_payload
from doiregistry.api.rest.includes import included_providers, requested
from doiregistry.api.rest.list_params import client_query, page_of
from doiregistry.api.rest.listing import (
    list_document,
    registry,
    reject_nul,
    single_document,
)
from doiregistry.domain.client_record import ClientRecord
from doiregistry.domain.principal import Principal
from doiregistry.formats.jsonapi_accounts import ClientShape, client_resource, repository_meta
from doiregistry.formats.list_facets import CLIENT_FACETS, REPOSITORY_FACETS

router = APIRouter(dependencies=[Depends(reject_nul)])

PrincipalDep = Annotated[Principal, Depends(principal_from_header)]
_NOUNS: dict[ClientShape, Literal["client", "repository"]] = {
    "clients": "client",
    "repositories": "repository",
}


def _providers(
    request: Request, principal: Principal, records: list[ClientRecord]
) -> list[dict[str, Any]] | None:
    """``included`` for ``include=provider`` (``None`` when not asked for)."""
    if "provider" not in requested(request):
        return None
    provider_ids = [record.provider_id for record in records]
    return included_providers(registry(request), principal, provider_ids)


def _single(
    record: ClientRecord,
    shape: ClientShape,
    status: int = 200,
    included: list[dict[str, Any]] | None = None,
) -> Response:
    resource = client_resource(record, shape, single=True)
    meta = repository_meta(record) if shape == "repositories" else None
    headers = {"Location": f"/{shape}/{record.id}"} if status == 201 else None
    document = single_document(resource, meta, included)
    return jsonapi_response(document, status=status, headers=headers)


def _list(
    request: Request, principal: Principal, shape: ClientShape, provider_id: str | None = None
) -> Response:
    """The list with DataCite's ``query``, filters, sorts and facets (spec §6.3); a provider
    named in the path replaces ``provider-id``."""
    query = client_query(request)
    if provider_id is not None:
        query = replace(query, provider_ids=[provider_id])
    listing = registry(request).clients.search(principal, page_of(request), query)
    layout = CLIENT_FACETS if shape == "clients" else REPOSITORY_FACETS
    included = _providers(request, principal, listing.items)
    return jsonapi_response(
        list_document(
            request, listing, lambda record: client_resource(record, shape), layout, included
        )
    )


def _add_routes(shape: ClientShape) -> None:
    """The collection, item and nested routes of one shape."""

    async def create(request: Request, principal: PrincipalDep) -> Response:
        payload = client_payload(await json_body(request))
        record = await run_in_threadpool(registry(request).clients.create, principal, payload)
        return _single(record, shape, status=201)

    def index(request: Request, principal: PrincipalDep) -> Response:
        """Repositories, by name unless sorted otherwise."""
        return _list(request, principal, shape)

    def show(client_id: str, request: Request, principal: PrincipalDep) -> Response:
        record = registry(request).clients.get(
            principal, client_id, with_counts=shape == "repositories"
        )
        return _single(record, shape, included=_providers(request, principal, [record]))

    async def update(client_id: str, request: Request, principal: PrincipalDep) -> Response:
        payload = client_payload(await json_body(request))
        await run_in_threadpool(registry(request).clients.update, principal, client_id, payload)
        return await run_in_threadpool(show, client_id, request, principal)

    def delete(client_id: str, request: Request, principal: PrincipalDep) -> Response:
        registry(request).clients.delete(principal, client_id, noun=_NOUNS[shape])
        return Response(status_code=204)

    def of_provider(provider_id: str, request: Request, principal: PrincipalDep) -> Response:
        """The live repositories of one provider (404 for an unknown provider)."""
        provider = registry(request).providers.get(principal, provider_id)
        return _list(request, principal, shape, provider.id)

    name = _NOUNS[shape]
    router.add_api_route(f"/{shape}", index, methods=["GET"], name=f"list_{shape}")
    router.add_api_route(f"/{shape}", create, methods=["POST"], name=f"create_{name}")
    if shape == "repositories":
        router.add_api_route(
            "/repositories/random", random_repository_symbol, methods=["GET"], name="random_symbol"
        )
    router.add_api_route(f"/{shape}/{{client_id}}", show, methods=["GET"], name=f"get_{name}")
    for method in ("PUT", "PATCH"):
        router.add_api_route(
            f"/{shape}/{{client_id}}", update, methods=[method], name=f"{method.lower()}_{name}"
        )
    router.add_api_route(
        f"/{shape}/{{client_id}}", delete, methods=["DELETE"], name=f"delete_{name}"
    )
    router.add_api_route(
        f"/providers/{{provider_id}}/{shape}",
        of_provider,
        methods=["GET"],
        name=f"provider_{shape}",
    )


def random_repository_symbol(request: Request) -> Response:
    """``{"symbol": "ABCDEF"}``: to follow ``<PROVIDER>.`` in a new repository's symbol."""
    return jsonapi_response({"symbol": registry(request).clients.random_symbol()})


_add_routes("clients")
_add_routes("repositories")
