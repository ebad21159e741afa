"""Opaque, stateless cursor tokens for keyset pagination (spec §4.6, without its limits).

A token records the sort it was made for and the sort key and DOI of the
last record returned; the next page asks for records strictly after them.
Anything that does not decode (``1``, an empty value) starts a walk.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Cursor:
    sort: str
    key: Any
    doi: str


def encode(cursor: Cursor) -> str:
    payload = json.dumps([cursor.sort, cursor.key, cursor.doi], separators=(",", ":"))
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def decode(token: str | None) -> Cursor | None:
    """The cursor in ``token``, or ``None`` for the start of a walk."""
    if not token:
        return None
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        sort, key, doi = json.loads(raw)
    except (binascii.Error, ValueError, TypeError):
        return None
    if not isinstance(sort, str) or not isinstance(doi, str):
        return None
    return Cursor(sort, key, doi)
