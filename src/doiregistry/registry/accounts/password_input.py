"""The write-only ``passwordInput`` attribute of providers and repositories."""

from __future__ import annotations

from typing import Any

from doiregistry.domain.errors import FieldError, ValidationFailed
from doiregistry.registry.accounts.passwords import hash_password


def password_hash_of(attributes: dict[str, Any]) -> str | None:
    """The slow salted hash of ``passwordInput`` (``None`` when absent or blank, as at DataCite)."""
    value = attributes.get("passwordInput")
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise ValidationFailed([FieldError("password_input", "Should be a string")])
    return hash_password(value)
