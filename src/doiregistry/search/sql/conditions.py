"""Query trees → SQL conditions on ``dois``, for SQLite and PostgreSQL.

Record-level fields compare columns; attribute fields test membership in
``doi_values`` (whole values) or in the full-text index (words of text
fields); ``_exists_`` looks for any value at or under a path; counts come from
:mod:`.relations`. The semantics are exactly those of :mod:`.reference`, the
plain-Python evaluator the tests compare against.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, Final

from sqlalchemy import ColumnElement, and_, false, literal, not_, or_, select, true

from doiregistry.metadata.doi import parse_doi
from doiregistry.search.query import dates
from doiregistry.search.query.fields import (
    DEFAULT_FIELDS,
    FIELDS,
    Field,
    Kind,
    Store,
)
from doiregistry.search.query.parse import QuerySyntaxError
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
from doiregistry.search.sql.fulltext import FullText
from doiregistry.search.sql.grouping import shallow
from doiregistry.search.sql.relations import OPERATORS, count_condition
from doiregistry.storage.index_entry import MAX_VALUE_LENGTH
from doiregistry.storage.tables import doi_values, dois, providers

_WORD_CHARS: Final = re.compile(r"^[^\W_]*$")


def glob_to_regex(pattern: str) -> str:
    """A ``*``/``?`` pattern (``\\`` escapes) as an anchored-free regex fragment."""
    out: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\" and index + 1 < len(pattern):
            out.append(re.escape(pattern[index + 1]))
            index += 2
            continue
        out.append({"*": ".*", "?": "."}.get(char) or re.escape(char))
        index += 1
    return "".join(out)


def _literal_prefix(pattern: str) -> str:
    prefix: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\" and index + 1 < len(pattern):
            prefix.append(pattern[index + 1])
            index += 2
            continue
        if char in "*?":
            break
        prefix.append(char)
        index += 1
    return "".join(prefix)


def _is_trailing_star_only(pattern: str) -> bool:
    body = pattern[:-1]
    return pattern.endswith("*") and not re.search(r"(?<!\\)[*?]", body)


def number_of(field: Field, value: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise QuerySyntaxError(f"{field.name} expects a number, not {value!r}") from None


class Compiler:
    """Compiles query trees for one dialect, given the store's field ids."""

    def __init__(self, dialect: str, field_ids: Mapping[str, int]) -> None:
        self.dialect = dialect
        self.field_ids = field_ids
        self.fulltext = FullText(dialect)

    # -- entry point -----------------------------------------------------------------------

    def compile(self, query: Query) -> ColumnElement[bool]:
        if isinstance(query, MatchAll):
            return true()
        if isinstance(query, And):
            if not query.items:
                return true()
            return shallow(and_, [self.compile(item) for item in query.items])
        if isinstance(query, Or):
            if not query.items:
                return false()
            return shallow(or_, [self.compile(item) for item in query.items])
        if isinstance(query, Not):
            return not_(self.compile(query.item))
        if isinstance(query, Exists):
            return or_(*(self.exists(path) for path in query.paths))
        if isinstance(query, Range):
            return or_(*(self.range(FIELDS[name], query) for name in query.fields))
        if isinstance(query, Term | Phrase | Wildcard):
            return self.match(query)
        raise TypeError(f"unknown query node {query!r}")

    # -- matching --------------------------------------------------------------------------

    def match(self, query: Term | Phrase | Wildcard) -> ColumnElement[bool]:
        if query.fields is None:
            return or_(*self.default_fields(query))
        return or_(*(self.field_match(FIELDS[name], query) for name in query.fields))

    def default_fields(self, query: Term | Phrase | Wildcard) -> list[ColumnElement[bool]]:
        """One full-text test over the text default fields, plus the keyword ones."""
        text_fields = [FIELDS[n] for n, _ in DEFAULT_FIELDS if FIELDS[n].kind is Kind.TEXT]
        other = [FIELDS[n] for n, _ in DEFAULT_FIELDS if FIELDS[n].kind is not Kind.TEXT]
        conditions = [self.text_match(text_fields, query)]
        conditions += [self.field_match(field, query) for field in other]
        return conditions

    def field_match(self, field: Field, query: Term | Phrase | Wildcard) -> ColumnElement[bool]:
        if field.kind is Kind.TEXT:
            return self.text_match([field], query)
        if isinstance(query, Wildcard):
            return self.keyword_wildcard(field, query.pattern)
        value = query.text
        if field.store is Store.RELATION_COUNT:
            return count_condition(field.column or "", "==", number_of(field, value))
        if field.kind is Kind.NUMBER:
            return self.compare(field, "==", number_of(field, value))
        if field.kind is Kind.DATE and field.store is Store.COLUMN:
            start, end = self.period(field, value)
            column = self.column(field)
            return and_(column >= start, column < end)
        return self.equals(field, value)

    def text_match(
        self, fields: list[Field], query: Term | Phrase | Wildcard
    ) -> ColumnElement[bool]:
        codes = [field.code or "" for field in fields]
        if isinstance(query, Wildcard):
            return self.text_wildcard(codes, query.pattern)
        tokens = words(query.text)
        if not tokens:
            return false()
        if len(tokens) == 1:
            expression = self.fulltext.any_of([self.fulltext.word(c, tokens[0]) for c in codes])
        else:
            expression = self.fulltext.any_of([self.fulltext.phrase(c, tokens) for c in codes])
        return self.fulltext.ids(expression)

    def text_wildcard(self, codes: list[str], pattern: str) -> ColumnElement[bool]:
        folded = fold(pattern)
        if _is_trailing_star_only(folded):
            start = folded[:-1]
            if not _WORD_CHARS.match(start):
                return false()
            return self.fulltext.ids(
                self.fulltext.any_of([self.fulltext.prefix(c, start) for c in codes])
            )
        start = _literal_prefix(folded)
        if not _WORD_CHARS.match(start):
            return false()
        word_regex = glob_to_regex(folded).replace(".*", "[^ ]*").replace(".", "[^ ]")
        code_group = "|".join(re.escape(code) for code in codes)
        body_regex = f"(^| )({code_group}):{word_regex}( |$)"
        if start:
            candidates = self.fulltext.any_of([self.fulltext.prefix(c, start) for c in codes])
            return self.fulltext.ids(candidates, body_regex)
        return self.fulltext.scan(body_regex)

    # -- keyword values --------------------------------------------------------------------

    def _value_ids(
        self, field: Field, condition: Callable[[], ColumnElement[bool]]
    ) -> ColumnElement[bool]:
        field_id = self.field_ids.get(field.name)
        if field_id is None:
            return false()
        return dois.c.id.in_(
            select(doi_values.c.doi_id).where(doi_values.c.field_id == field_id, condition())
        )

    def equals(self, field: Field, value: str) -> ColumnElement[bool]:
        if field.store is Store.COLUMN:
            return self.column_equals(field, value)
        stored = (fold(value) if field.kind is Kind.KEYWORD_CI else value)[:MAX_VALUE_LENGTH]
        return self._value_ids(field, lambda: doi_values.c.value == stored)

    def column_equals(self, field: Field, value: str) -> ColumnElement[bool]:
        if field.name == "agency":
            return literal(fold(value) == "datacite")
        if field.name == "consortium_id":
            members = select(providers.c.id).where(providers.c.consortium_id == fold(value))
            return dois.c.provider_id.in_(members)
        if field.name == "doi":
            return dois.c.doi == (parse_doi(value) or fold(value))
        column = self.column(field)
        return column == (fold(value) if field.kind is Kind.KEYWORD_CI else value)

    def keyword_wildcard(self, field: Field, pattern: str) -> ColumnElement[bool]:
        if field.kind in (Kind.NUMBER, Kind.DATE) and field.store is not Store.VALUES:
            raise QuerySyntaxError(f"Wildcards are not supported on {field.name}; use a range")
        if field.kind is Kind.NUMBER:
            raise QuerySyntaxError(f"Wildcards are not supported on {field.name}; use a range")
        folded = fold(pattern) if field.kind is Kind.KEYWORD_CI else pattern
        like = self.like_pattern(folded)
        if field.store is Store.COLUMN:
            if field.name in ("agency", "consortium_id"):
                raise QuerySyntaxError(f"Wildcards are not supported on {field.name}")
            return self.like(self.column(field), like)
        return self._value_ids(field, lambda: self.like(doi_values.c.value, like))

    def like_pattern(self, pattern: str) -> str:
        """A case-sensitive LIKE (PostgreSQL) or GLOB (SQLite) pattern."""
        out: list[str] = []
        index = 0
        while index < len(pattern):
            char = pattern[index]
            if char == "\\" and index + 1 < len(pattern):
                char = pattern[index + 1]
                index += 2
                out.append(self._literal_char(char))
                continue
            if char == "*":
                out.append("*" if self.dialect == "sqlite" else "%")
            elif char == "?":
                out.append("?" if self.dialect == "sqlite" else "_")
            else:
                out.append(self._literal_char(char))
            index += 1
        return "".join(out)

    def _literal_char(self, char: str) -> str:
        if self.dialect == "sqlite":
            return f"[{char}]" if char in "*?[]" else char
        return f"\\{char}" if char in "%_\\" else char

    def like(self, column: ColumnElement[str], pattern: str) -> ColumnElement[bool]:
        if self.dialect == "sqlite":
            return column.op("GLOB")(literal(pattern))
        return column.like(pattern, escape="\\")

    # -- ranges, numbers, dates ------------------------------------------------------------

    def column(self, field: Field) -> ColumnElement[Any]:
        assert field.column is not None
        return dois.c[field.column]

    def period(self, field: Field, value: str) -> tuple[object, object]:
        try:
            return dates.period(value)
        except dates.DateError as exc:
            raise QuerySyntaxError(f"{field.name}: {exc}") from None

    def compare(self, field: Field, op: str, number: float) -> ColumnElement[bool]:
        if field.store is Store.RELATION_COUNT:
            return count_condition(field.column or "", op, number)
        compare = OPERATORS[op]
        if field.store is Store.COLUMN:
            condition: ColumnElement[bool] = compare(self.column(field), number)
            return condition
        return self._value_ids(field, lambda: compare(doi_values.c.value_num, number))

    def range(self, field: Field, query: Range) -> ColumnElement[bool]:
        conditions: list[ColumnElement[bool]] = []
        if field.kind is Kind.NUMBER and field.store is Store.VALUES:
            # one value must lie within both bounds (not one above and another below)
            bounds = []
            if query.low is not None:
                low_op = OPERATORS[">=" if query.include_low else ">"]
                bounds.append(low_op(doi_values.c.value_num, number_of(field, query.low)))
            if query.high is not None:
                high_op = OPERATORS["<=" if query.include_high else "<"]
                bounds.append(high_op(doi_values.c.value_num, number_of(field, query.high)))
            return self._value_ids(
                field, lambda: and_(doi_values.c.value_num.is_not(None), *bounds)
            )
        if field.kind is Kind.NUMBER:
            if query.low is not None:
                conditions.append(
                    self.compare(
                        field, ">=" if query.include_low else ">", number_of(field, query.low)
                    )
                )
            if query.high is not None:
                conditions.append(
                    self.compare(
                        field, "<=" if query.include_high else "<", number_of(field, query.high)
                    )
                )
            return and_(true(), *conditions)
        if field.kind is Kind.DATE and field.store is Store.COLUMN:
            column = self.column(field)
            if query.low is not None:
                start, end = self.period(field, query.low)
                conditions.append(column >= start if query.include_low else column >= end)
            if query.high is not None:
                start, end = self.period(field, query.high)
                conditions.append(column < end if query.include_high else column < start)
            return and_(column.is_not(None), *conditions)
        low = (
            query.low if field.kind is not Kind.KEYWORD_CI or query.low is None else fold(query.low)
        )
        high = (
            query.high
            if field.kind is not Kind.KEYWORD_CI or query.high is None
            else fold(query.high)
        )

        def between(column: ColumnElement[str]) -> ColumnElement[bool]:
            parts: list[ColumnElement[bool]] = [column.is_not(None)]
            if low is not None:
                parts.append(column >= low if query.include_low else column > low)
            if high is not None:
                parts.append(column <= high if query.include_high else column < high)
            return and_(*parts)

        if field.store is Store.COLUMN:
            return between(self.column(field))
        return self._value_ids(field, lambda: between(doi_values.c.value))

    # -- existence -------------------------------------------------------------------------

    def exists(self, path: str) -> ColumnElement[bool]:
        field = FIELDS.get(path)
        if field is not None and field.store is Store.COLUMN:
            if field.name in ("agency",):
                return true()
            if field.name == "consortium_id":
                members = select(providers.c.id).where(providers.c.consortium_id.is_not(None))
                return dois.c.provider_id.in_(members)
            column = self.column(field)
            return (
                and_(column.is_not(None), column != "")
                if field.kind in (Kind.KEYWORD, Kind.KEYWORD_CI, Kind.TEXT)
                else column.is_not(None)
            )
        if field is not None and field.store is Store.RELATION_COUNT:
            return count_condition(field.column or "", ">", 0)
        ids = [
            field_id
            for name, field_id in self.field_ids.items()
            if name == path or name.startswith(f"{path}.")
        ]
        if not ids:
            return false()
        return dois.c.id.in_(select(doi_values.c.doi_id).where(doi_values.c.field_id.in_(ids)))
