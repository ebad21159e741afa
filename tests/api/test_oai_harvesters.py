"""Real OAI-PMH harvesters (oaipmh-scythe and sickle) against a live server on a loopback
port, on both backends: full, per-set and incremental harvests of 10,000 DOIs over GET and
POST, and a harvest resumed after the server restarted.

The store holds 10,000 DOIs of three repositories in two members, loaded with
the importer (batches of 500 share their datestamp), 100 per page: the
harvested identifiers must be the findable DOIs plus the hidden ones (as
deleted records), each exactly once.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest
from lxml import etree
from oaipmh_scythe import Scythe
from oaipmh_scythe.config import HTTPConfig
from sickle import Sickle
from sqlalchemy import select
from tests.clock import writing_in_the_past
from tests.conftest import _empty_postgres
from tests.live_server import live_server
from tests.oai import store
from tests.oai.test_service import hide, publish, retitle

from doiregistry.oai.dates import format_datestamp
from doiregistry.storage.engine import Database
from doiregistry.storage.tables import dois

RECORDS = 10_000
OAI = "{http://www.openarchives.org/OAI/2.0/}"
Harvested = list[tuple[str, bool]]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def harvest_store(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    sqlite_template: Path,
) -> Iterator[Database]:
    """10,000 DOIs, loaded once per backend for this module."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("harvest") / "store.db"
        shutil.copyfile(sqlite_template, path)
        database = Database.from_url(f"sqlite:///{path}")
    else:
        database = Database.from_url(request.getfixturevalue("postgres_url"))
        _empty_postgres(database)
    try:
        with writing_in_the_past(database):  # later changes land in a later second
            store.seed(database)
            store.load(database, RECORDS)
        yield database
    finally:
        database.dispose()


@pytest.fixture(scope="module")
def server(harvest_store: Database) -> Iterator[str]:
    with live_server(harvest_store) as base:
        yield f"{base}/oai"


def scythe(endpoint: str, method: str) -> Scythe:
    return Scythe(endpoint, http_config=HTTPConfig(http_method=method))


def with_scythe(endpoint: str, method: str, verb: str, **arguments: str) -> Harvested:
    with scythe(endpoint, method) as client:
        if verb == "ListRecords":
            items = client.list_records(ignore_deleted=False, **arguments)  # type: ignore[arg-type]
            return [(item.header.identifier, item.header.deleted) for item in items]  # type: ignore[union-attr]
        headers = client.list_identifiers(ignore_deleted=False, **arguments)  # type: ignore[arg-type]
        return [(item.identifier, item.deleted) for item in headers]  # type: ignore[union-attr]


def with_sickle(endpoint: str, method: str, verb: str, **arguments: str) -> Harvested:
    client = Sickle(endpoint, http_method=method, max_retries=0)
    if verb == "ListRecords":
        records = client.ListRecords(ignore_deleted=False, **arguments)
        return [(item.header.identifier, item.header.deleted) for item in records]
    headers = client.ListIdentifiers(ignore_deleted=False, **arguments)
    return [(item.identifier, item.deleted) for item in headers]


def exactly_once(harvested: Harvested) -> dict[str, bool]:
    found = dict(harvested)
    assert len(found) == len(harvested), "an identifier came twice"
    return found


@pytest.mark.parametrize(
    ("client", "method", "verb", "prefix"),
    [
        ("scythe", "GET", "ListRecords", "oai_datacite"),
        ("sickle", "POST", "ListRecords", "oai_dc"),
        ("scythe", "POST", "ListIdentifiers", "oai_dc"),
        ("sickle", "GET", "ListIdentifiers", "datacite"),
    ],
)
def test_full_harvest(
    server: str, harvest_store: Database, client: str, method: str, verb: str, prefix: str
) -> None:
    if client == "scythe":
        harvested = with_scythe(server, method, verb, metadata_prefix=prefix)
    else:
        harvested = with_sickle(server, method, verb, metadataPrefix=prefix)
    expected = store.harvestable(harvest_store)
    assert len(expected) > 9000
    assert exactly_once(harvested) == expected


