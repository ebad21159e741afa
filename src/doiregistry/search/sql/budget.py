"""A time budget for the statements of one search, on both backends.

PostgreSQL cancels a statement after ``SET LOCAL statement_timeout`` (for the
rest of the read transaction only); SQLite has no timeout, so a progress
handler interrupts the running statement once the budget is spent. Either way
the search ends in a :class:`SearchTimedOut` (a 503 naming the setting), and
the worker is free again at once.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Final

from sqlalchemy import Connection, event
from sqlalchemy.exc import OperationalError

from doiregistry.domain.errors import ServiceUnavailable

#: SQLite virtual-machine instructions between two looks at the clock
_PROGRESS_STEPS: Final = 1_000
_QUERY_CANCELED: Final = "57014"
BUDGET_SETTING: Final = "DOIREGISTRY_SEARCH_TIME_BUDGET_MS"


class SearchTimedOut(ServiceUnavailable):
    """The search did not finish within its budget."""

    def __init__(self, milliseconds: int) -> None:
        super().__init__(
            f"The search did not finish within its time budget of {milliseconds:,} ms "
            f"({BUDGET_SETTING}); narrow the query, or try again later",
            retry_after=max(1, -(-milliseconds // 1000)),
        )


class Deadline:
    """A point in time some milliseconds from now."""

    def __init__(self, milliseconds: int) -> None:
        self.milliseconds = milliseconds
        self.at = time.monotonic() + milliseconds / 1000

    def passed(self) -> bool:
        return time.monotonic() >= self.at

    def remaining_ms(self) -> int:
        """Milliseconds left, at least 1 (PostgreSQL reads 0 as "no timeout")."""
        return max(1, int((self.at - time.monotonic()) * 1000))


def _interrupted(exc: OperationalError) -> bool:
    """Whether a statement failed because the budget stopped it."""
    original = exc.orig
    if isinstance(original, sqlite3.OperationalError):
        return "interrupted" in str(original)
    return getattr(original, "sqlstate", None) == _QUERY_CANCELED


@contextmanager
def time_budget(connection: Connection, deadline: Deadline) -> Iterator[None]:
    """Stop the statements run on ``connection`` inside the block at ``deadline``
    (PostgreSQL: each statement may take the time left when the block starts, and
    none starts after the deadline). ``connection`` must be in a transaction
    (PostgreSQL's setting ends with it)."""

    def refuse_when_spent(*_args: object) -> None:
        if deadline.passed():
            raise SearchTimedOut(deadline.milliseconds)

    driver = connection.connection.driver_connection
    is_sqlite = isinstance(driver, sqlite3.Connection)
    if is_sqlite:
        assert isinstance(driver, sqlite3.Connection)
        driver.set_progress_handler(deadline.passed, _PROGRESS_STEPS)
    else:
        connection.exec_driver_sql(f"SET LOCAL statement_timeout = {deadline.remaining_ms()}")
    event.listen(connection, "before_cursor_execute", refuse_when_spent)
    try:
        yield
    except OperationalError as exc:
        if _interrupted(exc):
            raise SearchTimedOut(deadline.milliseconds) from None
        raise
    finally:
        event.remove(connection, "before_cursor_execute", refuse_when_spent)
        if is_sqlite:
            assert isinstance(driver, sqlite3.Connection)
            driver.set_progress_handler(None, 0)
