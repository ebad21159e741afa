"""The registry's notion of "now": one clock per store, injectable so that tests and tools
can move time on instead of sleeping.

Every timestamp the product writes (``created``, ``updated``, ``registered``, audit
entries, the change sequence) and every "now" it answers with (OAI-PMH
``responseDate`` and the ``until`` of a harvest) comes from the store's clock.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from threading import Lock
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware UTC."""
        ...


class SystemClock:
    """The machine's clock."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class ManualClock:
    """A clock that moves only when told to, by a whole step between readings if asked.

    ``tick`` is added after each reading, so that consecutive writes get distinct,
    increasing timestamps as they would on a real clock.
    """

    def __init__(self, start: datetime, *, tick: timedelta = timedelta(microseconds=1)) -> None:
        if start.tzinfo is None:
            raise ValueError("the clock's start must be timezone-aware")
        self._now = start.astimezone(UTC)
        self._tick = tick
        self._lock = Lock()

    def now(self) -> datetime:
        with self._lock:
            current = self._now
            self._now += self._tick
            return current

    def advance(self, delta: timedelta) -> None:
        """Move the clock forward by ``delta``."""
        if delta < timedelta(0):
            raise ValueError("a clock does not go backwards")
        with self._lock:
            self._now += delta


SYSTEM_CLOCK = SystemClock()
