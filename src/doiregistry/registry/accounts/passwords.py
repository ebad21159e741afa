"""Slow salted password hashing (scrypt from the standard library), and the write-only
``passwordInput`` attribute that sets an account's password.

Hashes look like ``scrypt$16384$8$1$<salt b64>$<key b64>`` so that the cost can
be raised later without breaking stored hashes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections.abc import Mapping
from typing import Any

from doiregistry.domain.errors import FieldError, ValidationFailed

_N, _R, _P, _KEY_BYTES = 2**14, 8, 1, 32


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str) -> str:
    """A new salted scrypt hash of ``password``."""
    salt = secrets.token_bytes(16)
    key = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=_KEY_BYTES)
    return f"scrypt${_N}${_R}${_P}${_b64(salt)}${_b64(key)}"


def verify_password(password: str, stored: str | None) -> bool:
    """True if ``password`` matches the ``stored`` hash (constant-time comparison)."""
    if not stored:
        return False
    try:
        scheme, n, r, p, salt, key = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(key)
        actual = hashlib.scrypt(
            password.encode("utf-8"),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected),
        )
    except ValueError:
        return False
    return hmac.compare_digest(actual, expected)


def password_hash_of(attributes: Mapping[str, Any]) -> str | None:
    """The hash of the write-only ``passwordInput`` attribute of a provider or repository write
    (``None`` when absent or blank, as at DataCite)."""
    value = attributes.get("passwordInput")
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise ValidationFailed([FieldError("password_input", "Should be a string")])
    return hash_password(value)
