"""Issue 15: no query can hang the server or answer 500 (over HTTP, on both backends).

Each request the issue names is sent to the real application over a small
corpus: the bounds answer 400 naming the limit and its setting, searches out of
their time budget answer 503 naming the budget (proven with a tiny budget, as
the corpus is too small to be slow), and the former 500s answer 200.
"""

from __future__ import annotations

import base64
import threading
import time
from collections.abc import Iterator

import httpx2
import pytest
from fastapi.testclient import TestClient
from tests.live_server import live_server
from tests.search.corpus import corpus_on

from doiregistry.api.app import create_app
from doiregistry.settings import Settings
from doiregistry.storage.engine import Database

LEADING_WILDCARDS = " OR ".join(f"*a{i}*" for i in range(200))
MANY_NOTS = " AND ".join(f"NOT w{i}" for i in range(300))
TITLE_WILDCARDS = " OR ".join(f"titles.title:*{letter}*" for letter in "abcd")
MANY_WORDS = " OR ".join(f"word{i}" for i in range(300))


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Database]:
    with corpus_on(request.param, tmp_path_factory, limit=40) as corpus:
        yield corpus.database


def _client(store: Database, **settings: int) -> TestClient:
    return TestClient(create_app(Settings(**settings), store), raise_server_exceptions=False)


@pytest.fixture
def http(store: Database) -> Iterator[TestClient]:
    with _client(store) as client:
        yield client


def _title(response: httpx2.Response) -> str:
    title: str = response.json()["errors"][0]["title"]
    return title


def _search(client: TestClient, query: str) -> httpx2.Response:
    response: httpx2.Response = client.get("/dois", params={"query": query})
    return response


def test_two_hundred_leading_wildcards_are_a_400(http: TestClient) -> None:
    response = _search(http, LEADING_WILDCARDS)
    assert response.status_code == 400
    assert _title(response) == (
        "The query has 200 wildcard terms; at most 32 are allowed (DOIREGISTRY_MAX_QUERY_WILDCARDS)"
    )


def test_a_few_leading_wildcards_too_many_are_a_400(http: TestClient) -> None:
    response = _search(http, " OR ".join(f"*a{i}" for i in range(5)))
    assert response.status_code == 400
    assert _title(response) == (
        "The query has 5 terms that start with a wildcard; at most 4 are allowed "
        "(DOIREGISTRY_MAX_QUERY_LEADING_WILDCARDS)"
    )


def test_clauses_over_the_limit_are_a_400(http: TestClient) -> None:
    response = _search(http, " ".join(["x"] * 1200))
    assert response.status_code == 400
    assert _title(response) == (
        "The query has 1,200 clauses; at most 1,024 are allowed (DOIREGISTRY_MAX_QUERY_CLAUSES)"
    )


def test_nesting_over_the_limit_is_a_400(http: TestClient) -> None:
    query = "a"
    for level in range(25):
        query = f"w{level} {'AND' if level % 2 else 'OR'} ({query})"
    response = _search(http, query)
    assert response.status_code == 400
    assert _title(response).startswith("The query is nested deeper than 20 levels")
    assert "DOIREGISTRY_MAX_QUERY_DEPTH" in _title(response)


def test_a_limit_is_a_setting(store: Database) -> None:
    with _client(store, max_query_wildcards=300, max_query_leading_wildcards=300) as client:
        assert _search(client, LEADING_WILDCARDS).status_code == 200
    with _client(store, max_query_clauses=3) as client:
        response = _search(client, "a b c d")
        assert response.status_code == 400
        assert "at most 3 are allowed (DOIREGISTRY_MAX_QUERY_CLAUSES)" in _title(response)


@pytest.mark.parametrize("query", [MANY_NOTS, TITLE_WILDCARDS, "*a* OR *e* OR *i*"])
def test_a_search_out_of_its_time_budget_is_a_503(store: Database, query: str) -> None:
    # a budget spent before the first statement: the corpus is too small to be slow
    with _client(store, search_time_budget_ms=0) as client:
        response = _search(client, query)
        assert response.status_code == 503
        assert response.headers["retry-after"] == "1"
        assert _title(response).startswith(
            "The search did not finish within its time budget of 0 ms "
            "(DOIREGISTRY_SEARCH_TIME_BUDGET_MS)"
        )
    with _client(store) as client:
        # nothing is left running or locked: the same query within the default budget
        assert _search(client, query).status_code == 200


