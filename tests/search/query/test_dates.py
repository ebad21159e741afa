"""Date periods at the edges of what Python can represent (they were 500s)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from doiregistry.search.query.dates import period

LAST = datetime.max.replace(tzinfo=UTC)


@pytest.mark.parametrize("value", ["9999", "9999-12", "9999-12-31", "9999-12-31T23:59"])
def test_periods_of_the_last_year_end_at_the_last_instant(value: str) -> None:
    start, end = period(value)
    assert start.year == 9999
    assert end == LAST


def test_a_time_zone_before_the_first_instant_holds_there() -> None:
    start, end = period("0001-01-01T00:00+01:00")
    assert start == datetime.min.replace(tzinfo=UTC)
    assert end > start


def test_ordinary_periods_are_unchanged() -> None:
    assert period("2023") == (datetime(2023, 1, 1, tzinfo=UTC), datetime(2024, 1, 1, tzinfo=UTC))
    assert period("2023-12") == (
        datetime(2023, 12, 1, tzinfo=UTC),
        datetime(2024, 1, 1, tzinfo=UTC),
    )
