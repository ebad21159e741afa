"""Date bounds of queries: ``2023``, ``2023-03``, ``2023-03-31`` or a full timestamp.

A date names a period (a year, a month, a day, an instant); a term on a date
field matches the whole period, an inclusive upper bound includes all of it.
"""

from __future__ import annotations

import re
from datetime import MAXYEAR, UTC, datetime, timedelta
from typing import Final

_DATE: Final = re.compile(
    r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2})"
    r"(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.(?P<f>\d{1,6}))?)?"
    r"(?P<tz>Z|[+-]\d{2}:?\d{2})?)?)?)?$"
)


class DateError(ValueError):
    """A value that is not a date the query language understands."""


_LATEST: Final = datetime.max.replace(tzinfo=UTC)
_EARLIEST: Final = datetime.min.replace(tzinfo=UTC)


def _shifted(moment: datetime, delta: timedelta) -> datetime:
    """``moment + delta``, held at the first or last representable instant
    (so that ``9999-12-31`` names a period too)."""
    try:
        return moment + delta
    except OverflowError:
        return _LATEST if delta > timedelta(0) else _EARLIEST


def _month_start(year: int, month: int) -> datetime:
    """The first instant of a month; past year 9999, the last representable instant."""
    if year > MAXYEAR:
        return _LATEST
    return datetime(year, month, 1, tzinfo=UTC)


def period(value: str) -> tuple[datetime, datetime]:
    """The half-open UTC interval ``[start, end)`` a date value names."""
    text = value.strip()
    if text.lower() == "now":
        now = datetime.now(UTC)
        return now, _shifted(now, timedelta(microseconds=1))
    match = _DATE.match(text)
    if not match:
        raise DateError(f"{value!r} is not a date (use YYYY, YYYY-MM, YYYY-MM-DD or a timestamp)")
    parts = match.groupdict()
    try:
        year = int(parts["y"])
        if parts["m"] is None:
            return datetime(year, 1, 1, tzinfo=UTC), _month_start(year + 1, 1)
        month = int(parts["m"])
        if parts["d"] is None:
            start = datetime(year, month, 1, tzinfo=UTC)
            return start, _month_start(year + (month == 12), month % 12 + 1)
        day = int(parts["d"])
        if parts["H"] is None:
            start = datetime(year, month, day, tzinfo=UTC)
            return start, _shifted(start, timedelta(days=1))
        fraction = int((parts["f"] or "0").ljust(6, "0"))
        start = datetime(
            year,
            month,
            day,
            int(parts["H"]),
            int(parts["M"]),
            int(parts["S"] or 0),
            fraction,
            tzinfo=UTC,
        )
    except ValueError as exc:
        raise DateError(f"{value!r} is not a valid date: {exc}") from None
    tz = parts["tz"]
    if tz and tz != "Z":
        sign = 1 if tz[0] == "+" else -1
        digits = tz[1:].replace(":", "")
        start = _shifted(start, -sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
    if parts["S"] is None:
        return start, _shifted(start, timedelta(minutes=1))
    if parts["f"] is None:
        return start, _shifted(start, timedelta(seconds=1))
    return start, _shifted(start, timedelta(microseconds=1))