@pytest.mark.parametrize("query", [MANY_NOTS, TITLE_WILDCARDS, "*a* OR *e* OR *i*"])
def test_the_slow_shapes_answer_within_the_default_budget(http: TestClient, query: str) -> None:
    assert _search(http, query).status_code == 200


def test_facets_out_of_their_budget_are_reported(store: Database) -> None:
    with _client(store, facet_time_budget_ms=0) as client:
        response = client.get("/dois", params={"facets": "states,resourceTypes"})
    assert response.status_code == 200
    meta = response.json()["meta"]
    assert meta["facetsTimedOut"] == ["states", "resourceTypes"]
    assert "states" not in meta
    assert meta["total"] > 0


def test_facets_within_their_budget_report_no_timeout(http: TestClient) -> None:
    meta = http.get("/dois", params={"facets": "states"}).json()["meta"]
    assert "states" in meta
    assert "facetsTimedOut" not in meta


def test_a_range_to_the_last_representable_day_is_not_a_500(http: TestClient) -> None:
    everything = http.get("/dois").json()["meta"]["total"]
    response = _search(http, "created:[1000-01-01 TO 9999-12-31]")
    assert response.status_code == 200
    assert response.json()["meta"]["total"] == everything


@pytest.mark.parametrize("sort", [None, "relevance"])
def test_a_few_hundred_or_terms_are_not_a_500(http: TestClient, sort: str | None) -> None:
    params = {"query": MANY_WORDS} | ({"sort": sort} if sort else {})
    response = http.get("/dois", params=params)
    assert response.status_code == 200
    assert response.json()["meta"]["total"] == 0
    # and with words the corpus holds, hundreds of ORs find what one finds
    many = " OR ".join(["data"] + [f"nw{i}" for i in range(300)])
    assert (
        _search(http, many).json()["meta"]["total"] == _search(http, "data").json()["meta"]["total"]
    )


def test_match_all_query_matches_every_record(http: TestClient) -> None:
    everything = http.get("/dois").json()["meta"]["total"]
    assert _search(http, "*:*").json()["meta"]["total"] == everything
    assert _search(http, "*").json()["meta"]["total"] == everything


def _oai_query_set(client: TestClient, query: str) -> str:
    encoded = base64.urlsafe_b64encode(query.encode()).decode().rstrip("=")
    response = client.get(
        "/oai", params={"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": f"~{encoded}"}
    )
    assert response.status_code == 200
    return response.text


def test_an_oai_query_set_with_many_wildcards_is_a_bad_argument(http: TestClient) -> None:
    body = _oai_query_set(http, LEADING_WILDCARDS)
    assert 'code="badArgument"' in body
    assert "200 wildcard terms; at most 32 are allowed (DOIREGISTRY_MAX_QUERY_WILDCARDS)" in body


def test_an_oai_query_set_of_hundreds_of_terms_is_not_a_500(http: TestClient) -> None:
    body = _oai_query_set(http, " OR ".join(["data"] + [f"nw{i}" for i in range(300)]))
    assert "<header>" in body or 'code="noRecordsMatch"' in body


def test_heartbeat_answers_while_expensive_queries_run(store: Database) -> None:
    with live_server(store) as base:
        stop = threading.Event()
        statuses: list[int] = []

        def expensive() -> None:
            with httpx2.Client(base_url=base, timeout=30) as client:
                while not stop.is_set():
                    for query in (MANY_NOTS, TITLE_WILDCARDS, LEADING_WILDCARDS):
                        statuses.append(client.get("/dois", params={"query": query}).status_code)

        workers = [threading.Thread(target=expensive) for _ in range(4)]
        for worker in workers:
            worker.start()
        try:
            time.sleep(0.3)
            for _ in range(5):
                started = time.monotonic()
                assert httpx2.get(f"{base}/heartbeat", timeout=5).text == "OK"
                assert time.monotonic() - started < 1
        finally:
            stop.set()
            for worker in workers:
                worker.join()
    assert statuses
    assert all(status < 500 for status in statuses)
