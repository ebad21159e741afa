"""Opaque, stateless cursor tokens for keyset pagination (spec §4.6, without its limits).

A token records the sort it was made for, the sort key and DOI of the last
record returned, and the change sequence number at which the walk started;
the next page asks for records strictly after them, ordered as they were at
the start of the walk. Anything that does not decode (``1``, an empty value)
starts a walk.
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
    #: the store's change sequence number when the walk started (its snapshot)
    seq: int


def encode(cursor: Cursor) -> str:
    payload = json.dumps([cursor.sort, cursor.key, cursor.doi, cursor.seq], separators=(",", ":"))
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def decode(token: str | None) -> Cursor | None:
    """The cursor in ``token``, or ``None`` for the start of a walk."""
    if not token:
        return None
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        sort, key, doi, seq = json.loads(raw)
    except (binascii.Error, ValueError, TypeError):
        return None
    if not isinstance(sort, str) or not isinstance(doi, str) or not isinstance(seq, int):
        return None
    return Cursor(sort, key, doi, seq)
