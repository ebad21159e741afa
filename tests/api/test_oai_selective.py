"""Selective harvesting over HTTP on the real-record corpus, both backends: member and
repository sets, query sets (the search query language, as ``GET /dois`` runs it) and
``from``/``until`` windows, for ListIdentifiers and ListRecords alike."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from tests.oai.checks import headers, request_attributes, token
from tests.oai.fixtures import Oai, corpus_fixture, oai_fixture  # noqa: F401

from doiregistry.api.rest.doi_params import doi_query
from doiregistry.domain.principal import Principal, Role
from doiregistry.oai.dates import format_datestamp
from doiregistry.search.dois.service import DoiSearch

VERBS = ("ListIdentifiers", "ListRecords")
STAFF = Principal(Role.STAFF_ADMIN, uid="admin")


def identifiers(oai: Oai, **params: str) -> list[str]:
    """Identifiers of a complete list (every page), or ``[]`` for ``noRecordsMatch``."""
    root = oai.get(**params)
    found: list[str] = []
    while True:
        if root.find("{http://www.openarchives.org/OAI/2.0/}error") is not None:
            return found
        found.extend(header.identifier for header in headers(root))
        element = token(root)
        if element is None or not element.text:
            return found
        root = oai.get(verb=params["verb"], resumptionToken=element.text)


def expected(oai: Oai, keep: Any) -> list[str]:
    return [f"doi:{row.doi}" for row in oai.rows() if row.state != "draft" and keep(row)]


def b64(query: str, *, urlsafe: bool = False) -> str:
    encode = base64.urlsafe_b64encode if urlsafe else base64.b64encode
    return encode(query.encode()).decode()


@pytest.mark.parametrize("verb", VERBS)
def test_member_and_repository_sets(oai: Oai, verb: str) -> None:
    members = identifiers(oai, verb=verb, metadataPrefix="oai_dc", set="DATACITE")
    assert members == expected(oai, lambda row: row.provider_id == "datacite")
    repository = identifiers(oai, verb=verb, metadataPrefix="oai_dc", set="example.repo")
    assert repository == expected(oai, lambda row: row.client_id == "example.repo")
    assert members and repository


def test_every_header_names_its_member_and_repository(oai: Oai) -> None:
    root = oai.get(verb="ListIdentifiers", metadataPrefix="oai_dc", set="EXAMPLE")
    assert {header.sets for header in headers(root)} == {("EXAMPLE", "EXAMPLE.REPO")}


def search(oai: Oai, query: str, **filters: str) -> list[str]:
    """What ``GET /dois`` finds for a query among findable and registered DOIs."""
    params = {"query": query, "state": "findable,registered", "page[size]": "1000", **filters}
    found = DoiSearch(oai.database, facets_by_default=False).search(STAFF, doi_query(params))
    wanted = {f"doi:{record.doi}" for record in found.records}
    return expected(oai, lambda row: f"doi:{row.doi}" in wanted)


QUERIES = [
    "publicationYear:2016",
    "types.resourceTypeGeneral:Dataset",
    "titles.title:data*",
    "publicationYear:[2010 TO 2018] AND NOT types.resourceTypeGeneral:Text",
    "subjects.subject:*",
    "datacite",
]


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("verb", VERBS)
def test_query_sets_find_what_the_search_finds(oai: Oai, verb: str, query: str) -> None:
    found = identifiers(oai, verb=verb, metadataPrefix="oai_dc", set="~" + b64(query))
    assert found == search(oai, query)
    spec = identifiers(oai, verb=verb, metadataPrefix="oai_dc", set="DATACITE.TEST~" + b64(query))
    assert spec == [item for item in found if item.startswith("doi:10.5438/")]


def test_query_sets_select_something(oai: Oai) -> None:
    sizes = [len(search(oai, query)) for query in QUERIES]
    assert all(sizes) and len(set(sizes)) > 2


def test_query_set_spellings_and_their_echo(oai: Oai) -> None:
    query = "publicationYear:2016"
    padded = "~" + b64(query)
    unpadded = "~" + b64(query, urlsafe=True).rstrip("=")
    assert padded.endswith("=")
    root = oai.get(verb="ListRecords", metadataPrefix="oai_dc", set=padded)
    assert request_attributes(root)["set"] == unpadded
    assert identifiers(oai, verb="ListRecords", metadataPrefix="oai_dc", set=unpadded) == (
        search(oai, query)
    )


def test_query_sets_are_kept_in_resumption_tokens(oai: Oai) -> None:
    query = "NOT types.resourceTypeGeneral:Dataset"
    wanted = search(oai, query)
    assert len(wanted) > 10  # more than one page
    assert identifiers(
        oai, verb="ListIdentifiers", metadataPrefix="oai_dc", set="~" + b64(query)
    ) == (wanted)


def second(value: datetime) -> datetime:
    return value.astimezone(UTC).replace(microsecond=0)


@pytest.mark.parametrize("verb", VERBS)
def test_from_and_until_are_inclusive_to_the_second(oai: Oai, verb: str) -> None:
    rows = [row for row in oai.rows() if row.state != "draft"]
    middle = second(rows[len(rows) // 2].updated)
    stamp = format_datestamp(middle)
    since = identifiers(oai, verb=verb, metadataPrefix="oai_dc", **{"from": stamp})
    assert since == expected(oai, lambda row: second(row.updated) >= middle)
    until = identifiers(oai, verb=verb, metadataPrefix="oai_dc", until=stamp)
    assert until == expected(oai, lambda row: second(row.updated) <= middle)
    both = identifiers(oai, verb=verb, metadataPrefix="oai_dc", until=stamp, **{"from": stamp})
    assert both == expected(oai, lambda row: second(row.updated) == middle)
    assert since and until and both


def test_day_granularity(oai: Oai) -> None:
    rows = [row for row in oai.rows() if row.state != "draft"]
    day = rows[0].updated.astimezone(UTC).date()
    everything = expected(oai, lambda row: True)
    params = {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"}
    assert identifiers(oai, **params, **{"from": day.isoformat()}) == everything
    assert identifiers(oai, **params, until=day.isoformat()) == everything
    before = (day - timedelta(days=1)).isoformat()
    assert identifiers(oai, **params, until=before) == []
    after = (day + timedelta(days=1)).isoformat()
    assert identifiers(oai, **params, **{"from": after}) == []


def test_the_request_echoes_dates_and_sets(oai: Oai) -> None:
    stamp = format_datestamp(oai.rows()[0].updated)
    root = oai.get(verb="ListIdentifiers", metadataPrefix="oai_dc", set="DATACITE", until=stamp)
    assert request_attributes(root) == {
        "verb": "ListIdentifiers",
        "metadataPrefix": "oai_dc",
        "set": "DATACITE",
        "until": stamp,
    }


def test_an_empty_query_set_is_every_record(oai: Oai) -> None:
    everything = expected(oai, lambda row: True)
    for value in ("~", "~" + b64("   ")):
        assert identifiers(oai, verb="ListIdentifiers", metadataPrefix="oai_dc", set=value) == (
            everything
        )


def test_the_widest_dates(oai: Oai) -> None:
    everything = expected(oai, lambda row: True)
    params = {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"}
    widest = {"from": "0001-01-01", "until": "9999-12-31"}
    assert identifiers(oai, **params, **widest) == everything
    seconds = {"from": "0001-01-01T00:00:00Z", "until": "9999-12-31T23:59:59Z"}
    assert identifiers(oai, **params, **seconds) == everything
