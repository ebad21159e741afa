"""The creation windows the DOI totals count in (this month, this year, last year, two years
ago), at the edges of months and years."""

from __future__ import annotations

from datetime import UTC, datetime

from doiregistry.registry.doi_totals import creation_windows


def test_windows_in_january() -> None:
    now = datetime(2026, 1, 3, 12, 0, tzinfo=UTC)
    windows = creation_windows(now)
    assert windows["this_month"] == (datetime(2026, 1, 1, tzinfo=UTC), now)
    assert windows["this_year"] == (datetime(2026, 1, 1, tzinfo=UTC), now)
    start, end = windows["last_year"]
    assert start == datetime(2025, 1, 1, tzinfo=UTC)
    assert end == datetime(2025, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)
    start, end = windows["two_years_ago"]
    assert (start.year, end.year, end.month, end.day) == (2024, 2024, 12, 31)


def test_windows_do_not_overlap() -> None:
    windows = creation_windows(datetime(2026, 7, 31, 23, 59, tzinfo=UTC))
    assert windows["this_month"][0] == datetime(2026, 7, 1, tzinfo=UTC)
    assert windows["two_years_ago"][1] < windows["last_year"][0]
    assert windows["last_year"][1] < windows["this_year"][0]
