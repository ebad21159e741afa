"""What the account and prefix routers share: their services, the NUL guard on the path and
query, and the single and collection documents.

``links.next`` keeps every parameter of the request (DataCite drops many, quirk Q8).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import Request

from doiregistry.domain.errors import BadRequest
from doiregistry.domain.listing import Listing
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


def list_document(
    request: Request,
    listing: Listing[T],
    render: Callable[[T], dict[str, Any]],
    facets: Layout = (),
    included: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """``{"data": [...], "included"?: [...], "meta": {total, totalPages, page, facets…},
    "links": {self, next?}}``; no facets when nothing matched."""
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
    document: dict[str, Any] = {"data": [render(item) for item in listing.items]}
    if included is not None:
        document["included"] = included
    return {**document, "meta": meta, "links": links}


def single_document(
    resource: dict[str, Any],
    meta: dict[str, Any] | None = None,
    included: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """``{"data": {...}}``, with ``included`` and ``meta`` when there are any."""
    document: dict[str, Any] = {"data": resource}
    if included is not None:
        document["included"] = included
    if meta:
        document["meta"] = meta
    return document
