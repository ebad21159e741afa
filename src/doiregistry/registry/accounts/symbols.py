"""Random account symbols (``GET /providers/random``, ``GET /repositories/random``)."""

from __future__ import annotations

import secrets
import string


def random_symbol(length: int) -> str:
    """``length`` random upper-case ASCII letters."""
    return "".join(secrets.choice(string.ascii_uppercase) for _ in range(length))
