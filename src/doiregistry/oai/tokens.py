"""Resumption tokens: self-contained, so any process can continue any harvest, any time.

A token is the unpadded URL-safe base64 of a small JSON document holding
everything the next page needs: the list request (verb, metadata prefix,
set, the ``from`` bound and the fixed upper bound of the harvest), the key of
the last item sent (datestamp with microseconds and DOI for records, the set
spec for sets), how many items were sent before (``cursor``) and the size of
the complete list counted when the harvest started. Nothing is kept on the
server, so tokens never expire and survive restarts.

Decoding checks every field; anything else is ``badResumptionToken``.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

import orjson

from doiregistry.oai.errors import OaiError

VERSION: Final = 1
#: longest token accepted (a query set's query is inside)
MAX_TOKEN_LENGTH: Final = 16384
_VERBS: Final = {"ListIdentifiers": "I", "ListRecords": "R", "ListSets": "S"}
_VERB_OF: Final = {code: verb for verb, code in _VERBS.items()}
_INSTANT: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}Z")


@dataclass(frozen=True)
class RecordPosition:
    """Where a ListIdentifiers or ListRecords harvest stands."""

    verb: str
    metadata_prefix: str
    set_argument: str | None
    start: datetime | None
    #: exclusive upper bound on datestamps, fixed when the harvest started
    stop: datetime
    last_updated: datetime
    last_doi: str
    cursor: int
    complete_list_size: int


@dataclass(frozen=True)
class SetPosition:
    """Where a ListSets listing stands."""

    last_spec: str
    cursor: int
    complete_list_size: int


def _instant(value: datetime) -> str:
    """UTC with microseconds, four-digit years (``strftime`` does not pad year 1)."""
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def _encode(document: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(orjson.dumps(document)).rstrip(b"=").decode("ascii")


def encode_records(position: RecordPosition) -> str:
    return _encode(
        {
            "v": VERSION,
            "o": _VERBS[position.verb],
            "m": position.metadata_prefix,
            "s": position.set_argument,
            "f": _instant(position.start) if position.start else None,
            "u": _instant(position.stop),
            "k": [_instant(position.last_updated), position.last_doi],
            "c": position.cursor,
            "n": position.complete_list_size,
        }
    )


def encode_sets(position: SetPosition) -> str:
    return _encode(
        {
            "v": VERSION,
            "o": "S",
            "k": position.last_spec,
            "c": position.cursor,
            "n": position.complete_list_size,
        }
    )


class _Invalid(Exception):
    pass


def bad_token(token: str) -> OaiError:
    shown = token if len(token) <= 80 else token[:77] + "..."
    return OaiError("badResumptionToken", f"The resumption token '{shown}' is invalid.")


def _document(token: str) -> dict[str, Any]:
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise _Invalid
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        document = orjson.loads(raw)
    except (binascii.Error, ValueError, orjson.JSONDecodeError):
        raise _Invalid from None
    if not isinstance(document, dict) or document.get("v") != VERSION:
        raise _Invalid
    return document


def _string(value: Any, *, optional: bool = False, limit: int = 8192) -> Any:
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value or len(value) > limit:
        raise _Invalid
    return value


def _count(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 2**53:
        raise _Invalid
    return value


def _parse_instant(value: Any) -> datetime:
    text = _string(value, limit=40)
    if _INSTANT.fullmatch(text) is None:
        raise _Invalid
    try:
        return datetime.fromisoformat(text[:-1]).replace(tzinfo=UTC)
    except ValueError:
        raise _Invalid from None


def decode_records(token: str, verb: str) -> RecordPosition:
    """The position a ListIdentifiers or ListRecords token names, or ``badResumptionToken``."""
    try:
        document = _document(token)
        if _VERB_OF.get(document.get("o", "")) != verb:
            raise _Invalid
        key = document.get("k")
        if not isinstance(key, list) or len(key) != 2:
            raise _Invalid
        start = document.get("f")
        return RecordPosition(
            verb=verb,
            metadata_prefix=_string(document.get("m"), limit=255),
            set_argument=_string(document.get("s"), optional=True),
            start=None if start is None else _parse_instant(start),
            stop=_parse_instant(document.get("u")),
            last_updated=_parse_instant(key[0]),
            last_doi=_string(key[1], limit=255),
            cursor=_count(document.get("c")),
            complete_list_size=_count(document.get("n")),
        )
    except _Invalid:
        raise bad_token(token) from None


def decode_sets(token: str) -> SetPosition:
    """The position a ListSets token names, or ``badResumptionToken``."""
    try:
        document = _document(token)
        if document.get("o") != "S":
            raise _Invalid
        return SetPosition(
            last_spec=_string(document.get("k"), limit=255),
            cursor=_count(document.get("c")),
            complete_list_size=_count(document.get("n")),
        )
    except _Invalid:
        raise bad_token(token) from None
