"""The OAI-PMH service over a store, both backends: paging order with shared datestamps,
writes during a harvest, tokens across restarts, drafts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select
from tests.clock import a_later_second
from tests.oai import store
from tests.search.corpus import principal

from doiregistry.oai.arguments import parse_request
from doiregistry.oai.dates import format_datestamp
from doiregistry.oai.errors import OaiError
from doiregistry.oai.results import RecordList
from doiregistry.oai.service import OaiConfig, OaiService
from doiregistry.registry.dois.payload import DoiPayload
from doiregistry.registry.dois.service import DoiService
from doiregistry.storage.engine import Database
from doiregistry.storage.tables import dois


def page(service: OaiService, **arguments: str) -> RecordList:
    answer = service.answer(parse_request([("verb", "ListIdentifiers"), *arguments.items()]))
    assert isinstance(answer, RecordList)
    return answer


def walk(service: OaiService, **arguments: str) -> Iterator[RecordList]:
    """Every page of a ListIdentifiers list."""
    current = page(service, metadataPrefix="oai_dc", **arguments)
    yield current
    while current.resumption is not None and current.resumption.token:
        current = page(service, resumptionToken=current.resumption.token)
        yield current


def identifiers(pages: Iterator[RecordList] | list[RecordList]) -> list[str]:
    return [record.header.identifier for answer in pages for record in answer.records]


@pytest.fixture
def loaded(database: Database) -> Database:
    store.seed(database)
    store.load(database, 60, batch_size=1000)
    return database


def test_records_sharing_a_datestamp_are_paged_by_doi(loaded: Database) -> None:
    service = OaiService(loaded, OaiConfig(page_size=4))
    pages = list(walk(service))
    expected = store.harvestable(loaded)
    found = identifiers(pages)
    assert sorted(found) == sorted(expected) and len(found) == len(set(found))
    keys = [(record.header.datestamp, record.doi) for answer in pages for record in answer.records]
    assert keys == sorted(keys)
    assert len({record.header.datestamp for answer in pages for record in answer.records}) < 10
    sizes = [(answer.resumption.complete_list_size, answer.resumption.cursor) for answer in pages]  # type: ignore[union-attr]
    assert sizes == [(len(expected), 4 * number) for number in range(len(pages))]
    deleted = {
        record.header.identifier
        for answer in pages
        for record in answer.records
        if record.header.deleted
    }
    assert deleted == {identifier for identifier, gone in expected.items() if gone}


def test_tokens_survive_a_restart(loaded: Database) -> None:
    first = OaiService(loaded, OaiConfig(page_size=7))
    opening = [page(first, metadataPrefix="oai_dc")]
    token = opening[0].resumption.token  # type: ignore[union-attr]
    url = loaded.engine.url.render_as_string(hide_password=False)
    restarted = Database.from_url(url)
    try:
        second = OaiService(restarted, OaiConfig(page_size=7))
        rest = [page(second, resumptionToken=token)]
        while rest[-1].resumption is not None and rest[-1].resumption.token:
            rest.append(page(second, resumptionToken=rest[-1].resumption.token))
    finally:
        restarted.dispose()
    found = identifiers(opening + rest)
    assert sorted(found) == sorted(store.harvestable(loaded))
    assert len(found) == len(set(found))


def hide(database: Database, doi: str) -> None:
    repository = next(r for r, prefix in store.REPOSITORIES if doi.startswith(prefix + "/"))
    DoiService(database).save(principal(repository), DoiPayload(event="hide"), path_doi=doi)


def retitle(database: Database, doi: str, title: str) -> None:
    repository = next(r for r, prefix in store.REPOSITORIES if doi.startswith(prefix + "/"))
    payload = DoiPayload(metadata={"titles": [{"title": title}]})
    DoiService(database).save(principal(repository), payload, path_doi=doi)


def publish(database: Database, doi: str) -> None:
    repository = next(r for r, prefix in store.REPOSITORIES if doi.startswith(prefix + "/"))
    DoiService(database).save(principal(repository), DoiPayload(event="publish"), path_doi=doi)


def rows(database: Database) -> list[Any]:
    with database.read() as connection:
        return list(connection.execute(select(dois.c.doi, dois.c.state, dois.c.updated)))


def test_writes_during_a_harvest_go_to_the_next_incremental_harvest(loaded: Database) -> None:
    service = OaiService(loaded, OaiConfig(page_size=5))
    loaded.clock = a_later_second()  # the harvest starts in a later second than the load
    started = loaded.clock.now()
    harvest = walk(service)
    opening = [next(harvest), next(harvest)]
    sent = identifiers(opening)
    later = [doi for doi in store.harvestable(loaded) if doi not in sent]
    draft = next(row.doi for row in rows(loaded) if row.state == "draft")
    changed = {
        sent[0].removeprefix("doi:"),  # already harvested
        later[-1].removeprefix("doi:"),  # not yet harvested
    }
    for doi in sorted(changed):
        retitle(loaded, doi, "Changed during the harvest")
    hidden = next(
        doi for doi, gone in store.harvestable(loaded).items() if not gone and doi in later[:-1]
    )
    hide(loaded, hidden.removeprefix("doi:"))
    publish(loaded, draft)
    found = sent + identifiers(harvest)
    assert len(found) == len(set(found))
    moved = {f"doi:{doi}" for doi in changed} | {hidden, f"doi:{draft}"}
    assert set(found) == set(store.harvestable(loaded)) - (moved - set(sent))
    # the next harvest, from when this one started, has every change
    incremental = list(walk(service, **{"from": format_datestamp(started)}))
    changes = {
        record.header.identifier: record.header.deleted
        for answer in incremental
        for record in answer.records
    }
    now = store.harvestable(loaded)
    assert changes == {identifier: now[identifier] for identifier in moved}
    assert changes[hidden]


def test_records_created_after_the_first_page_wait_for_the_next_harvest(loaded: Database) -> None:
    service = OaiService(loaded, OaiConfig(page_size=10))
    harvest = walk(service)
    first = next(harvest)
    store.load(loaded, 6, start=1000)
    rest = list(harvest)
    found = identifiers([first, *rest])
    assert not any("oai-010" in identifier for identifier in found)
    assert rest[-1].resumption is not None
    assert rest[-1].resumption.complete_list_size == len(found)


def test_drafts_are_not_records(loaded: Database) -> None:
    service = OaiService(loaded)
    draft = next(row.doi for row in rows(loaded) if row.state == "draft")
    with pytest.raises(OaiError) as caught:
        service.get_record(f"doi:{draft}", "oai_dc")
    assert caught.value.code == "idDoesNotExist"
    assert f"doi:{draft}" not in identifiers(list(walk(service)))
