"""Query parameters, paging and collection documents shared by the account and prefix routers.

Parameter names are read in both spellings (``provider-id`` and
``provider_id``), as DataCite normalises them. ``links.next`` keeps every
parameter of the request (DataCite drops many, quirk Q8).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import Request

from doiregistry.domain.errors import BadRequest
from doiregistry.domain.listing import Listing, Page
from doiregistry.formats.list_facets import Layout, facet_meta
from doiregistry.registry.container import Registry

T = TypeVar("T")


def reject_nul(request: Request) -> None:
    """400 for a NUL character in the path or query (PostgreSQL cannot even compare one)."""
    if "\x00" in request.scope.get("path", "") or any(
        "\x00" in key or "\x00" in value for key, value in request.query_params.multi_items()
    ):
        raise BadRequest("The request path and parameters must not contain NUL characters.")


def registry(request: Request) -> Registry:
    """The services of the running application."""
    value: Registry = request.app.state.registry
    return value


def param(request: Request, name: str) -> str | None:
    """A query parameter by its dash-case name or its snake_case twin; blank counts as absent."""
    params = request.query_params
    value = params.get(name)
    if value is None:
        value = params.get(name.replace("-", "_"))
    value = value.strip() if value is not None else None
    return value or None


def csv_param(request: Request, name: str) -> list[str] | None:
    """A comma-separated parameter as a list (``None`` when absent)."""
    value = param(request, name)
    if value is None:
        return None
    return [item.strip() for item in value.split(",") if item.strip()] or None


def _int_param(request: Request, name: str) -> int | None:
    value = param(request, name)
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        raise BadRequest(f"{name} must be an integer, not {value!r}") from None


def page_of(request: Request) -> Page:
    """``page[number]`` and ``page[size]`` (default 25, at most 1000)."""
    return Page.clamped(_int_param(request, "page[number]"), _int_param(request, "page[size]"))


def list_document(
    request: Request,
    listing: Listing[T],
    render: Callable[[T], dict[str, Any]],
    facets: Layout = (),
) -> dict[str, Any]:
    """``{"data": [...], "meta": {total, totalPages, page, facets…}, "links": {self, next?}}``;
    no facets when nothing matched."""
    page = listing.page
    links: dict[str, str] = {"self": str(request.url)}
    if page.size and len(listing.items) == page.size and page.number < listing.total_pages:
        links["next"] = str(
            request.url.include_query_params(
                **{"page[number]": page.number + 1, "page[size]": page.size}
            )
        )
    meta: dict[str, Any] = {
        "total": listing.total,
        "totalPages": listing.total_pages,
        "page": page.number,
    }
    if listing.total:
        meta.update(facet_meta(listing.facets, facets))
    return {"data": [render(item) for item in listing.items], "meta": meta, "links": links}


def single_document(resource: dict[str, Any], meta: dict[str, Any] | None = None) -> dict[str, Any]:
    """``{"data": {...}}``, with ``meta`` when there is one."""
    document: dict[str, Any] = {"data": resource}
    if meta:
        document["meta"] = meta
    return document


def include_deleted(request: Request) -> bool:
    """``include-deleted``: any value but ``false``/``0`` asks for soft-deleted accounts too."""
    value = param(request, "include-deleted")
    return value is not None and value.lower() not in ("false", "0", "no")
