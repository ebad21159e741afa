"""The facet registry of ``GET /dois``: names, defaults and order against DataCite's
recordings, the selection rules, and every facet counted over a real corpus (both backends)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from tests.search.corpus import Corpus, reference_records
from tests.search.datacite_lists import recorded_default_facets

from doiregistry.domain.doi_query import DoiQuery
from doiregistry.domain.principal import Principal, Role
from doiregistry.search.columnar.facet_index import Bucket
from doiregistry.search.dois.facet_kinds import published_years, regroup, years
from doiregistry.search.dois.facets import (
    DEFAULT_FACETS,
    FACETS,
    FACETS_BY_NAME,
    facet_name,
    requested,
)
from doiregistry.search.dois.service import DoiSearch

STAFF = Principal(Role.STAFF_ADMIN, uid="admin")
ALL = tuple(facet.name for facet in FACETS)


def test_default_facets_are_datacites_in_its_order() -> None:
    assert list(DEFAULT_FACETS) == recorded_default_facets()


def test_one_entry_per_name() -> None:
    assert len(FACETS_BY_NAME) == len(FACETS)
    assert all(FACETS_BY_NAME[facet.name] is facet for facet in FACETS)


def test_requested_keeps_meta_order_and_drops_unknown_names() -> None:
    assert requested(("languages", "states", "nonsense"), None, True) == ["states", "languages"]
    assert requested(("schema_versions", "resource_types"), None, True) == [
        "resourceTypes",
        "schemaVersions",
    ]
    assert requested((), None, True) == []


@pytest.mark.parametrize(
    ("asked", "disabled", "by_default", "expected"),
    [
        (None, None, True, list(DEFAULT_FACETS)),
        (None, None, False, []),
        (None, False, False, list(DEFAULT_FACETS)),
        (None, True, True, []),
        (("states",), True, True, []),  # disable-facets wins
        (("states",), None, False, ["states"]),
    ],
)
def test_requested_switches(
    asked: tuple[str, ...] | None, disabled: bool | None, by_default: bool, expected: list[str]
) -> None:
    assert requested(asked, disabled, by_default) == expected


def test_facet_name_is_camel_case() -> None:
    assert facet_name(" fields_of_science ") == "fieldsOfScience"
    assert facet_name("clientTypes") == "clientTypes"


def test_years_are_newest_first_and_published_years_stop_at_this_year() -> None:
    buckets = [Bucket(str(year), None, year - 2000) for year in (2012, 2031, 2019, 2005)]
    assert [item["id"] for item in years(buckets, 2)] == ["2031", "2019"]
    now = datetime(2020, 6, 1, tzinfo=UTC)
    assert [item["id"] for item in published_years(buckets, now)] == ["2019", "2012", "2005"]


def test_regroup_sums_client_buckets_by_property() -> None:
    buckets = [Bucket("a", None, 3), Bucket("b", None, 2), Bucket("c", None, 2)]
    kinds = {"a": ["x"], "b": ["y", "x"], "c": ["y"]}
    assert regroup(buckets, kinds.__getitem__) == [Bucket("x", None, 5), Bucket("y", None, 4)]


def test_every_facet_counts_the_corpus(corpus: Corpus) -> None:
    findable = [r for r in reference_records(corpus.database) if r.columns["state"] == "findable"]
    anonymous = Principal(Role.ANONYMOUS)
    result = DoiSearch(corpus.database).search(anonymous, DoiQuery(facets=ALL, page_size=0))
    assert list(result.facets) == list(ALL)
    assert result.facets["states"] == [
        {"id": "findable", "title": "Findable", "count": len(findable)}
    ]
    assert result.facets["registrationAgencies"] == [
        {"id": "datacite", "title": "DataCite", "count": len(findable)}
    ]
    for name in ("views", "downloads"):
        assert result.facets[name] == []
    for name in ("viewCount", "downloadCount", "contentUrlCount"):
        assert result.facets[name] == 0
    types = result.facets["resourceTypes"]
    assert sum(item["count"] for item in types) == len(findable)
    licenses = result.facets["licensesWithMissing"]
    assert sum(item["count"] for item in licenses) >= len(findable)  # records may hold several
    open_count = result.facets["openLicensesCount"]
    assert open_count == sum(item["count"] for item in result.facets["openLicenses"])
    for name, value in result.facets.items():
        if isinstance(value, list):
            assert all(set(item) == {"id", "title", "count"} for item in value), name


def test_staff_see_every_state(corpus: Corpus) -> None:
    records = reference_records(corpus.database)
    result = DoiSearch(corpus.database).search(STAFF, DoiQuery(facets=("states",), page_size=0))
    assert sum(item["count"] for item in result.facets["states"]) == len(records)
