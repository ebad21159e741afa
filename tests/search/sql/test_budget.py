"""The time budget of a search's statements, on both backends."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import text

from doiregistry.domain.errors import ServiceUnavailable
from doiregistry.search.sql.budget import Deadline, SearchTimedOut, time_budget
from doiregistry.storage.engine import Database


def _count_to(limit: int) -> str:
    return (
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < "
        f"{limit}) SELECT count(*) FROM c"
    )


def test_a_statement_over_the_budget_is_stopped(database: Database) -> None:
    started = time.monotonic()
    with (
        pytest.raises(SearchTimedOut) as caught,
        database.snapshot() as connection,
        time_budget(connection, Deadline(50)),
    ):
        connection.execute(text(_count_to(10**9)))
    assert time.monotonic() - started < 2
    assert isinstance(caught.value, ServiceUnavailable)
    assert caught.value.status == 503
    assert caught.value.retry_after == 1
    assert "50 ms (DOIREGISTRY_SEARCH_TIME_BUDGET_MS)" in caught.value.title


def test_statements_within_the_budget_run(database: Database) -> None:
    with database.snapshot() as connection, time_budget(connection, Deadline(10_000)):
        assert connection.execute(text(_count_to(1000))).scalar() == 1000


def test_the_budget_ends_with_its_block(database: Database) -> None:
    with (
        pytest.raises(SearchTimedOut),
        database.snapshot() as connection,
        time_budget(connection, Deadline(1)),
    ):
        connection.execute(text(_count_to(10**9)))
    time.sleep(0.01)
    with database.snapshot() as connection:
        # the same pooled connection, no longer interrupted or timed out
        assert connection.execute(text(_count_to(200_000))).scalar() == 200_000
        if database.dialect == "postgresql":
            assert connection.execute(text("SHOW statement_timeout")).scalar() == "0"


def test_no_statement_starts_after_the_deadline(database: Database) -> None:
    with (
        pytest.raises(SearchTimedOut),
        database.snapshot() as connection,
        time_budget(connection, Deadline(0)),
    ):
        connection.execute(text("SELECT 1"))


def test_other_database_errors_pass_through(database: Database) -> None:
    with (
        pytest.raises(Exception, match="no_such_table"),
        database.snapshot() as connection,
        time_budget(connection, Deadline(10_000)),
    ):
        connection.execute(text("SELECT * FROM no_such_table"))


def test_a_deadline_reports_what_is_left() -> None:
    deadline = Deadline(10_000)
    assert not deadline.passed()
    assert 9_000 < deadline.remaining_ms() <= 10_000
    spent = Deadline(0)
    assert spent.passed()
    assert spent.remaining_ms() == 1
