"""SQLite and PostgreSQL answer the same requests identically on the same corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.postgres import throwaway_database
from tests.search.corpus import load

from doiregistry.api.rest.doi_params import doi_query
from doiregistry.domain.principal import Principal, Role
from doiregistry.search.dois.service import DoiSearch
from doiregistry.storage import migrate
from doiregistry.storage.engine import Database

STAFF = Principal(Role.STAFF_ADMIN, uid="admin")
REQUESTS: tuple[dict[str, str], ...] = (
    {},
    {"query": "climate"},
    {"query": "creators.nameIdentifiers.nameIdentifierScheme:ORCID"},
    {"query": "_exists_:fundingReferences", "sort": "name"},
    {"query": "publicationYear:[2010 TO *]", "sort": "-created"},
    {"query": "titles.title:data* OR subjects.subject:science", "sort": "relevance"},
    {"resource-type-id": "dataset", "has-person": "true"},
    {"page[cursor]": "1", "page[size]": "7"},
)


def _answer(search: DoiSearch, params: dict[str, str]) -> tuple[Any, ...]:
    query = doi_query({"page[size]": "1000", "disable-facets": "false", **params})
    result = search.search(STAFF, query)
    return result.total, [record.doi for record in result.records], result.facets


def test_sqlite_and_postgresql_agree(tmp_path: Path) -> None:
    with throwaway_database("agree") as url:
        answers = []
        for store_url in (f"sqlite:///{tmp_path / 'corpus.db'}", url):
            database = Database.from_url(store_url)
            try:
                migrate.upgrade(database)
                load(database)
                search = DoiSearch(database)
                answers.append([_answer(search, params) for params in REQUESTS])
            finally:
                database.dispose()
    sqlite, postgresql = answers
    for params, mine, theirs in zip(REQUESTS, sqlite, postgresql, strict=True):
        assert mine == theirs, params
    assert all(total > 0 for total, _, _ in sqlite), [a[0] for a in sqlite]
    assert all(facets for _, _, facets in sqlite)
