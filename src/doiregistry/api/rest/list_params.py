"""Query parameters of the repository, member and prefix lists → the services' query values
(spec §6.3, §7, §8).

Names are read in dash-case and snake_case; comma-separated parameters
become lists. Checking the values is the services' job.
"""

from __future__ import annotations

from fastapi import Request

from doiregistry.api.rest.listing import csv_param, include_deleted, param
from doiregistry.domain.account_queries import (
    ClientPrefixQuery,
    ClientQuery,
    PrefixQuery,
    ProviderPrefixQuery,
    ProviderQuery,
)


def client_query(request: Request) -> ClientQuery:
    return ClientQuery(
        query=param(request, "query"),
        sort=param(request, "sort"),
        ids=csv_param(request, "ids"),
        year=csv_param(request, "year"),
        from_date=param(request, "from-date"),
        until_date=param(request, "until-date"),
        provider_ids=csv_param(request, "provider-id"),
        consortium_id=param(request, "consortium-id"),
        re3data_id=param(request, "re3data-id"),
        opendoar_id=param(request, "opendoar-id"),
        software=csv_param(request, "software"),
        certificates=csv_param(request, "certificate"),
        repository_types=csv_param(request, "repository-type"),
        client_types=csv_param(request, "client-type"),
        include_deleted=include_deleted(request),
    )


def provider_query(request: Request) -> ProviderQuery:
    return ProviderQuery(
        query=param(request, "query"),
        sort=param(request, "sort"),
        ids=csv_param(request, "ids"),
        year=csv_param(request, "year"),
        from_date=param(request, "from-date"),
        until_date=param(request, "until-date"),
        regions=csv_param(request, "region"),
        consortium_id=param(request, "consortium-id"),
        member_types=csv_param(request, "member-type"),
        organization_types=csv_param(request, "organization-type"),
        focus_areas=csv_param(request, "focus-area"),
        non_profit_statuses=csv_param(request, "non-profit-status"),
        has_required_contacts=param(request, "has-required-contacts"),
        include_deleted=include_deleted(request),
    )


def prefix_query(request: Request) -> PrefixQuery:
    return PrefixQuery(
        query=param(request, "query"),
        sort=param(request, "sort"),
        year=csv_param(request, "year"),
        states=csv_param(request, "state"),
        provider_ids=csv_param(request, "provider-id"),
        client_ids=csv_param(request, "client-id"),
    )


def provider_prefix_query(request: Request) -> ProviderPrefixQuery:
    return ProviderPrefixQuery(
        query=param(request, "query"),
        sort=param(request, "sort"),
        year=csv_param(request, "year"),
        states=csv_param(request, "state"),
        prefix_id=param(request, "prefix-id"),
        provider_ids=csv_param(request, "provider-id"),
        consortium_organization_ids=csv_param(request, "consortium-organization-id"),
        consortium_id=param(request, "consortium-id"),
    )


def client_prefix_query(request: Request, holder: str = "client") -> ClientPrefixQuery:
    """``holder`` names the repository filter: ``client-id`` or ``repository-id``."""
    return ClientPrefixQuery(
        query=param(request, "query"),
        sort=param(request, "sort"),
        year=csv_param(request, "year"),
        prefix_id=param(request, "prefix-id"),
        client_ids=csv_param(request, f"{holder}-id") or csv_param(request, "client-id"),
        provider_ids=csv_param(request, "provider-id"),
    )
