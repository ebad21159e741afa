"""The list services' ``query``, filters, sorts and facets on both backends (spec §6.3, §7, §8).

Every test runs over the world of :mod:`tests.account_world`.
"""

from __future__ import annotations

from typing import Any

import pytest
from tests.account_world import build_world
from tests.factories import STAFF, Services

from doiregistry.domain.account_queries import (
    ClientPrefixQuery,
    ClientQuery,
    PrefixQuery,
    ProviderPrefixQuery,
    ProviderQuery,
)
from doiregistry.domain.errors import BadRequest
from doiregistry.domain.listing import Page
from doiregistry.domain.principal import ANONYMOUS, Principal

EVERYTHING = Page(1, 100)


@pytest.fixture
def world(services: Services) -> Services:
    build_world(services, services.database)
    return services


def provider_ids(world: Services, principal: Principal = STAFF, **query: Any) -> list[str]:
    listing = world.providers.search(principal, EVERYTHING, ProviderQuery(**query))
    return [record.id for record in listing.items]


def client_ids(world: Services, principal: Principal = ANONYMOUS, **query: Any) -> list[str]:
    listing = world.clients.search(principal, EVERYTHING, ClientQuery(**query))
    return [record.id for record in listing.items]


def prefixes(world: Services, **query: Any) -> list[str]:
    return [
        r.prefix for r in world.prefixes.search_prefixes(EVERYTHING, PrefixQuery(**query)).items
    ]


def held(world: Services, **query: Any) -> list[str]:
    listing = world.prefixes.search_provider_prefixes(EVERYTHING, ProviderPrefixQuery(**query))
    return [record.prefix for record in listing.items]


def given(world: Services, **query: Any) -> list[str]:
    listing = world.prefixes.search_client_prefixes(EVERYTHING, ClientPrefixQuery(**query))
    return [record.prefix for record in listing.items]


def counts(buckets: list[dict[str, Any]]) -> list[tuple[str, str, int]]:
    return [(b["id"], b["title"], b["count"]) for b in buckets]


# -- providers ------------------------------------------------------------------------------


def test_provider_sorts(world: Services) -> None:
    assert provider_ids(world) == ["cons", "org", "cdl", "tib"]  # ARDC, Auckland, CDL, TIB
    assert provider_ids(world, sort="name") == ["cons", "org", "cdl", "tib"]
    assert provider_ids(world, sort="-name") == ["tib", "cdl", "org", "cons"]
    assert provider_ids(world, sort="created") == ["cdl", "tib", "cons", "org"]
    assert provider_ids(world, sort="-created") == ["org", "cons", "tib", "cdl"]
    assert provider_ids(world, sort="no-such-sort") == ["cons", "org", "cdl", "tib"]
    # without a query every member is as relevant: display-name order
    assert provider_ids(world, sort="relevance") == ["cons", "org", "cdl", "tib"]
    # the symbol (10) and display name (5) outweigh a word of the description (1)
    assert provider_ids(world, query="tib OR cdl OR leibniz", sort="relevance")[0] == "tib"
    assert provider_ids(world, query="library", sort="relevance") == ["cdl", "tib"]


def test_provider_query(world: Services) -> None:
    assert provider_ids(world, query="library") == ["cdl", "tib"]
    assert provider_ids(world, query="name:library AND country:de") == ["tib"]
    assert provider_ids(world, query="displayName:ardc") == ["cons"]
    assert provider_ids(world, query="member_type:consortium*") == ["cons", "org"]
    assert provider_ids(world, query="created:[2015 TO *]") == ["cons", "org"]
    assert provider_ids(world, query="year:2010") == ["cdl"]
    assert provider_ids(world, query="NOT region:emea AND NOT region:apac") == ["cdl"]
    # e-mail addresses and contacts only for those who may read them
    assert provider_ids(world, query="vote@tib.example.org") == ["tib"]
    assert provider_ids(world, query="contacts:aroha") == ["org"]
    assert provider_ids(world, ANONYMOUS, query="vote@tib.example.org") == []
    assert provider_ids(world, ANONYMOUS, query="group_email:*") == []
    assert provider_ids(world, query="group_email:*") == ["tib"]


