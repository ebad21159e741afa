"""Timestamp renderings used by DataCite's REST API (spec §1.3)."""

from __future__ import annotations

from datetime import UTC, datetime


def iso_millis(value: datetime | None) -> str | None:
    """``2020-04-23T12:06:50.000Z``: single-record responses."""
    if value is None:
        return None
    return value.astimezone(UTC).isoformat(timespec="milliseconds")[:23] + "Z"


def iso_seconds(value: datetime | None) -> str | None:
    """``2023-05-03T10:49:36Z``: list responses."""
    if value is None:
        return None
    return value.astimezone(UTC).isoformat(timespec="seconds")[:19] + "Z"
