"""OAI-PMH datestamps: the ``from`` and ``until`` arguments and the datestamps of records.

The repository's granularity is seconds (``YYYY-MM-DDThh:mm:ssZ``); requests
may also use days (``YYYY-MM-DD``). Both bounds are inclusive: a day-granular
``until`` covers that whole day, a second-granular one that whole second.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Final

from doiregistry.oai.errors import bad_argument

GRANULARITY: Final = "YYYY-MM-DDThh:mm:ssZ"
_DAY: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_SECOND: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")


@dataclass(frozen=True)
class Datestamp:
    """A ``from`` or ``until`` value: where it starts and whether it names a whole day."""

    start: datetime
    whole_day: bool

    @property
    def end(self) -> datetime:
        """The first instant after the day or second it names."""
        return self.start + (timedelta(days=1) if self.whole_day else timedelta(seconds=1))


def parse_datestamp(name: str, text: str) -> Datestamp:
    """The value of a date argument, or ``badArgument``."""
    whole_day = _DAY.fullmatch(text) is not None
    if not whole_day and _SECOND.fullmatch(text) is None:
        raise bad_argument(
            f"The value '{text}' of the argument '{name}' is not a valid datestamp "
            f"(YYYY-MM-DD or {GRANULARITY})."
        )
    try:
        if whole_day:
            start = datetime.strptime(text, "%Y-%m-%d")
        else:
            start = datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        raise bad_argument(
            f"The value '{text}' of the argument '{name}' is not a valid date."
        ) from None
    return Datestamp(start.replace(tzinfo=UTC), whole_day)


def check_window(start: Datestamp | None, until: Datestamp | None) -> None:
    """``badArgument`` for mixed granularities or ``from`` later than ``until``."""
    if start is None or until is None:
        return
    if start.whole_day != until.whole_day:
        raise bad_argument("The arguments 'from' and 'until' have different granularities.")
    if start.start > until.start:
        raise bad_argument("The argument 'from' is later than the argument 'until'.")


def format_datestamp(value: datetime) -> str:
    """A record datestamp: UTC, whole seconds, ``Z`` (four-digit years, unlike ``strftime``)."""
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="seconds") + "Z"