def test_provider_filters(world: Services) -> None:
    assert provider_ids(world, year=["2019", "2012"]) == ["cons", "org", "tib"]
    assert provider_ids(world, year=["2010"]) == ["cdl"]
    assert provider_ids(world, from_date="2021-01-01") == ["cdl", "tib"]
    assert provider_ids(world, until_date="2019-09-10") == ["cons", "org"]
    assert provider_ids(world, from_date="2019-01-01", until_date="2021-01-01") == ["org", "cdl"]
    assert provider_ids(world, regions=["amer"]) == ["cdl"]
    assert provider_ids(world, regions=["APAC", "emea"]) == ["cons", "org", "tib"]
    assert provider_ids(world, consortium_id="CONS") == ["org"]
    assert provider_ids(world, member_types=["consortium", "consortium_organization"]) == [
        "cons",
        "org",
    ]
    assert provider_ids(world, organization_types=["academicInstitution"]) == ["cdl"]
    assert provider_ids(world, focus_areas=["humanities", "naturalSciences"]) == ["org"]
    assert provider_ids(world, non_profit_statuses=["for-profit"]) == ["cons"]
    assert provider_ids(world, ids=["TIB", "cdl"]) == ["cdl", "tib"]
    assert provider_ids(world, include_deleted=True) == ["cons", "org", "cdl", "gone", "tib"]
    # different parameters combine with AND
    assert provider_ids(world, regions=["apac"], member_types=["consortium"]) == ["cons"]
    assert provider_ids(world, regions=["amer"], member_types=["consortium"]) == []


def test_required_contacts_filter_respects_who_may_read_contacts(world: Services) -> None:
    assert provider_ids(world, has_required_contacts="true") == ["org", "tib"]
    assert provider_ids(world, has_required_contacts="false") == ["cons", "cdl"]
    assert provider_ids(world, ANONYMOUS, has_required_contacts="true") == []


def test_provider_facets(world: Services) -> None:
    facets = world.providers.search(STAFF, Page(1, 0), ProviderQuery()).facets
    assert list(facets) == [
        "years",
        "regions",
        "memberTypes",
        "organizationTypes",
        "focusAreas",
        "nonProfitStatuses",
        "hasRequiredContacts",
    ]
    assert counts(facets["years"]) == [
        ("2019", "2019", 1),
        ("2018", "2018", 1),
        ("2012", "2012", 1),
        ("2010", "2010", 1),
    ]
    assert counts(facets["regions"]) == [
        ("apac", "Asia and Pacific", 2),
        ("amer", "Americas", 1),
        ("emea", "Europe, Middle East and Africa", 1),
    ]
    assert counts(facets["memberTypes"]) == [
        ("direct_member", "Direct Member", 2),
        ("consortium", "Consortium", 1),
        ("consortium_organization", "Consortium Organization", 1),
    ]
    assert counts(facets["organizationTypes"]) == [
        ("academicInstitution", "Academic Institution", 1),
        ("nationalInstitution", "National Institution", 1),
        ("serviceProvider", "Service Provider", 1),
    ]
    assert counts(facets["focusAreas"]) == [
        ("general", "General", 2),
        ("humanities", "Humanities", 1),
    ]
    assert counts(facets["nonProfitStatuses"]) == [
        ("non-profit", "Non Profit", 3),
        ("for-profit", "For Profit", 1),
    ]
    assert counts(facets["hasRequiredContacts"]) == [
        ("false", "False", 2),
        ("true", "True", 2),
    ]
    anonymous = world.providers.search(ANONYMOUS, Page(1, 0), ProviderQuery()).facets
    assert anonymous["hasRequiredContacts"] == []
    # facets describe what matched
    filtered = world.providers.search(STAFF, Page(), ProviderQuery(regions=["apac"])).facets
    assert counts(filtered["memberTypes"]) == [
        ("consortium", "Consortium", 1),
        ("consortium_organization", "Consortium Organization", 1),
    ]
    assert world.providers.search(STAFF, Page(), ProviderQuery(query="nothing")).facets == {}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (ProviderQuery(year=["twenty"]), "year must be a year"),
        (ProviderQuery(from_date="yesterday"), "from-date must be a date"),
        (ProviderQuery(until_date="2020-13-45"), "until-date must be a date"),
        (ProviderQuery(has_required_contacts="maybe"), "has-required-contacts must be true"),
        (ProviderQuery(query="name:(open"), "Unexpected end of expression"),
        (ProviderQuery(query="colour:red"), "Unknown field colour"),
    ],
)
def test_provider_bad_values_are_400(world: Services, query: ProviderQuery, message: str) -> None:
    with pytest.raises(BadRequest) as caught:
        world.providers.search(STAFF, Page(), query)
    assert message in caught.value.title


