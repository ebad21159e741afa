"""Query parameters of the repository, member and prefix lists → the services' query values
and page (spec §6.3, §7, §8).

Names are read in dash-case and snake_case (``provider-id`` and ``provider_id``),
as DataCite normalises them; blank counts as absent; comma-separated
parameters become lists. Checking the values is the services' job.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request

from doiregistry.api.rest.integer_params import integer
from doiregistry.domain.account_queries import (
    ClientPrefixQuery,
    ClientQuery,
    PrefixQuery,
    ProviderPrefixQuery,
    ProviderQuery,
)
from doiregistry.domain.listing import Page


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
    return integer(name, param(request, name))


def page_of(request: Request) -> Page:
    """``page[number]`` and ``page[size]`` (default 25, at most 1000)."""
    return Page.clamped(_int_param(request, "page[number]"), _int_param(request, "page[size]"))


def include_deleted(request: Request) -> bool:
    """``include-deleted``: any value but ``false``/``0`` asks for soft-deleted accounts too."""
    value = param(request, "include-deleted")
    return value is not None and value.lower() not in ("false", "0", "no")


def _list_fields(request: Request) -> dict[str, Any]:
    """The parameters every list takes (``ListQuery``)."""
    return {
        "query": param(request, "query"),
        "sort": param(request, "sort"),
        "year": csv_param(request, "year"),
    }


def _account_fields(request: Request) -> dict[str, Any]:
    """The parameters the repository and member lists take (``AccountQuery``)."""
    return {
        **_list_fields(request),
        "ids": csv_param(request, "ids"),
        "from_date": param(request, "from-date"),
        "until_date": param(request, "until-date"),
        "consortium_id": param(request, "consortium-id"),
        "include_deleted": include_deleted(request),
    }


def client_query(request: Request) -> ClientQuery:
    return ClientQuery(
        **_account_fields(request),
        provider_ids=csv_param(request, "provider-id"),
        re3data_id=param(request, "re3data-id"),
        opendoar_id=param(request, "opendoar-id"),
        software=csv_param(request, "software"),
        certificates=csv_param(request, "certificate"),
        repository_types=csv_param(request, "repository-type"),
        client_types=csv_param(request, "client-type"),
    )


def provider_query(request: Request) -> ProviderQuery:
    return ProviderQuery(
        **_account_fields(request),
        regions=csv_param(request, "region"),
        member_types=csv_param(request, "member-type"),
        organization_types=csv_param(request, "organization-type"),
        focus_areas=csv_param(request, "focus-area"),
        non_profit_statuses=csv_param(request, "non-profit-status"),
        has_required_contacts=param(request, "has-required-contacts"),
    )


def prefix_query(request: Request) -> PrefixQuery:
    return PrefixQuery(
        **_list_fields(request),
        states=csv_param(request, "state"),
        provider_ids=csv_param(request, "provider-id"),
        client_ids=csv_param(request, "client-id"),
    )


def provider_prefix_query(request: Request) -> ProviderPrefixQuery:
    return ProviderPrefixQuery(
        **_list_fields(request),
        states=csv_param(request, "state"),
        prefix_id=param(request, "prefix-id"),
        provider_ids=csv_param(request, "provider-id"),
        consortium_organization_ids=csv_param(request, "consortium-organization-id"),
        consortium_id=param(request, "consortium-id"),
    )


def client_prefix_query(request: Request, holder: str = "client") -> ClientPrefixQuery:
    """``holder`` names the repository filter: ``client-id`` or ``repository-id``."""
    return ClientPrefixQuery(
        **_list_fields(request),
        prefix_id=param(request, "prefix-id"),
        client_ids=csv_param(request, f"{holder}-id") or csv_param(request, "client-id"),
        provider_ids=csv_param(request, "provider-id"),
    )
