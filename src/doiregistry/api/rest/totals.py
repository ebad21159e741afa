"""``/clients/totals``, ``/repositories/totals``, ``/providers/totals`` and
``/prefixes/totals``: DOI counts per account or prefix as DataCite's plain JSON arrays
(spec §6.4, §7, §8). Registered before the item routes, so ``totals`` is never an id."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from doiregistry.api.rest.list_params import param
from doiregistry.api.rest.listing import registry
from doiregistry.registry.doi_totals import DoiTotal

router = APIRouter()


def _response(totals: list[DoiTotal]) -> JSONResponse:
    return JSONResponse([asdict(total) for total in totals])


@router.get("/clients/totals")
@router.get("/repositories/totals", operation_id="repository_totals")
def client_totals(request: Request) -> JSONResponse:
    """Per repository; ``provider-id`` keeps one member's."""
    return _response(registry(request).doi_totals.by_client(param(request, "provider-id")))


@router.get("/providers/totals")
def provider_totals(request: Request) -> JSONResponse:
    return _response(registry(request).doi_totals.by_provider())


@router.get("/prefixes/totals")
def prefix_totals(request: Request) -> JSONResponse:
    """Per prefix; ``client-id`` keeps one repository's."""
    return _response(registry(request).doi_totals.by_prefix(param(request, "client-id")))
