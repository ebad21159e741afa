"""The pagers of ``GET /dois``: which one a request gets, and what each returns over a real
corpus (both backends): numbered, random, cursor, numpy ``updated`` pages and samples."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import numpy as np
import pytest
from sqlalchemy import true
from tests.search.corpus import Corpus, reference_records

from doiregistry.domain.doi_query import DoiQuery, SampleGroup
from doiregistry.domain.listing import Page
from doiregistry.domain.principal import Principal, Role
from doiregistry.search.columnar.facet_index import FacetIndex, SlotSet
from doiregistry.search.dois.paging import (
    CursorPages,
    NumberedPages,
    PageRequest,
    RandomPages,
    Samples,
    UpdatedPages,
    pager_for,
)
from doiregistry.search.dois.service import DoiSearch
from doiregistry.search.sql.sorting import parse_sort

STAFF = Principal(Role.STAFF_ADMIN, uid="admin")
FOUND = SlotSet(np.array([], np.int64), 0, np.array([], np.int64))


def _request(query: DoiQuery, found: SlotSet | None = None) -> PageRequest:
    order = parse_sort(query.sort, cursor=query.cursor_mode, has_query=False)
    page = Page.clamped(query.page_number, query.page_size)
    return PageRequest(query, true(), order, {}, page, found)


@pytest.mark.parametrize(
    ("query", "found", "pager"),
    [
        (DoiQuery(), None, NumberedPages),
        (DoiQuery(), FOUND, UpdatedPages),
        (DoiQuery(sort="name"), FOUND, NumberedPages),
        (DoiQuery(cursor="1"), FOUND, CursorPages),
        (DoiQuery(random=True), FOUND, RandomPages),
        (DoiQuery(sample_group=SampleGroup.CLIENT, random=True), None, Samples),
    ],
)
def test_pager_for(query: DoiQuery, found: SlotSet | None, pager: type) -> None:
    index = FacetIndex.__new__(FacetIndex)  # not read when choosing
    assert isinstance(pager_for(_request(query, found), index), pager)


def _dois(search: DoiSearch, query: DoiQuery) -> list[str]:
    return [record.doi for record in search.search(STAFF, query).records]


def test_updated_pages_from_numpy_equal_sql_pages(corpus: Corpus) -> None:
    search = DoiSearch(corpus.database)
    for sort in ("-updated", "updated"):
        for number in (1, 2, 3):
            query = DoiQuery(sort=sort, page_size=7, page_number=number, disable_facets=True)
            request = _request(query)
            with corpus.database.read() as connection:
                by_sql = NumberedPages().fetch(connection, request)
            by_numpy = search.search(STAFF, query)  # the facet index answers these
            assert [r.doi for r in by_numpy.records] == [r.doi for r in by_sql.records]
            assert (by_numpy.total, by_numpy.next_page) == (by_sql.total, by_sql.next_page)


def test_numbered_pages_cover_the_store_once(corpus: Corpus) -> None:
    search = DoiSearch(corpus.database)
    total = len(reference_records(corpus.database))
    seen: list[str] = []
    query = DoiQuery(sort="name", page_size=9, disable_facets=True)
    while True:
        result = search.search(STAFF, query)
        seen += [record.doi for record in result.records]
        if result.next_page is None:
            break
        query = replace(query, page_number=result.next_page)
    assert len(seen) == len(set(seen)) == total
    assert result.total_pages == -(-total // 9)


def test_cursor_walk_covers_the_store_once(corpus: Corpus) -> None:
    search = DoiSearch(corpus.database)
    seen: list[str] = []
    query = DoiQuery(cursor="", page_size=11, disable_facets=True)
    while True:
        result = search.search(STAFF, query)
        assert result.page is None
        seen += [record.doi for record in result.records]
        if result.next_cursor is None:
            break
        query = replace(query, cursor=result.next_cursor)
    assert sorted(seen) == sorted({r.columns["doi"] for r in reference_records(corpus.database)})


def test_random_pages_repeat_with_a_seed(corpus: Corpus) -> None:
    search = DoiSearch(corpus.database)
    query = DoiQuery(random=True, seed=5, page_size=6, disable_facets=True)
    first = _dois(search, query)
    assert first == _dois(search, query)
    second = _dois(search, replace(query, page_number=2))
    assert not set(first) & set(second)
    assert _dois(search, replace(query, seed=6)) != first


def test_samples_take_up_to_n_per_largest_group(corpus: Corpus) -> None:
    search = DoiSearch(corpus.database)
    records = reference_records(corpus.database)
    per_client = Counter(r.columns["client_id"] for r in records)
    query = DoiQuery(sample_group=SampleGroup.CLIENT, sample=3, page_size=1)
    result = search.search(STAFF, query)
    biggest = per_client.most_common(1)[0][0]
    assert len(result.records) == 3 and {r.client_id for r in result.records} == {biggest}
    both = search.search(STAFF, replace(query, page_size=5, sample=2))
    assert Counter(r.client_id for r in both.records) == dict.fromkeys(per_client, 2)
    assert (both.total, both.total_pages, both.page) == (4, 1, 1)
