"""``from`` and ``until``: both granularities, inclusive bounds, and what is refused."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from doiregistry.oai.dates import check_window, format_datestamp, parse_datestamp
from doiregistry.oai.errors import OaiError


def test_day_and_second_granularity() -> None:
    day = parse_datestamp("from", "2020-02-29")
    assert day.start == datetime(2020, 2, 29, tzinfo=UTC)
    assert day.end == datetime(2020, 3, 1, tzinfo=UTC)
    second = parse_datestamp("until", "2020-02-29T23:59:59Z")
    assert second.start == datetime(2020, 2, 29, 23, 59, 59, tzinfo=UTC)
    assert second.end == datetime(2020, 3, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "2020",
        "2020-1-1",
        "2020-02-30",
        "2019-02-29",
        "0000-01-01",
        "2020-01-01T00:00:00",
        "2020-01-01T00:00:00.5Z",
        "2020-01-01T24:00:00Z",
        "2020-01-01 00:00:00Z",
        "2020-01-01T00:00:00+01:00",
        "２０２０-01-01",
        " 2020-01-01",
    ],
)
def test_malformed_dates_are_bad_arguments(text: str) -> None:
    with pytest.raises(OaiError) as caught:
        parse_datestamp("from", text)
    assert caught.value.code == "badArgument"
    assert "'from'" in caught.value.message


def test_mixed_granularities_and_reversed_windows_are_bad_arguments() -> None:
    day = parse_datestamp("from", "2020-01-02")
    second = parse_datestamp("until", "2020-01-03T00:00:00Z")
    with pytest.raises(OaiError, match="granularities"):
        check_window(day, second)
    with pytest.raises(OaiError, match="later"):
        check_window(parse_datestamp("from", "2020-01-02"), parse_datestamp("until", "2020-01-01"))
    check_window(day, parse_datestamp("until", "2020-01-02"))
    check_window(None, second)
    check_window(day, None)


def test_datestamps_are_utc_seconds() -> None:
    value = datetime(2018, 3, 17, 6, 33, 0, 999999, tzinfo=UTC)
    assert format_datestamp(value) == "2018-03-17T06:33:00Z"


def test_datestamps_have_four_digit_years() -> None:
    assert format_datestamp(datetime(1, 2, 3, 4, 5, 6, tzinfo=UTC)) == "0001-02-03T04:05:06Z"