# -- repositories ---------------------------------------------------------------------------


def test_client_sorts(world: Services) -> None:
    by_name = ["cdl.dryad", "org.journal", "tib.pangaea", "cdl.ucb"]
    assert client_ids(world) == by_name
    assert client_ids(world, sort="-name") == by_name[::-1]
    assert client_ids(world, sort="created") == [
        "tib.pangaea",
        "cdl.dryad",
        "cdl.ucb",
        "org.journal",
    ]
    assert client_ids(world, sort="-created") == [
        "org.journal",
        "cdl.ucb",
        "cdl.dryad",
        "tib.pangaea",
    ]
    assert client_ids(world, sort="relevance") == by_name
    assert client_ids(world, query="dspace OR berkeley") == ["cdl.dryad", "cdl.ucb"]
    # name (5) + software (3) beats software alone
    assert client_ids(world, query="dspace OR berkeley", sort="relevance") == [
        "cdl.ucb",
        "cdl.dryad",
    ]


def test_client_query(world: Services) -> None:
    assert client_ids(world, query="dspace") == ["cdl.dryad", "cdl.ucb"]
    assert client_ids(world, query="software:dspace AND NOT name:berkeley") == ["cdl.dryad"]
    assert client_ids(world, query="certificate:WDS") == ["tib.pangaea"]
    assert client_ids(world, query="earth") == ["tib.pangaea"]
    assert client_ids(world, query="subjects:earth") == ["tib.pangaea"]
    assert client_ids(world, query='"open journal systems"') == ["org.journal"]
    assert client_ids(world, query="symbol:CDL.*") == ["cdl.dryad", "cdl.ucb"]
    assert client_ids(world, query="uid:cdl.ucb") == ["cdl.ucb"]
    assert client_ids(world, query="url:pangaea.de") == ["tib.pangaea"]
    assert client_ids(world, query="re3data:10.17616/r3xs37") == ["tib.pangaea"]
    assert client_ids(world, query="opendoar:1234") == ["cdl.dryad"]
    assert client_ids(world, query="client_type:periodical OR consortium_id:cons") == [
        "org.journal"
    ]
    assert client_ids(world, query="created:[2014-06 TO 2019]") == ["org.journal", "cdl.ucb"]
    assert client_ids(world, query="year:{2013 TO 2019}") == ["cdl.dryad", "cdl.ucb"]
    # the system e-mail only for those who may read it
    assert client_ids(world, query="data@berkeley.example.edu") == []
    assert client_ids(world, STAFF, query="data@berkeley.example.edu") == ["cdl.ucb"]
    assert client_ids(world, STAFF, query="system_email:*example.edu") == ["cdl.ucb"]


def test_client_filters(world: Services) -> None:
    assert client_ids(world, year=["2014"]) == ["cdl.dryad", "cdl.ucb"]
    assert client_ids(world, year=["2019", "2013"]) == [
        "cdl.dryad",
        "org.journal",
        "tib.pangaea",
        "cdl.ucb",
    ]
    assert client_ids(world, from_date="2022-01-01") == ["tib.pangaea", "cdl.ucb"]
    assert client_ids(world, until_date="2014-05-06") == ["cdl.dryad"]
    assert client_ids(world, provider_ids=["CDL", "org"]) == [
        "cdl.dryad",
        "org.journal",
        "cdl.ucb",
    ]
    assert client_ids(world, consortium_id="cons") == ["org.journal"]
    assert client_ids(world, re3data_id="https://doi.org/10.17616/r3xs37") == ["tib.pangaea"]
    assert client_ids(world, opendoar_id="1234") == ["cdl.dryad"]
    assert client_ids(world, software=["dspace"]) == ["cdl.dryad", "cdl.ucb"]
    assert client_ids(world, software=["Open Journal Systems (OJS)"]) == ["org.journal"]
    assert client_ids(world, certificates=["WDS", "DSA"]) == ["tib.pangaea"]
    assert client_ids(world, repository_types=["institutional", "disciplinary"]) == [
        "tib.pangaea",
        "cdl.ucb",
    ]
    assert client_ids(world, client_types=["periodical"]) == ["org.journal"]
    assert client_ids(world, ids=["CDL.UCB", "tib.pangaea"]) == ["tib.pangaea", "cdl.ucb"]
    assert client_ids(world, include_deleted=True) == [
        "cdl.dryad",
        "org.journal",
        "tib.old",
        "tib.pangaea",
        "cdl.ucb",
    ]
    assert client_ids(
        world, provider_ids=["cdl"], software=["DSpace"], certificates=["CoreTrustSeal"]
    ) == ["cdl.dryad"]
    assert client_ids(world, provider_ids=["tib"], software=["DSpace"]) == []