def test_set_harvests_partition_the_store(server: str, harvest_store: Database) -> None:
    expected = store.harvestable(harvest_store)
    members = {}
    for spec in ("DATACITE", "EXAMPLE"):
        members.update(
            exactly_once(
                with_sickle(server, "GET", "ListIdentifiers", metadataPrefix="oai_dc", set=spec)
            )
        )
    assert members == expected
    repositories: dict[str, bool] = {}
    for repository, prefix in store.REPOSITORIES:
        found = exactly_once(
            with_scythe(
                server, "POST", "ListIdentifiers", metadata_prefix="oai_dc", set_=repository.upper()
            )
        )
        assert all(identifier.startswith(f"doi:{prefix}/") for identifier in found)
        repositories.update(found)
    assert repositories == expected


def test_incremental_harvest(server: str, harvest_store: Database) -> None:
    since = format_datestamp(harvest_store.clock.now())
    current = store.harvestable(harvest_store)
    findable = sorted(doi for doi, gone in current.items() if not gone)
    changed = {doi.removeprefix("doi:") for doi in findable[:25]}
    for doi in sorted(changed):
        retitle(harvest_store, doi, "Changed after the full harvest")
    hidden = {doi.removeprefix("doi:") for doi in findable[25:35]}
    for doi in sorted(hidden):
        hide(harvest_store, doi)
    drafts = {doi.removeprefix("doi:") for doi in draft_identifiers(harvest_store)[:5]}
    for doi in sorted(drafts):
        publish(harvest_store, doi)
    store.load(harvest_store, 30, start=RECORDS)
    after = store.harvestable(harvest_store)
    touched = {f"doi:{doi}" for doi in changed | hidden | drafts}
    created = set(after) - set(current) - touched
    assert len(touched) == 40 and len(created) > 20
    expected = {doi: after[doi] for doi in touched | created}
    assert sum(expected.values()) >= 10  # the hidden ones, deleted
    for method in ("GET", "POST"):
        by_scythe = with_scythe(
            server, method, "ListRecords", metadata_prefix="oai_dc", from_=since
        )
        assert exactly_once(by_scythe) == expected
        by_sickle = with_sickle(
            server, method, "ListIdentifiers", metadataPrefix="oai_dc", **{"from": since}
        )
        assert exactly_once(by_sickle) == expected
    full = exactly_once(with_sickle(server, "POST", "ListIdentifiers", metadataPrefix="oai_dc"))
    assert full == after


def draft_identifiers(database: Database) -> list[str]:
    with database.read() as connection:
        rows = connection.execute(select(dois.c.doi).where(dois.c.state == "draft"))
        return sorted(f"doi:{doi}" for doi in rows.scalars())


def pages(
    client: httpx2.Client, url: str, params: dict[str, str], count: int
) -> tuple[Harvested, str]:
    """``count`` pages of a list; what they held and the token of the next."""
    harvested: Harvested = []
    token = ""
    for _ in range(count):
        root = etree.fromstring(client.get(url, params=params).content)
        for header in root.iter(f"{OAI}header"):
            harvested.append(
                (header.findtext(f"{OAI}identifier") or "", header.get("status") == "deleted")
            )
        element = root.find(f".//{OAI}resumptionToken")
        assert element is not None and element.text
        token = element.text
        params = {"verb": params["verb"], "resumptionToken": token}
    return harvested, token


def test_a_harvest_resumed_after_a_restart(harvest_store: Database) -> None:
    with live_server(harvest_store) as base, httpx2.Client(timeout=60) as client:
        params = {"verb": "ListRecords", "metadataPrefix": "oai_datacite"}
        before, token = pages(client, f"{base}/oai", params, 3)
    assert len(before) == 300
    url = harvest_store.engine.url.render_as_string(hide_password=False)
    restarted = Database.from_url(url)
    try:
        with live_server(restarted) as base:
            rest = with_sickle(f"{base}/oai", "POST", "ListRecords", resumptionToken=token)
    finally:
        restarted.dispose()
    assert exactly_once(before + rest) == store.harvestable(harvest_store)
