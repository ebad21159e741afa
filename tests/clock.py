"""A manual clock for tests that need "a later second" without sleeping through it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from doiregistry.domain.clock import ManualClock


def a_later_second() -> ManualClock:
    """A clock that starts at the beginning of the second after the next one.

    OAI-PMH datestamps have whole seconds; everything written before the switch
    to this clock has an earlier datestamp than anything written after it.
    """
    now = datetime.now(UTC)
    return ManualClock(now.replace(microsecond=0) + timedelta(seconds=2))
