"""``_exists_`` answered from clause masks agrees with SQL and follows every write."""

from __future__ import annotations

from typing import Any

from tests.seed import seed_repository

from doiregistry.registry.dois import DoiService
from doiregistry.registry.principal import ANONYMOUS, Principal, Role
from doiregistry.search.columnar_filters import columnar_slots
from doiregistry.search.doi_search import DoiSearch
from doiregistry.search.query_parse import parse_query
from doiregistry.storage.engine import Database

OWNER = Principal(
    Role.CLIENT_ADMIN,
    uid="datacite.test",
    client_id="datacite.test",
    provider_ids=frozenset({"datacite"}),
)
FUNDER = {"funderName": "European Commission", "awardNumber": "12345"}
ORCID = {
    "nameIdentifier": "https://orcid.org/0000-0003-1419-2405",
    "nameIdentifierScheme": "ORCID",
}


def _save(service: DoiService, doi: str, *, funded: bool, orcid: bool) -> None:
    creator: dict[str, Any] = {"name": "Fenner, Martin"}
    if orcid:
        creator["nameIdentifiers"] = [ORCID]
    attributes: dict[str, Any] = {
        "titles": [{"title": f"Title of {doi}"}],
        "creators": [creator],
        "types": {"resourceTypeGeneral": "Dataset"},
        "publicationYear": 2020,
        "fundingReferences": [FUNDER] if funded else [],
    }
    service.save(OWNER, {"data": {"attributes": attributes}}, path_doi=doi)


def _dois(search: DoiSearch, query: str, **params: str) -> set[str]:
    result = search.search(OWNER, {"query": query, "page[size]": "1000", **params})
    return {record.doi for record in result.records}


QUERIES = (
    "_exists_:fundingReferences",
    "creators.nameIdentifiers.nameIdentifier:*",
    "_exists_:fundingReferences AND NOT creators.nameIdentifiers.nameIdentifier:*",
    "_exists_:fundingReferences OR publicationYear:1999",
    "_exists_:fundingReferences.awardNumber",
    "_exists_:geoLocations",
)


def _agree(search: DoiSearch) -> None:
    """Each query: the columnar answer (default sort) equals the SQL one (sort by DOI)."""
    for query in QUERIES:
        assert columnar_slots(search.facet_index, OWNER, {}, parse_query(query)) is not None
        assert _dois(search, query) == _dois(search, query, sort="name"), query


def test_exists_masks_agree_with_sql_and_follow_writes(database: Database) -> None:
    seed_repository(database)
    writer, search = DoiService(database), DoiSearch(database)
    for number in range(12):
        _save(writer, f"10.5438/p{number}", funded=number % 3 == 0, orcid=number % 2 == 0)
    assert _dois(search, "_exists_:fundingReferences") == {
        f"10.5438/p{n}" for n in (0, 3, 6, 9)
    }
    _agree(search)
    # updates move records in and out of a mask that is already built
    _save(writer, "10.5438/p0", funded=False, orcid=False)
    _save(writer, "10.5438/p1", funded=True, orcid=True)
    writer.delete(OWNER, "10.5438/p3")
    _save(writer, "10.5438/p99", funded=True, orcid=False)
    assert _dois(search, "_exists_:fundingReferences") == {
        "10.5438/p1",
        "10.5438/p6",
        "10.5438/p9",
        "10.5438/p99",
    }
    _agree(search)


def test_masks_survive_compaction(database: Database) -> None:
    seed_repository(database)
    writer, search = DoiService(database), DoiSearch(database)
    search.facet_index.compact_min_slots = 20
    for number in range(20):
        _save(writer, f"10.5438/c{number}", funded=number < 10, orcid=False)
    assert len(_dois(search, "_exists_:fundingReferences")) == 10
    for round_number in range(3):
        for number in range(20):
            funded = (number + round_number) % 2 == 0
            _save(writer, f"10.5438/c{number}", funded=funded, orcid=False)
        expected = {f"10.5438/c{n}" for n in range(20) if (n + round_number) % 2 == 0}
        assert _dois(search, "_exists_:fundingReferences") == expected
    assert search.facet_index.slot_ids.size < 80  # compaction ran
    _agree(search)


def test_anonymous_sees_only_findable_in_masks(database: Database) -> None:
    seed_repository(database)
    writer, search = DoiService(database), DoiSearch(database)
    _save(writer, "10.5438/draft", funded=True, orcid=True)
    result = search.search(ANONYMOUS, {"query": "_exists_:fundingReferences"})
    assert result.total == 0
    assert search.search(OWNER, {"query": "_exists_:fundingReferences"}).total == 1
