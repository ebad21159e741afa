"""Clauses answered from cached masks agree with SQL and stay exact through writes."""

from __future__ import annotations

from typing import Any

from tests.seed import seed_repository

from doiregistry.registry.dois import DoiService
from doiregistry.registry.principal import Principal, Role
from doiregistry.search.columnar_filters import columnar_slots, sql_clauses
from doiregistry.search.doi_search import DoiSearch
from doiregistry.search.query_parse import parse_query
from doiregistry.storage.engine import Database

OWNER = Principal(
    Role.CLIENT_ADMIN,
    uid="datacite.test",
    client_id="datacite.test",
    provider_ids=frozenset({"datacite"}),
)


def _save(service: DoiService, doi: str, *, publisher: str, scheme: str | None) -> None:
    creator: dict[str, Any] = {"name": "Fenner, Martin"}
    if scheme:
        creator["nameIdentifiers"] = [
            {"nameIdentifier": f"https://example.org/{doi}", "nameIdentifierScheme": scheme}
        ]
    attributes: dict[str, Any] = {
        "titles": [{"title": f"Climate record {doi}"}],
        "creators": [creator],
        "publisher": publisher,
        "types": {"resourceTypeGeneral": "Dataset"},
        "publicationYear": 2020,
    }
    service.save(OWNER, {"data": {"attributes": attributes}}, path_doi=doi)


QUERIES = (
    "creators.nameIdentifiers.nameIdentifierScheme:ORCID",
    "publisher:DataCite",
    "publisher:DataCite AND NOT creators.nameIdentifiers.nameIdentifierScheme:ORCID",
    "publisher:(DataCite OR Zenodo) AND publicationYear:2020",
    "climate",
    'titles.title:"climate record"',
    "creators.nameIdentifiers.nameIdentifierScheme:ISNI OR publisher:Zen*",
)


def _dois(search: DoiSearch, query: str, **params: str) -> set[str]:
    result = search.search(OWNER, {"query": query, "page[size]": "1000", **params})
    return {record.doi for record in result.records}


def _agree(search: DoiSearch) -> None:
    """Each query: the numpy answer (default sort) equals the SQL one (sort by DOI)."""
    for query in QUERIES:
        assert sql_clauses(parse_query(query)), query
        assert columnar_slots(search.facet_index, OWNER, {}, parse_query(query)) is not None
        assert _dois(search, query) == _dois(search, query, sort="name"), query


def _cached_search(database: Database) -> DoiSearch:
    search = DoiSearch(database)
    search.facet_index.clauses.min_matches = 0  # keep every clause, even an empty one
    return search


def test_cached_clauses_agree_with_sql_and_follow_writes(database: Database) -> None:
    seed_repository(database)
    writer, search = DoiService(database), _cached_search(database)
    for number in range(10):
        _save(
            writer,
            f"10.5438/c{number}",
            publisher="DataCite" if number % 2 else "Zenodo",
            scheme="ORCID" if number % 3 == 0 else None,
        )
    _agree(search)
    assert search.facet_index.clauses.entries  # the masks were kept
    orcid = "creators.nameIdentifiers.nameIdentifierScheme:ORCID"
    assert _dois(search, orcid) == {f"10.5438/c{n}" for n in (0, 3, 6, 9)}
    _save(writer, "10.5438/c0", publisher="Zenodo", scheme="ISNI")
    _save(writer, "10.5438/c1", publisher="DataCite", scheme="ORCID")
    writer.delete(OWNER, "10.5438/c3")
    _save(writer, "10.5438/new", publisher="DataCite", scheme="ORCID")
    assert _dois(search, orcid) == {"10.5438/c1", "10.5438/c6", "10.5438/c9", "10.5438/new"}
    _agree(search)


def test_masks_survive_compaction_and_new_fields(database: Database) -> None:
    seed_repository(database)
    writer, search = DoiService(database), _cached_search(database)
    search.facet_index.compact_min_slots = 20
    for number in range(20):
        _save(writer, f"10.5438/k{number}", publisher="DataCite", scheme=None)
    assert len(_dois(search, "publisher:DataCite")) == 20
    for round_number in range(3):
        for number in range(20):
            name = "DataCite" if (number + round_number) % 2 else "Zenodo"
            _save(writer, f"10.5438/k{number}", publisher=name, scheme=None)
        expected = {f"10.5438/k{n}" for n in range(20) if (n + round_number) % 2}
        assert _dois(search, "publisher:DataCite") == expected
    assert search.facet_index.slot_ids.size < 80  # compaction ran
    # the first ORCID in the store adds new index fields: masks compiled before are dropped
    scheme = "creators.nameIdentifiers.nameIdentifierScheme:ORCID"
    assert _dois(search, scheme) == set()
    _save(writer, "10.5438/k0", publisher="Zenodo", scheme="ORCID")
    assert _dois(search, scheme) == {"10.5438/k0"}
    _agree(search)


def test_small_clauses_are_not_kept(database: Database) -> None:
    seed_repository(database)
    writer, search = DoiService(database), DoiSearch(database)
    _save(writer, "10.5438/only", publisher="DataCite", scheme=None)
    assert _dois(search, "publisher:DataCite") == {"10.5438/only"}
    assert not search.facet_index.clauses.entries
