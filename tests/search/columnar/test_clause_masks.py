"""Clauses (``_exists_`` among them) answered from cached masks agree with SQL and stay exact
through writes."""

from __future__ import annotations

from typing import Any

from tests.seed import seed_repository

from doiregistry.domain.doi_query import DoiFilters, DoiQuery
from doiregistry.domain.principal import ANONYMOUS, Principal, Role
from doiregistry.registry.dois.attribute_reader import read_attributes
from doiregistry.registry.dois.service import DoiService
from doiregistry.search.columnar.filters import columnar_slots, sql_clauses
from doiregistry.search.dois.service import DoiSearch
from doiregistry.search.query.parse import parse_query
from doiregistry.storage.engine import Database

OWNER = Principal(
    Role.CLIENT_ADMIN,
    uid="datacite.test",
    client_id="datacite.test",
    provider_ids=frozenset({"datacite"}),
)


FUNDER = {"funderName": "European Commission", "awardNumber": "12345"}


def _save(
    service: DoiService,
    doi: str,
    *,
    publisher: str = "DataCite",
    scheme: str | None = None,
    funded: bool = False,
) -> None:
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
        "fundingReferences": [FUNDER] if funded else [],
    }
    service.save(OWNER, read_attributes(attributes), path_doi=doi)


QUERIES = (
    "creators.nameIdentifiers.nameIdentifierScheme:ORCID",
    "publisher:DataCite",
    "publisher:DataCite AND NOT creators.nameIdentifiers.nameIdentifierScheme:ORCID",
    "publisher:(DataCite OR Zenodo) AND publicationYear:2020",
    "climate",
    'titles.title:"climate record"',
    "creators.nameIdentifiers.nameIdentifierScheme:ISNI OR publisher:Zen*",
)


def _dois(search: DoiSearch, query: str, sort: str | None = None) -> set[str]:
    result = search.search(OWNER, DoiQuery(query=query, page_size=1000, sort=sort))
    return {record.doi for record in result.records}


EXISTS_QUERIES = (
    "_exists_:fundingReferences",
    "creators.nameIdentifiers.nameIdentifier:*",
    "_exists_:fundingReferences AND NOT creators.nameIdentifiers.nameIdentifier:*",
    "_exists_:fundingReferences OR publicationYear:1999",
    "_exists_:fundingReferences.awardNumber",
    "_exists_:geoLocations",
)


def _agree(search: DoiSearch, queries: tuple[str, ...] = QUERIES) -> None:
    """Each query: the numpy answer (default sort) equals the SQL one (sort by DOI)."""
    for query in queries:
        assert sql_clauses(parse_query(query)), query
        assert (
            columnar_slots(search.facet_index, OWNER, DoiFilters(), parse_query(query)) is not None
        )
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


def test_exists_masks_agree_with_sql_and_follow_writes(database: Database) -> None:
    seed_repository(database)
    writer, search = DoiService(database), _cached_search(database)
    for number in range(12):
        orcid = "ORCID" if number % 2 == 0 else None
        _save(writer, f"10.5438/p{number}", funded=number % 3 == 0, scheme=orcid)
    funded = "_exists_:fundingReferences"
    assert _dois(search, funded) == {f"10.5438/p{n}" for n in (0, 3, 6, 9)}
    _agree(search, EXISTS_QUERIES)
    # updates move records in and out of masks that are already kept
    _save(writer, "10.5438/p0")
    _save(writer, "10.5438/p1", funded=True, scheme="ORCID")
    writer.delete(OWNER, "10.5438/p3")
    _save(writer, "10.5438/p99", funded=True)
    assert _dois(search, funded) == {"10.5438/p1", "10.5438/p6", "10.5438/p9", "10.5438/p99"}
    _agree(search, EXISTS_QUERIES)


def test_exists_masks_survive_compaction(database: Database) -> None:
    seed_repository(database)
    writer, search = DoiService(database), _cached_search(database)
    search.facet_index.compact_min_slots = 20
    for number in range(20):
        _save(writer, f"10.5438/e{number}", funded=number < 10)
    assert len(_dois(search, "_exists_:fundingReferences")) == 10
    for round_number in range(3):
        for number in range(20):
            _save(writer, f"10.5438/e{number}", funded=(number + round_number) % 2 == 0)
        expected = {f"10.5438/e{n}" for n in range(20) if (n + round_number) % 2 == 0}
        assert _dois(search, "_exists_:fundingReferences") == expected
    assert search.facet_index.slot_ids.size < 80  # compaction ran
    _agree(search, EXISTS_QUERIES)


def test_anonymous_sees_only_findable_records_in_masks(database: Database) -> None:
    seed_repository(database)
    writer, search = DoiService(database), _cached_search(database)
    _save(writer, "10.5438/draft", funded=True, scheme="ORCID")
    assert search.search(ANONYMOUS, DoiQuery(query="_exists_:fundingReferences")).total == 0
    assert search.search(OWNER, DoiQuery(query="_exists_:fundingReferences")).total == 1
