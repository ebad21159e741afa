"""The columnar facet index follows every committed write, from any process, and compacts."""

from __future__ import annotations

import pytest
from tests.seed import seed_repository

from doiregistry.domain.doi_query import DoiFilters, DoiQuery
from doiregistry.domain.principal import ANONYMOUS, Principal, Role
from doiregistry.registry.dois.attribute_reader import read_attributes
from doiregistry.registry.dois.service import DoiService
from doiregistry.search.columnar.facet_index import FacetIndex
from doiregistry.search.columnar.filters import columnar_slots
from doiregistry.search.dois.service import DoiSearch
from doiregistry.search.query.tree import MatchAll
from doiregistry.storage.engine import Database

OWNER = Principal(
    Role.CLIENT_ADMIN,
    uid="datacite.test",
    client_id="datacite.test",
    provider_ids=frozenset({"datacite"}),
)


def _save(service: DoiService, doi: str, general: str, event: str | None = None) -> None:
    attributes: dict[str, object] = {
        "titles": [{"title": f"Title of {doi}"}],
        "types": {"resourceTypeGeneral": general},
        "publicationYear": 2020,
    }
    if event:
        attributes.update(event=event, url="https://example.org/x")
    service.save(OWNER, read_attributes(attributes), path_doi=doi)


def _types(search: DoiSearch) -> dict[str, int]:
    result = search.search(OWNER, DoiQuery(facets=("resourceTypes",), page_size=0))
    return {bucket["id"]: bucket["count"] for bucket in result.facets.get("resourceTypes", [])}


def test_another_process_sees_every_write(database: Database) -> None:
    seed_repository(database)
    writer = DoiService(database)
    first, second = DoiSearch(database), DoiSearch(database)  # two independent indexes
    _save(writer, "10.5438/a", "Dataset")
    _save(writer, "10.5438/b", "Dataset")
    assert _types(first) == {"dataset": 2} == _types(second)
    _save(writer, "10.5438/b", "Software")
    writer.delete(OWNER, "10.5438/a")
    assert _types(second) == {"software": 1}
    assert _types(first) == {"software": 1}


def test_anonymous_facets_follow_state_changes(database: Database) -> None:
    seed_repository(database)
    writer, search = DoiService(database), DoiSearch(database)
    _save(writer, "10.5438/a", "Dataset")
    assert search.search(ANONYMOUS, DoiQuery(facets=("states",))).total == 0
    # a draft cannot be published without valid metadata; the facet index still sees the draft
    assert _types(search) == {"dataset": 1}


@pytest.mark.parametrize("rounds", [3])
def test_compaction_keeps_counts(database: Database, rounds: int) -> None:
    seed_repository(database)
    writer = DoiService(database)
    index = FacetIndex(database)
    index.compact_min_slots = 100
    for number in range(60):
        _save(writer, f"10.5438/n{number}", "Dataset")
    index.refresh()
    for _ in range(rounds):
        for number in range(60):
            _save(writer, f"10.5438/n{number}", "Text" if number % 2 else "Dataset")
        index.refresh()
    assert index.slot_ids.size < 60 * (rounds + 1)  # dead slots were dropped
    buckets = {
        b.key: b.count for b in index.counts("resource_type", index.slots(list(index.slot_of)))
    }
    assert buckets == {"dataset": 30, "text": 30}


def test_slots_taken_before_a_compaction_find_their_records(database: Database) -> None:
    seed_repository(database)
    writer = DoiService(database)
    index = FacetIndex(database)
    index.compact_min_slots = 10
    for number in range(12):
        _save(writer, f"10.5438/g{number}", "Dataset")
    found = columnar_slots(index, OWNER, DoiFilters(), MatchAll())
    assert found is not None and len(found) == 12
    generation = index.generation
    for number in range(4):
        writer.delete(OWNER, f"10.5438/g{number}")
    for number in range(4, 12):
        _save(writer, f"10.5438/g{number}", "Text")
    index.refresh()  # 20 slots, 8 alive: compacted, every slot renumbered
    assert index.generation > generation and index.slot_ids.size == 8
    with index.lock:
        slots = index.resolve(found)
        kept = sorted(index.slot_ids.view[slots].tolist())
        assert kept == sorted(found.ids.tolist())[4:]
        assert {b.key: b.count for b in index.counts("resource_type", slots)} == {"text": 8}