def test_client_facets(world: Services) -> None:
    listing = world.clients.search(ANONYMOUS, Page(1, 2), ClientQuery())
    assert listing.total == 4
    assert len(listing.items) == 2
    facets = listing.facets
    assert counts(facets["years"]) == [
        ("2019", "2019", 1),
        ("2014", "2014", 2),
        ("2013", "2013", 1),
    ]
    assert counts(facets["providers"]) == [
        ("cdl", "California Digital Library", 2),
        ("org", "University of Auckland", 1),
        ("tib", "German National Library of Science and Technology", 1),
    ]
    assert counts(facets["software"]) == [
        ("dspace", "DSpace", 2),
        ("open journal systems (ojs)", "Open Journal Systems (OJS)", 1),
        ("other", "Other", 1),
    ]
    assert counts(facets["certificates"]) == [
        ("CoreTrustSeal", "Core Trust Seal", 2),
        ("WDS", "Wds", 1),
    ]
    assert counts(facets["repositoryTypes"]) == [
        ("disciplinary", "Disciplinary", 1),
        ("institutional", "Institutional", 1),
        ("multidisciplinary", "Multidisciplinary", 1),
    ]
    assert counts(facets["clientTypes"]) == [
        ("repository", "Repository", 3),
        ("periodical", "Periodical", 1),
    ]
    deleted_too = world.clients.search(ANONYMOUS, Page(), ClientQuery(include_deleted=True))
    assert deleted_too.facets["providers"][1] == {
        "id": "tib",
        "title": "German National Library of Science and Technology",
        "count": 2,
    }


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (ClientQuery(year=["2014", "x"]), "year must be a year"),
        (ClientQuery(from_date="soon"), "from-date must be a date"),
        (ClientQuery(query="software:"), "Unexpected end of expression"),
        (ClientQuery(query="a AND OR b"), "Unexpected  'OR' (at position 6)"),
        (ClientQuery(query="year:recent"), "year is a number field"),
        (ClientQuery(query='"unclosed'), "Illegal character"),
    ],
)
def test_client_bad_values_are_400(world: Services, query: ClientQuery, message: str) -> None:
    with pytest.raises(BadRequest) as caught:
        world.clients.search(ANONYMOUS, Page(), query)
    assert message.lower() in caught.value.title.lower()


def test_pages_cut_the_ordered_matches(world: Services) -> None:
    pages = [
        [r.id for r in world.clients.search(ANONYMOUS, Page(n, 3), ClientQuery()).items]
        for n in (1, 2, 3)
    ]
    assert pages == [["cdl.dryad", "org.journal", "tib.pangaea"], ["cdl.ucb"], []]


# -- prefixes -------------------------------------------------------------------------------


def test_prefix_list(world: Services) -> None:
    everything = ["10.5000", "10.5001", "10.5002", "10.5003", "10.5004", "10.6000", "10.7000"]
    assert prefixes(world) == everything
    assert prefixes(world, sort="-name") == everything[::-1]
    assert prefixes(world, sort="relevance") == everything
    assert prefixes(world, sort="created") == [
        "10.5004",
        "10.5000",
        "10.5001",
        "10.5002",
        "10.6000",
        "10.5003",
        "10.7000",
    ]
    assert prefixes(world, sort="-created")[:2] == ["10.7000", "10.5003"]
    assert prefixes(world, query="10.50") == everything[:5]
    assert prefixes(world, query="10.6*") == ["10.6000"]
    assert prefixes(world, year=["2014"]) == ["10.5001", "10.5002"]
    assert prefixes(world, year=["2020", "2019"]) == ["10.5003", "10.7000"]
    assert prefixes(world, states=["without-repository"]) == ["10.5004", "10.6000"]
    assert prefixes(world, states=["unassigned", "without-repository"]) == [
        "10.5004",
        "10.6000",
        "10.7000",
    ]
    assert prefixes(world, provider_ids=["CDL"]) == ["10.5001", "10.5002", "10.6000"]
    assert prefixes(world, client_ids=["cdl.ucb", "org.journal"]) == ["10.5002", "10.5003"]
    assert prefixes(world, provider_ids=["cdl"], states=["with-repository"]) == [
        "10.5001",
        "10.5002",
    ]
    with pytest.raises(BadRequest, match=None) as caught:
        prefixes(world, states=["lost"])
    assert "state must be one of" in caught.value.title


