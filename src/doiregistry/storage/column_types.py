"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, DateTime, Dialect, Integer, Text
from sqlalchemy.dialects.postgresql import JSONB, TSVECTOR
from sqlalchemy.types import TypeDecorator, TypeEngine

#: An auto-incrementing 64-bit key (SQLite only auto-increments ``INTEGER PRIMARY KEY``).
BigId: TypeEngine[int] = BigInteger().with_variant(Integer(), "sqlite")

#: JSON documents: ``jsonb`` on PostgreSQL (indexable), text on SQLite.
Json: TypeEngine[Any] = JSON().with_variant(JSONB(), "postgresql")

#: PostgreSQL ``tsvector`` (the table holding it exists only on PostgreSQL).
TSVector: TypeEngine[Any] = Text().with_variant(TSVECTOR(), "postgresql")


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp that is always timezone-aware UTC in Python.

    PostgreSQL stores ``timestamptz``; SQLite stores naive UTC text, which
    still sorts and compares correctly.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; pass a UTC-aware datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
