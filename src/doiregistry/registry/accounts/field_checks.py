"""Small value checks shared by the provider and repository rules, an error collector and
the checked values a write stores.

The collector keeps only the first problem per source attribute, which is what
DataCite's 422 document reports (spec §5.5).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any, Final

from doiregistry.domain.errors import FieldError, ValidationFailed

_EMAIL: Final = re.compile(r"^[^@\s]+@(?:[-a-z0-9]+\.)+[a-z]{2,}$", re.IGNORECASE)
_WEB_URL: Final = re.compile(r"^https?://\S+$")


@dataclass(frozen=True)
class AccountValues:
    """A checked provider or repository: values for the columns and for the ``attributes``
    JSON column."""

    columns: dict[str, Any]
    attributes: dict[str, Any]


class Problems:
    """Validation failures collected in order, at most one per source."""

    def __init__(self) -> None:
        self._errors: dict[str, FieldError] = {}

    def add(self, source: str, title: str) -> None:
        self._errors.setdefault(source, FieldError(source, title))

    def __contains__(self, source: str) -> bool:
        return source in self._errors

    def raise_any(self) -> None:
        """422 with every collected problem, if there is one."""
        if self._errors:
            raise ValidationFailed(list(self._errors.values()))


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def clean_text(value: Any) -> Any:
    """Strings stripped, blank strings as ``None``; anything else unchanged."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def is_email(value: Any) -> bool:
    return isinstance(value, str) and _EMAIL.match(value) is not None


def is_web_url(value: Any) -> bool:
    return isinstance(value, str) and _WEB_URL.match(value) is not None


def is_uuid(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def as_bool(value: Any, default: bool) -> bool:
    """JSON booleans, and the strings/numbers DataCite clients send for them."""
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value != 0
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes")
    return default


def string_list(value: Any) -> list[str] | None:
    """A list of strings (a single string becomes a one-item list); ``None`` if not that."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return [item.strip() for item in value if item.strip()]
    return None
