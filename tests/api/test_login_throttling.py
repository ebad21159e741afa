"""A brute-force loop is held back (REST: a JSON:API 429, MDS: plain text), the right password
from another address still gets in (spec: issue 15 item 7)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from tests.seed import seed_repository

from doiregistry.api.app import create_app
from doiregistry.settings import Settings
from doiregistry.storage.engine import Database

ATTEMPTS = 4
GUESSER = ("192.0.2.1", 40000)
ELSEWHERE = ("198.51.100.7", 40000)
DRAFT = {"data": {"type": "dois", "attributes": {"doi": "10.5438/after-the-guessing"}}}


@pytest.fixture
def app(database: Database) -> Iterator[FastAPI]:
    seed_repository(database)
    settings = Settings(login_address_attempts=ATTEMPTS, login_account_attempts=5 * ATTEMPTS)
    application = create_app(settings, database)
    with TestClient(application):
        yield application


def test_rest_guessing_is_refused_and_the_right_password_elsewhere_works(app: FastAPI) -> None:
    guesser = TestClient(app, client=GUESSER)
    statuses = [
        guesser.post("/dois", json=DRAFT, auth=("DATACITE.TEST", f"guess-{n}")).status_code
        for n in range(3 * ATTEMPTS)
    ]
    assert statuses == [401] * ATTEMPTS + [429] * (2 * ATTEMPTS)

    refused = guesser.post("/dois", json=DRAFT, auth=("DATACITE.TEST", "secret"))
    assert refused.status_code == 429
    assert refused.headers["content-type"].startswith("application/vnd.api+json")
    wait = int(refused.headers["retry-after"])
    assert 0 < wait <= Settings().login_lockout
    assert refused.json() == {
        "errors": [
            {
                "status": "429",
                "title": f"Too many failed sign-in attempts; try again in {wait} seconds.",
            }
        ]
    }
    # anonymous reading from the guessing address is not refused
    assert guesser.get("/heartbeat").status_code == 200

    elsewhere = TestClient(app, client=ELSEWHERE)
    created = elsewhere.post("/dois", json=DRAFT, auth=("DATACITE.TEST", "secret"))
    assert created.status_code == 201


def test_mds_guessing_is_refused_in_plain_text(app: FastAPI) -> None:
    guesser = TestClient(app, client=GUESSER)
    statuses = [
        guesser.get("/doi", auth=("DATACITE.TEST", f"guess-{n}")).status_code
        for n in range(3 * ATTEMPTS)
    ]
    assert statuses == [401] * ATTEMPTS + [429] * (2 * ATTEMPTS)
    refused = guesser.get("/doi", auth=("DATACITE.TEST", "secret"))
    assert refused.status_code == 429
    assert refused.headers["content-type"].startswith("text/plain")
    assert refused.text.startswith("Too many failed sign-in attempts; try again in ")
    assert int(refused.headers["retry-after"]) > 0

    elsewhere = TestClient(app, client=ELSEWHERE)
    assert elsewhere.get("/doi", auth=("DATACITE.TEST", "secret")).status_code in (200, 204)


def test_many_addresses_guessing_one_account_lock_it(app: FastAPI) -> None:
    statuses = [
        TestClient(app, client=(f"203.0.113.{n}", 40000))
        .get("/doi", auth=("DATACITE.TEST", "wrong"))
        .status_code
        for n in range(5 * ATTEMPTS + 1)
    ]
    assert statuses == [401] * (5 * ATTEMPTS) + [429]
