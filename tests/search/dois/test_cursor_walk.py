"""A cursor walk over 10,000 records while another thread keeps writing returns every
record that existed at the start exactly once, for the default cursor order and for
``sort=-updated`` (records updated during the walk keep their place)."""

from __future__ import annotations

import random
import threading
from collections import Counter
from dataclasses import replace

import pytest
from tests.factories import Services, make_repository

from doiregistry.domain.doi_query import DoiQuery
from doiregistry.domain.principal import ANONYMOUS, Principal, Role
from doiregistry.harvest.importer import Importer, ImportOptions
from doiregistry.harvest.sources import SourceRecord
from doiregistry.registry.dois.attribute_reader import read_attributes
from doiregistry.registry.dois.service import DoiService
from doiregistry.search.dois.service import DoiSearch
from doiregistry.storage.engine import Database

RECORDS = 10_000
OWNER = Principal(
    Role.CLIENT_ADMIN,
    uid="datacite.test",
    client_id="datacite.test",
    provider_ids=frozenset({"datacite"}),
)


def _attributes(index: int) -> dict[str, object]:
    doi = f"10.5438/walk-{index:05d}"
    return {
        "doi": doi,
        "url": f"https://example.org/{index}",
        "creators": [{"name": f"Person {index}", "nameType": "Organizational"}],
        "titles": [{"title": f"Record number {index}"}],
        "publisher": "Example",
        "publicationYear": 2000 + index % 25,
        "types": {"resourceTypeGeneral": "Dataset"},
    }


@pytest.fixture
def store(database: Database) -> Database:
    make_repository(Services.over(database))
    items = [SourceRecord(f"gen:{i}", attributes=_attributes(i)) for i in range(RECORDS)]
    report = Importer(database).run(items, ImportOptions(repository="datacite.test"))
    assert report.created == RECORDS
    return database


def _writer(database: Database, stop: threading.Event, done: list[int]) -> None:
    service = DoiService(database)
    chooser = random.Random(1)
    count = 0
    while not stop.is_set():
        index = chooser.randrange(RECORDS)
        body = read_attributes({"titles": [{"title": f"Changed {count}"}]})
        service.save(OWNER, body, path_doi=f"10.5438/walk-{index:05d}")
        if count % 5 == 0:
            fresh = read_attributes({**_attributes(RECORDS + count), "event": "publish"})
            service.save(OWNER, fresh, path_doi=f"10.5438/walk-{RECORDS + count:05d}")
        count += 1
    done.append(count)


@pytest.mark.parametrize("sort", [None, "-updated"])
def test_walk_while_writing(store: Database, sort: str | None) -> None:
    search = DoiSearch(store)
    before = {f"10.5438/walk-{i:05d}" for i in range(RECORDS)}
    stop, done = threading.Event(), []
    writer = threading.Thread(target=_writer, args=(store, stop, done))
    writer.start()
    seen: Counter[str] = Counter()
    query = DoiQuery(cursor="1", page_size=500, disable_facets=True, sort=sort)
    pages = 0
    try:
        while True:
            result = search.search(ANONYMOUS, query)
            seen.update(record.doi for record in result.records)
            pages += 1
            if result.next_cursor is None:
                break
            query = replace(query, cursor=result.next_cursor)
            stop.wait(0.02)  # let the writer in between pages
    finally:
        stop.set()
        writer.join()
    assert done and done[0] > pages  # the store really changed during the walk
    assert [doi for doi, times in seen.items() if times > 1] == []
    assert before - set(seen) == set()
