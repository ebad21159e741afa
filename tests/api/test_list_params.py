"""Reading the query parameters of the repository, member and prefix lists."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.requests import Request

from doiregistry.api.rest.list_params import (
    client_prefix_query,
    client_query,
    csv_param,
    include_deleted,
    page_of,
    param,
    prefix_query,
    provider_prefix_query,
    provider_query,
)
from doiregistry.domain.account_queries import (
    ClientPrefixQuery,
    ClientQuery,
    PrefixQuery,
    ProviderPrefixQuery,
    ProviderQuery,
)
from doiregistry.domain.errors import BadRequest
from doiregistry.domain.listing import Page


def request(query: str) -> Request:
    return Request({"type": "http", "method": "GET", "path": "/", "query_string": query.encode()})


def test_names_in_dash_case_or_snake_case_and_blank_as_absent() -> None:
    assert param(request("provider-id=a"), "provider-id") == "a"
    assert param(request("provider_id=b"), "provider-id") == "b"
    assert param(request("provider-id=+"), "provider-id") is None
    assert param(request(""), "provider-id") is None


def test_comma_separated_lists() -> None:
    assert csv_param(request("ids=a,+b,,c"), "ids") == ["a", "b", "c"]
    assert csv_param(request("ids=,"), "ids") is None
    assert csv_param(request(""), "ids") is None


@pytest.mark.parametrize(
    ("query", "wanted"),
    [
        ("", False),
        ("include-deleted=false", False),
        ("include_deleted=0", False),
        ("include-deleted=no", False),
        ("include-deleted=true", True),
        ("include-deleted=x", True),
    ],
)
def test_include_deleted(query: str, wanted: bool) -> None:
    assert include_deleted(request(query)) is wanted


def test_page() -> None:
    assert page_of(request("")) == Page(1, 25)
    assert page_of(request("page[number]=3&page[size]=5000")) == Page(3, 1000)
    with pytest.raises(BadRequest, match="page\\[size\\] must be an integer"):
        page_of(request("page[size]=many"))


SHARED = "query=q&sort=-name&year=2019,2020"
SHARED_VALUES: dict[str, Any] = {"query": "q", "sort": "-name", "year": ["2019", "2020"]}
ACCOUNT = f"{SHARED}&ids=a,b&from-date=2020-01-01&until-date=2021-01-01&consortium-id=c"
ACCOUNT_VALUES: dict[str, Any] = {
    **SHARED_VALUES,
    "ids": ["a", "b"],
    "from_date": "2020-01-01",
    "until_date": "2021-01-01",
    "consortium_id": "c",
}


def test_client_query() -> None:
    query = client_query(
        request(
            f"{ACCOUNT}&include-deleted=1&provider-id=p&re3data-id=r&opendoar-id=o&software=s"
            "&certificate=CLARIN&repository-type=other&client-type=periodical"
        )
    )
    assert query == ClientQuery(
        **ACCOUNT_VALUES,
        include_deleted=True,
        provider_ids=["p"],
        re3data_id="r",
        opendoar_id="o",
        software=["s"],
        certificates=["CLARIN"],
        repository_types=["other"],
        client_types=["periodical"],
    )


def test_provider_query() -> None:
    query = provider_query(
        request(
            f"{ACCOUNT}&region=emea&member-type=consortium&organization-type=other"
            "&focus-area=general&non-profit-status=for-profit&has-required-contacts=true"
        )
    )
    assert query == ProviderQuery(
        **ACCOUNT_VALUES,
        regions=["emea"],
        member_types=["consortium"],
        organization_types=["other"],
        focus_areas=["general"],
        non_profit_statuses=["for-profit"],
        has_required_contacts="true",
    )


def test_prefix_queries() -> None:
    assert prefix_query(request(f"{SHARED}&state=unassigned&provider-id=p&client-id=c")) == (
        PrefixQuery(
            **SHARED_VALUES,
            states=["unassigned"],
            provider_ids=["p"],
            client_ids=["c"],
        )
    )
    assert provider_prefix_query(
        request(
            f"{SHARED}&state=x&prefix-id=10.1&provider-id=p&consortium-organization-id=o"
            "&consortium-id=c"
        )
    ) == ProviderPrefixQuery(
        **SHARED_VALUES,
        states=["x"],
        prefix_id="10.1",
        provider_ids=["p"],
        consortium_organization_ids=["o"],
        consortium_id="c",
    )
    assert client_prefix_query(request("repository-id=r&prefix-id=10.1"), "repository") == (
        ClientPrefixQuery(prefix_id="10.1", client_ids=["r"])
    )
    assert client_prefix_query(request("client-id=c"), "repository") == ClientPrefixQuery(
        client_ids=["c"]
    )
