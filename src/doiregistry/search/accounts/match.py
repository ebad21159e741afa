"""Evaluating account-list queries (:mod:`.account_query`) over one row's values, with a score.

A row is an :class:`AccountDocument`: field name → values (strings for text
and keyword fields, numbers, timezone-aware datetimes). Text fields match on
consecutive words (:func:`.tokens.words`), keyword fields on whole values,
both case- and accent-insensitive; ``*`` and ``?`` match within one word or
the whole value. The score, used by ``sort=relevance``, adds the boost of
every field a positive clause matched in (DataCite boosts symbols and names
over descriptions).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import datetime
from functools import cached_property
from typing import Any

from doiregistry.search.accounts.query import AccountField, FieldCatalogue, FieldKind
from doiregistry.search.query import dates
from doiregistry.search.query.tokens import fold, words
from doiregistry.search.query.tree import (
    And,
    Exists,
    MatchAll,
    Not,
    Or,
    Phrase,
    Query,
    Range,
    Term,
    Wildcard,
)
from doiregistry.search.sql.conditions import glob_to_regex


class AccountDocument:
    """The searchable values of one row (restricted values left out for callers who
    may not read them)."""

    def __init__(self, values: Mapping[str, Sequence[Any]]) -> None:
        self.values = {
            name: [v for v in items if v is not None and v != ""] for name, items in values.items()
        }

    def get(self, name: str) -> list[Any]:
        return self.values.get(name, [])

    @cached_property
    def _folded(self) -> dict[str, list[str]]:
        return {name: [fold(str(v)) for v in items] for name, items in self.values.items()}

    @cached_property
    def _words(self) -> dict[str, list[list[str]]]:
        return {name: [words(str(v)) for v in items] for name, items in self.values.items()}

    def folded(self, name: str) -> list[str]:
        return self._folded.get(name, [])

    def tokens(self, name: str) -> list[list[str]]:
        return self._words.get(name, [])


def _consecutive(needle: list[str], haystack: list[list[str]]) -> bool:
    size = len(needle)
    return any(
        value[index : index + size] == needle
        for value in haystack
        for index in range(len(value) - size + 1)
    )


def _number(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _term(field: AccountField, doc: AccountDocument, text: str) -> bool:
    if field.kind is FieldKind.TEXT:
        tokens = words(text)
        return bool(tokens) and _consecutive(tokens, doc.tokens(field.name))
    if field.kind is FieldKind.KEYWORD:
        return fold(text) in doc.folded(field.name)
    if field.kind is FieldKind.NUMBER:
        wanted = _number(text)
        return any(_number(value) == wanted for value in doc.get(field.name))
    start, end = dates.period(text)
    return any(isinstance(v, datetime) and start <= v < end for v in doc.get(field.name))


def _wildcard(field: AccountField, doc: AccountDocument, pattern: str) -> bool:
    regex = re.compile(glob_to_regex(fold(pattern)), re.S)
    if any(regex.fullmatch(value) for value in doc.folded(field.name)):
        return True
    if field.kind is FieldKind.TEXT:
        return any(regex.fullmatch(word) for value in doc.tokens(field.name) for word in value)
    return False


def _within(value: Any, low: Any, high: Any, query: Range) -> bool:
    if low is not None and not (value >= low if query.include_low else value > low):
        return False
    return high is None or (value <= high if query.include_high else value < high)


def _range(field: AccountField, doc: AccountDocument, query: Range) -> bool:
    if field.kind is FieldKind.NUMBER:
        low = None if query.low is None else float(query.low)
        high = None if query.high is None else float(query.high)
        numbers = (_number(v) for v in doc.get(field.name))
        return any(n is not None and _within(n, low, high, query) for n in numbers)
    if field.kind is FieldKind.DATE:
        stamps = [v for v in doc.get(field.name) if isinstance(v, datetime)]
        return any(_date_within(stamp, query) for stamp in stamps)
    low_text = None if query.low is None else fold(query.low)
    high_text = None if query.high is None else fold(query.high)
    return any(_within(v, low_text, high_text, query) for v in doc.folded(field.name))


def _date_within(stamp: datetime, query: Range) -> bool:
    """Bounds name periods: an inclusive upper bound ``2020`` takes in all of 2020."""
    if query.low is not None:
        start, end = dates.period(query.low)
        if not (stamp >= start if query.include_low else stamp >= end):
            return False
    if query.high is not None:
        start, end = dates.period(query.high)
        if not (stamp < end if query.include_high else stamp < start):
            return False
    return True


def _leaf(
    query: Term | Phrase | Wildcard | Range | Exists,
    doc: AccountDocument,
    catalogue: FieldCatalogue,
) -> float | None:
    if isinstance(query, Exists):
        names: tuple[str, ...] = query.paths
    else:
        names = query.fields if query.fields is not None else catalogue.default_fields
    score = 0.0
    matched = False
    for name in names:
        field = catalogue.fields[name]
        if isinstance(query, Exists):
            hit = bool(doc.get(name))
        elif isinstance(query, Range):
            hit = _range(field, doc, query)
        elif isinstance(query, Wildcard):
            hit = _wildcard(field, doc, query.pattern)
        else:
            hit = _term(field, doc, query.text)
        if hit:
            matched = True
            score += field.boost
    return score if matched else None


def score(query: Query, doc: AccountDocument, catalogue: FieldCatalogue) -> float | None:
    """How well ``doc`` matches ``query`` (higher is better), or ``None`` if it does not."""
    if isinstance(query, MatchAll):
        return 0.0
    if isinstance(query, And):
        total = 0.0
        for item in query.items:
            part = score(item, doc, catalogue)
            if part is None:
                return None
            total += part
        return total
    if isinstance(query, Or):
        parts = [part for item in query.items if (part := score(item, doc, catalogue)) is not None]
        return sum(parts) if parts else None
    if isinstance(query, Not):
        return 0.0 if score(query.item, doc, catalogue) is None else None
    return _leaf(query, doc, catalogue)


def matches(query: Query, doc: AccountDocument, catalogue: FieldCatalogue) -> bool:
    """True if ``doc`` satisfies ``query``."""
    return score(query, doc, catalogue) is not None
