"""NUL characters in written values: PostgreSQL text cannot hold one, so no write may carry one."""

from __future__ import annotations

from typing import Any, Final

NUL_IN_BODY: Final = "The request body must not contain NUL characters."


def has_nul(value: Any) -> bool:
    """Whether a JSON value holds a NUL character anywhere (in a key or a string)."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(has_nul(key) or has_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(has_nul(item) for item in value)
    return False
