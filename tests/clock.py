"""A manual clock for tests that need "a later second" without sleeping through it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from doiregistry.domain.clock import ManualClock
from doiregistry.storage.engine import Database


def a_later_second() -> ManualClock:
    """A clock that starts at the beginning of the second after the next one.

    OAI-PMH datestamps have whole seconds; everything written before the switch
    to this clock has an earlier datestamp than anything written after it.
    """
    now = datetime.now(UTC)
    return ManualClock(now.replace(microsecond=0) + timedelta(seconds=2))


@contextmanager
def writing_in_the_past(database: Database, ago: timedelta = timedelta(hours=1)) -> Iterator[None]:
    """Everything written inside the block is stamped ``ago`` before now (on a manual
    clock), so that writes after it land in a later second without waiting for one."""
    previous = database.clock
    database.clock = ManualClock(datetime.now(UTC) - ago)
    try:
        yield
    finally:
        database.clock = previous
