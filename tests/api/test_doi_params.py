"""The ``GET /dois`` parameter parser: every value it types, every 400 it gives (with the
message DataCite clients see), the ``_`` spelling, and the rendering options."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from starlette.requests import Request

from doiregistry.api.rest.doi_params import doi_query, doi_rendering, request_params, switched_on
from doiregistry.domain.doi_query import DoiFilters, DoiQuery, SampleGroup, YearRange
from doiregistry.domain.errors import BadRequest


def test_no_parameters_is_the_default_query() -> None:
    assert doi_query({}) == DoiQuery()
    assert doi_query({}).filters == DoiFilters()


def test_paging_and_ordering_values() -> None:
    query = doi_query(
        {
            "page[size]": " 7 ",
            "page[number]": "3",
            "sort": "-created",
            "query": "climate",
            "random": " TRUE ",
            "seed": "42",
            "sample": "2",
            "sample-group": "data-center",
        }
    )
    assert (query.page_size, query.page_number, query.sort, query.query) == (
        7,
        3,
        "-created",
        "climate",
    )
    assert (query.random, query.seed, query.sample) == (True, 42, 2)
    assert query.sample_group is SampleGroup.CLIENT
    assert not query.cursor_mode
    assert doi_query({"page[size]": "", "page[number]": " "}) == DoiQuery()


def test_sample_groups() -> None:
    assert doi_query({"sample-group": "provider"}).sample_group is SampleGroup.PROVIDER
    assert doi_query({"sample-group": "resource-type"}).sample_group is SampleGroup.RESOURCE_TYPE
    assert doi_query({"sample-group": "nonsense"}).sample_group is None


def test_cursor_mode_is_the_presence_of_the_cursor() -> None:
    assert doi_query({"page[cursor]": ""}).cursor_mode
    assert doi_query({"page[cursor]": "1"}).cursor == "1"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, None), ("true", True), ("1", True), ("false", False), (" FALSE ", False), ("x", None)],
)
def test_disable_facets(value: str | None, expected: bool | None) -> None:
    params = {} if value is None else {"disable-facets": value}
    assert doi_query(params).disable_facets is expected


def test_facets_are_a_list_as_given() -> None:
    assert doi_query({"facets": "states, resource_types,,"}).facets == ("states", "resource_types")
    assert doi_query({"facets": ""}).facets == ()
    assert doi_query({}).facets is None


@pytest.mark.parametrize(
    ("value", "on"), [(None, False), ("", True), ("true", True), ("false", False), ("0", False)]
)
def test_detail_and_composite_are_any_value_but_false(value: str | None, on: bool) -> None:
    assert switched_on(value) is on
    params = {} if value is None else {"detail": value, "composite": value}
    assert doi_query(params).detail is on
    assert doi_rendering(params).composite is on


def test_filters() -> None:
    filters = doi_query(
        {
            "provider-id": "datacite, other",
            "client-id": "datacite.test",
            "consortium-id": " dc ",
            "prefix": "10.5438",
            "resource-type-id": "StudyRegistration,journal_article",
            "resource-type": "Report",
            "created": "2020,2018",
            "registered": "2019",
            "published": "0999",
            "schema-version": " 4 ",
            "subject": "ice,sea",
            "field-of-science": "Physics",
            "license": "cc-by-4.0",
            "user-id": "https://orcid.org/0000-0002-1825-009x",
            "affiliation-id": "ror.org/04wxnsj81",
            "funder-id": "10.13039/501100000780",
            "source": "api",
            "certificate": "CoreTrustSeal",
            "client-type": "repository,periodical",
            "state": "draft,registered",
            "ids": "10.5438/a, 10.5438/b",
            "id": "10.5438/A",
        }
    ).filters
    assert filters == DoiFilters(
        ids=("10.5438/a", "10.5438/b"),
        id="10.5438/A",
        states=("draft", "registered"),
        provider_ids=("datacite", "other"),
        client_ids=("datacite.test",),
        consortium_id="dc",
        prefixes=("10.5438",),
        resource_type_ids=("study-registration", "journal-article"),
        resource_types=("Report",),
        created=YearRange(2018, 2020),
        registered=YearRange(2019, 2019),
        published=YearRange(999, 999),
        schema_version="4",
        subjects=("ice", "sea"),
        fields_of_science=("Physics",),
        licenses=("cc-by-4.0",),
        user_orcid="0000-0002-1825-009X",
        affiliation_ids=("ror.org/04wxnsj81",),
        funder_ids=("10.13039/501100000780",),
        sources=("api",),
        certificates=("CoreTrustSeal",),
        client_types=("repository", "periodical"),
    )


def test_blank_filters_are_absent_but_a_blank_ids_matches_nothing() -> None:
    blank = dict.fromkeys(("provider-id", "created", "user-id", "state", "certificate"), " ")
    assert doi_query(blank).filters == DoiFilters()
    assert doi_query({"ids": ""}).filters.ids == ()
    assert doi_query({"provider-id": ","}).filters.provider_ids == ()
    assert doi_query({"id": ""}).filters.id is None


def test_presence_switches_and_minimum_counts() -> None:
    filters = doi_query(
        {
            "has-person": "",
            "has-affiliation": "false",
            "has-citations": "3",
            "has-references": " 12abc",
            "has-parts": "true",
            "has-part-of": "",
        }
    ).filters
    assert filters.has_person and filters.has_affiliation  # any value, as DataCite
    assert not filters.has_organization and not filters.has_funder
    assert (filters.min_citations, filters.min_references, filters.min_parts) == (3, 12, 0)
    assert filters.min_part_of is None


@pytest.mark.parametrize("name", ["page[size]", "page[number]", "seed", "sample"])
def test_integers_that_are_not_are_400(name: str) -> None:
    with pytest.raises(BadRequest) as caught:
        doi_query({name: "ten"})
    assert caught.value.title == f"{name} must be an integer, not 'ten'"


@pytest.mark.parametrize("name", ["created", "registered", "published"])
@pytest.mark.parametrize("value", ["20x8", "2018,18", ",", "2018-01"])
def test_years_that_are_not_are_400(name: str, value: str) -> None:
    with pytest.raises(BadRequest) as caught:
        doi_query({name: value})
    assert caught.value.title == f"{name} takes years such as 2018 or 2018,2020, not {value!r}"


def test_a_user_id_without_an_orcid_is_400() -> None:
    with pytest.raises(BadRequest) as caught:
        doi_query({"user-id": "jane"})
    assert caught.value.title == "user-id 'jane' is not an ORCID iD"


def test_rendering_options() -> None:
    rendering = doi_rendering(
        {"fields[dois]": "doi, titles,", "include": "client", "affiliation": "true"}
    )
    assert rendering.fields == frozenset({"doi", "titles"})
    assert "client" in rendering.include
    assert rendering.affiliation and not rendering.publisher
    assert doi_rendering({}).fields is None


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("page[size]=x", "page[size] must be an integer, not 'x'"),
        ("page_number=x", None),  # a bracketed name keeps its spelling: no such parameter
        ("sample=x&sample_group=client", "sample must be an integer, not 'x'"),
        ("created=soon", "created takes years such as 2018 or 2018,2020, not 'soon'"),
        ("user_id=nobody", "user-id 'nobody' is not an ORCID iD"),
    ],
)
def test_over_http(client: TestClient, query: str, title: str | None) -> None:
    response = client.get(f"/dois?{query}")
    if title is None:
        assert response.status_code == 200, response.text
    else:
        assert response.status_code == 400
        assert response.json()["errors"][0]["title"] == title


def test_request_params_normalise_names_and_let_the_path_win() -> None:
    scope = {
        "type": "http",
        "query_string": b"provider_id=a&page[size]=3&provider-id=b&client_id=x&fields[dois]=doi",
        "headers": [],
    }
    params = request_params(Request(scope), **{"client-id": "from.path"})
    assert params == {
        "provider-id": "b",  # the last one wins
        "page[size]": "3",
        "client-id": "from.path",
        "fields[dois]": "doi",
    }
