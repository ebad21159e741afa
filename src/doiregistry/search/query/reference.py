"""A plain-Python evaluator of query trees over one record: the meaning of the query language.

The SQL compiler (:mod:`.query_sql`) must select exactly the records this
evaluator accepts; the property tests compare the two on generated queries.
It is not used to serve requests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from doiregistry.metadata.doi import parse_doi
from doiregistry.search.extract import extract
from doiregistry.search.query import dates
from doiregistry.search.query.fields import DEFAULT_FIELDS, FIELDS, Field, Kind, Store
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
from doiregistry.search.sql.conditions import _is_trailing_star_only, _literal_prefix, glob_to_regex
from doiregistry.search.sql.relations import OPERATORS
from doiregistry.storage.index_entry import IndexEntry

_WORD_CHARS = re.compile(r"^[^\W_]*$")


@dataclass
class Record:
    """What the evaluator needs of one stored DOI."""

    columns: dict[str, Any]
    attributes: dict[str, Any]
    content_url: list[str] | None = None
    landing_page: dict[str, Any] | None = None
    counts: dict[str, int] = field(default_factory=dict)
    _entry: IndexEntry | None = None

    @property
    def entry(self) -> IndexEntry:
        if self._entry is None:
            self._entry = extract(
                self.attributes,
                content_url=self.content_url,
                landing_page=self.landing_page,
                reason=self.columns.get("reason"),
            )
        return self._entry


def _number(field: Field, value: str) -> float:
    return float(value)


def _text_words(record: Record, field: Field) -> list[list[str]]:
    return record.entry.words.get(field.code or "", [])


def _text_match(record: Record, fields: list[Field], query: Term | Phrase | Wildcard) -> bool:
    values = [value for f in fields for value in _text_words(record, f)]
    if isinstance(query, Wildcard):
        folded = fold(query.pattern)
        if _is_trailing_star_only(folded):
            start = folded[:-1]
            if not _WORD_CHARS.match(start):
                return False
            return any(word.startswith(start) for value in values for word in value)
        if not _WORD_CHARS.match(_literal_prefix(folded)):
            return False
        regex = re.compile(glob_to_regex(folded), re.S)
        return any(regex.fullmatch(word) for value in values for word in value)
    tokens = words(query.text)
    if not tokens:
        return False
    size = len(tokens)
    return any(
        value[index : index + size] == tokens for value in values for index in range(len(value))
    )


def _values(record: Record, field: Field) -> list[Any]:
    return [row for row in record.entry.values if row.path == field.name]


def _column(record: Record, field: Field) -> Any:
    return record.columns.get(field.column or field.name)


def _field_match(record: Record, field: Field, query: Term | Phrase | Wildcard) -> bool:
    if field.kind is Kind.TEXT:
        return _text_match(record, [field], query)
    if isinstance(query, Wildcard):
        pattern = fold(query.pattern) if field.kind is Kind.KEYWORD_CI else query.pattern
        regex = re.compile(glob_to_regex(pattern), re.S)
        if field.store is Store.COLUMN:
            value = _column(record, field)
            return value is not None and regex.fullmatch(str(value)) is not None
        return any(regex.fullmatch(row.value) for row in _values(record, field))
    value = query.text
    if field.store is Store.RELATION_COUNT:
        return record.counts.get(field.column or "", 0) == _number(field, value)
    if field.kind is Kind.NUMBER:
        number = _number(field, value)
        if field.store is Store.COLUMN:
            return bool(_column(record, field) == number)
        return any(row.value_num == number for row in _values(record, field))
    if field.kind is Kind.DATE and field.store is Store.COLUMN:
        start, end = dates.period(value)
        stamp = _column(record, field)
        return isinstance(stamp, datetime) and start <= stamp < end
    if field.store is Store.COLUMN:
        if field.name == "agency":
            return fold(value) == "datacite"
        if field.name == "doi":
            return bool(record.columns["doi"] == (parse_doi(value) or fold(value)))
        expected = fold(value) if field.kind is Kind.KEYWORD_CI else value
        return bool(_column(record, field) == expected)
    expected = fold(value) if field.kind is Kind.KEYWORD_CI else value
    return any(row.value == expected for row in _values(record, field))


def _range(record: Record, field: Field, query: Range) -> bool:
    def checks(value: Any, low: Any, high: Any) -> bool:
        if value is None:
            return False
        if low is not None and not (value >= low if query.include_low else value > low):
            return False
        return high is None or (value <= high if query.include_high else value < high)

    if field.kind is Kind.NUMBER:
        low = None if query.low is None else float(query.low)
        high = None if query.high is None else float(query.high)
        if field.store is Store.RELATION_COUNT:
            return checks(record.counts.get(field.column or "", 0), low, high)
        if field.store is Store.COLUMN:
            return checks(_column(record, field), low, high)
        return any(checks(row.value_num, low, high) for row in _values(record, field))
    if field.kind is Kind.DATE and field.store is Store.COLUMN:
        stamp = _column(record, field)
        if stamp is None:
            return False
        if query.low is not None:
            start, end = dates.period(query.low)
            if not (stamp >= start if query.include_low else stamp >= end):
                return False
        if query.high is not None:
            start, end = dates.period(query.high)
            if not (stamp < end if query.include_high else stamp < start):
                return False
        return True
    folding = field.kind is Kind.KEYWORD_CI
    low_text = fold(query.low) if folding and query.low is not None else query.low
    high_text = fold(query.high) if folding and query.high is not None else query.high
    if field.store is Store.COLUMN:
        return checks(_column(record, field), low_text, high_text)
    return any(checks(row.value, low_text, high_text) for row in _values(record, field))


def _exists(record: Record, path: str) -> bool:
    field = FIELDS.get(path)
    if field is not None and field.store is Store.COLUMN:
        if field.name == "agency":
            return True
        value = _column(record, field)
        return value is not None and value != ""
    if field is not None and field.store is Store.RELATION_COUNT:
        return record.counts.get(field.column or "", 0) > 0
    return any(row.path == path or row.path.startswith(f"{path}.") for row in record.entry.values)


def matches(query: Query, record: Record) -> bool:
    """True if ``record`` satisfies ``query``."""
    if isinstance(query, MatchAll):
        return True
    if isinstance(query, And):
        return all(matches(item, record) for item in query.items)
    if isinstance(query, Or):
        return any(matches(item, record) for item in query.items)
    if isinstance(query, Not):
        return not matches(query.item, record)
    if isinstance(query, Exists):
        return any(_exists(record, path) for path in query.paths)
    if isinstance(query, Range):
        return any(_range(record, FIELDS[name], query) for name in query.fields)
    if query.fields is None:
        text_fields = [FIELDS[n] for n, _ in DEFAULT_FIELDS if FIELDS[n].kind is Kind.TEXT]
        others = [FIELDS[n] for n, _ in DEFAULT_FIELDS if FIELDS[n].kind is not Kind.TEXT]
        return _text_match(record, text_fields, query) or any(
            _field_match(record, f, query) for f in others
        )
    return any(_field_match(record, FIELDS[name], query) for name in query.fields)


__all__ = ["OPERATORS", "Record", "matches"]