def test_prefix_facets(world: Services) -> None:
    facets = world.prefixes.search_prefixes(Page(), PrefixQuery()).facets
    assert list(facets) == ["years", "states", "providers", "clients"]
    assert [b["id"] for b in facets["years"]] == ["2020", "2019", "2015", "2014", "2013", "2011"]
    assert facets["years"][3]["count"] == 2
    assert counts(facets["states"]) == [
        ("with-repository", "With Repository", 4),
        ("without-repository", "Without Repository", 2),
        ("unassigned", "Unassigned", 1),
    ]
    assert counts(facets["providers"]) == [
        ("cdl", "California Digital Library", 3),
        ("tib", "German National Library of Science and Technology", 2),
        ("org", "University of Auckland", 1),
    ]
    assert counts(facets["clients"]) == [
        ("cdl.dryad", "Dryad Digital Repository", 1),
        ("cdl.ucb", "UC Berkeley Library", 1),
        ("org.journal", "Journal of Things", 1),
        ("tib.pangaea", "PANGAEA", 1),
    ]
    assert world.prefixes.search_prefixes(Page(), PrefixQuery(query="11.")).facets == {}


def test_provider_prefix_list(world: Services) -> None:
    assert held(world) == ["10.5003", "10.6000", "10.5002", "10.5001", "10.5000", "10.5004"]
    assert held(world, sort="name") == [
        "10.5000",
        "10.5001",
        "10.5002",
        "10.5003",
        "10.5004",
        "10.6000",
    ]
    assert held(world, sort="created")[0] == "10.5004"
    assert held(world, provider_ids=["tib", "ORG"]) == ["10.5003", "10.5000", "10.5004"]
    assert held(world, consortium_organization_ids=["org"]) == ["10.5003"]
    assert held(world, consortium_id="CONS") == ["10.5003"]
    assert held(world, states=["without-repository"]) == ["10.6000", "10.5004"]
    assert held(world, prefix_id="10.5001") == ["10.5001"]
    assert held(world, year=["2014"]) == ["10.5002", "10.5001"]
    assert held(world, query="10.6") == ["10.6000"]
    assert held(world, provider_ids=["cdl"], states=["with-repository"], year=["2014"]) == [
        "10.5002",
        "10.5001",
    ]
    facets = world.prefixes.search_provider_prefixes(Page(), ProviderPrefixQuery()).facets
    assert list(facets) == ["years", "states", "providers"]
    assert counts(facets["states"]) == [
        ("with-repository", "With Repository", 4),
        ("without-repository", "Without Repository", 2),
    ]
    assert counts(facets["providers"])[0] == ("cdl", "California Digital Library", 3)
    with pytest.raises(BadRequest):
        held(world, states=["unassigned"])


def test_client_prefix_list(world: Services) -> None:
    assert given(world) == ["10.5003", "10.5002", "10.5001", "10.5000"]
    assert given(world, sort="name") == ["10.5000", "10.5001", "10.5002", "10.5003"]
    assert given(world, client_ids=["cdl.dryad", "CDL.UCB"]) == ["10.5002", "10.5001"]
    assert given(world, provider_ids=["tib"]) == ["10.5000"]
    assert given(world, prefix_id="10.5003") == ["10.5003"]
    assert given(world, year=["2013", "2014"]) == ["10.5002", "10.5001", "10.5000"]
    assert given(world, query="10.500") == ["10.5003", "10.5002", "10.5001", "10.5000"]
    assert given(world, query="10.6") == []
    facets = world.prefixes.search_client_prefixes(Page(), ClientPrefixQuery()).facets
    assert list(facets) == ["years", "providers", "clients"]
    assert counts(facets["years"]) == [
        ("2019", "2019", 1),
        ("2014", "2014", 2),
        ("2013", "2013", 1),
    ]
    assert counts(facets["providers"]) == [
        ("cdl", "California Digital Library", 2),
        ("org", "University of Auckland", 1),
        ("tib", "German National Library of Science and Technology", 1),
    ]
    assert [b["id"] for b in facets["clients"]] == [
        "cdl.dryad",
        "cdl.ucb",
        "org.journal",
        "tib.pangaea",
    ]
