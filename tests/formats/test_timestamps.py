"""DataCite's two timestamp renderings (spec §1.3)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from doiregistry.formats.timestamps import iso_millis, iso_seconds


def test_single_records_have_milliseconds_and_lists_seconds() -> None:
    stamp = datetime(2020, 4, 23, 12, 6, 50, 123456, tzinfo=UTC)
    assert iso_millis(stamp) == "2020-04-23T12:06:50.123Z"
    assert iso_seconds(stamp) == "2020-04-23T12:06:50Z"
    whole = stamp.replace(microsecond=0)
    assert iso_millis(whole) == "2020-04-23T12:06:50.000Z"


def test_other_zones_are_rendered_in_utc() -> None:
    stamp = datetime(2020, 1, 1, 1, 0, tzinfo=timezone(timedelta(hours=2)))
    assert iso_seconds(stamp) == "2019-12-31T23:00:00Z"
    assert iso_millis(None) is None and iso_seconds(None) is None
