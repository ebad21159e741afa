"""Eight concurrent writers over HTTP lose nothing and duplicate nothing, on both backends."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx2
import pytest
from sqlalchemy import func, select
from tests.live_server import live_server
from tests.seed import seed_repository

from doiregistry.storage.engine import Database
from doiregistry.storage.tables import doi_versions, dois

WRITERS = 8
PER_WRITER = 200
SHARED = 20
AUTH = ("DATACITE.TEST", "secret")


@pytest.fixture
def base_url(database: Database) -> Iterator[str]:
    seed_repository(database, "datacite.test", "secret", "10.5438")
    with live_server(database) as url:
        yield url


def _body(title: str) -> dict[str, object]:
    return {"data": {"type": "dois", "attributes": {"titles": [{"title": title}]}}}


def _writer(base_url: str, writer: int) -> list[tuple[str, int]]:
    statuses: list[tuple[str, int]] = []
    with httpx2.Client(base_url=base_url, auth=AUTH, timeout=60) as client:
        for index in range(PER_WRITER):
            doi = f"10.5438/w{writer}-{index}"
            created = client.put(f"/dois/{doi}", json=_body(f"first {writer}-{index}"))
            updated = client.patch(f"/dois/{doi}", json=_body(f"latest {writer}-{index}"))
            statuses += [(doi, created.status_code), (doi, updated.status_code)]
            if index < SHARED:
                shared = client.put(f"/dois/10.5438/shared-{index}", json=_body(f"by {writer}"))
                statuses.append((f"shared-{index}", shared.status_code))
    return statuses


def test_parallel_writers(base_url: str, database: Database) -> None:
    with ThreadPoolExecutor(WRITERS) as pool:
        results = list(pool.map(lambda w: _writer(base_url, w), range(WRITERS)))
    failures = [item for result in results for item in result if item[1] not in (200, 201)]
    assert failures == []
    with database.read() as connection:
        rows = {row.doi: row for row in connection.execute(select(dois))}
        version_counts = dict(
            connection.execute(
                select(doi_versions.c.doi_id, func.count()).group_by(doi_versions.c.doi_id)
            ).all()
        )
    assert len(rows) == WRITERS * PER_WRITER + SHARED
    for writer in range(WRITERS):
        for index in range(PER_WRITER):
            row = rows[f"10.5438/w{writer}-{index}"]
            assert row.attributes["titles"] == [{"title": f"latest {writer}-{index}"}]
            assert version_counts[row.id] == 2
            assert row.metadata_version == 1
    for index in range(SHARED):
        row = rows[f"10.5438/shared-{index}"]
        assert row.attributes["titles"][0]["title"] in {f"by {w}" for w in range(WRITERS)}
        assert version_counts[row.id] >= 1
