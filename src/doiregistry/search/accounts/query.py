"""The ``query`` parameter of the repository and member lists → typed query trees (spec §6.3, §7).

DataCite runs these queries as an OpenSearch ``query_string`` (default
operator AND) over a handful of fields of each repository or member. We parse
the same syntax with luqum (through :func:`.query_parse.escape_query`, so that
``/`` and the ``:`` of URLs and e-mail addresses need no escaping) into the
typed tree of :mod:`.query_ast`, checked against a small catalogue of fields
per list, and evaluate it in Python (:mod:`.account_match`): these tables hold
hundreds to a few thousand rows, the whole table is read for the facets
anyway, and Python evaluation keeps one meaning of the query on both
backends without a full-text index per table.

Each field has a kind: ``text`` (matched on words, case- and
accent-insensitive, see :mod:`.tokens`), ``keyword`` (whole values,
case-insensitive), ``number`` or ``date`` (terms and ranges). Field names
are accepted in snake_case and camelCase (``system_email``,
``systemEmail``). Every problem is a :class:`~.query_parse.QuerySyntaxError`
naming it and where it is in the query.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from luqum import tree
from luqum.exceptions import IllegalCharacterError, ParseError
from luqum.thread import parse as luqum_parse

from doiregistry.search.query import dates
from doiregistry.search.query.parse import (
    MAX_QUERY_LENGTH,
    QuerySyntaxError,
    TreeBuilder,
    escape_query,
)
from doiregistry.search.query.tree import (
    Exists,
    MatchAll,
    Phrase,
    Query,
    Range,
    Term,
    Wildcard,
)

EXISTS_FIELD: Final = "_exists_"
#: deeper nesting than this is refused (Python evaluates the tree recursively)
MAX_DEPTH: Final = 64
_POSITION: Final = re.compile(r"position (\d+)")
_WILDCARD: Final = re.compile(r"(?<!\\)[*?]")


class FieldKind(StrEnum):
    TEXT = "text"
    KEYWORD = "keyword"
    NUMBER = "number"
    DATE = "date"


@dataclass(frozen=True)
class AccountField:
    """One queryable field of a list; ``boost`` weighs it in the relevance score."""

    name: str
    kind: FieldKind
    boost: float = 1.0
    aliases: tuple[str, ...] = ()


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


class FieldCatalogue:
    """The fields one list can be queried on; unqualified terms search every text and
    keyword field."""

    def __init__(self, fields: Iterable[AccountField]) -> None:
        self.fields: dict[str, AccountField] = {}
        self._names: dict[str, str] = {}
        for field in fields:
            self.fields[field.name] = field
            for name in (field.name, _camel(field.name), *field.aliases):
                self._names[name] = field.name
        self.default_fields: tuple[str, ...] = tuple(
            field.name
            for field in self.fields.values()
            if field.kind in (FieldKind.TEXT, FieldKind.KEYWORD)
        )

    def resolve(self, name: str) -> AccountField:
        canonical = self._names.get(name)
        if canonical is None:
            known = ", ".join(sorted(self.fields))
            raise KeyError(f"Unknown field {name}; the fields of this list are {known}")
        return self.fields[canonical]


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def check_value(field: AccountField, value: str) -> None:
    """Refuse a term or bound that a number or date field cannot hold."""
    if field.kind is FieldKind.NUMBER:
        try:
            float(value)
        except ValueError:
            raise ValueError(f"{field.name} is a number field; {value!r} is not a number") from None
    elif field.kind is FieldKind.DATE:
        try:
            dates.period(value)
        except dates.DateError as exc:
            raise ValueError(f"{field.name} is a date field; {exc}") from None


class _Builder(TreeBuilder):
    """The account lists' builder: fields from a :class:`FieldCatalogue`, nesting bounded."""

    def __init__(self, catalogue: FieldCatalogue, origin: list[int]) -> None:
        super().__init__(origin)
        self.catalogue = catalogue
        self.depth = 0

    def field(self, name: str, node: tree.Item) -> AccountField:
        try:
            return self.catalogue.resolve(name)
        except KeyError as exc:
            raise self.fail(str(exc.args[0]), node) from None

    def check(self, fields: tuple[str, ...] | None, value: str, node: tree.Item) -> None:
        for name in fields or ():
            try:
                check_value(self.catalogue.fields[name], value)
            except ValueError as exc:
                raise self.fail(str(exc), node) from None

    def build(self, node: tree.Item, fields: tuple[str, ...] | None) -> Query:
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise self.fail("The query is nested too deeply", node)
            return super().build(node, fields)
        finally:
            self.depth -= 1

    def phrase(self, node: tree.Phrase, fields: tuple[str, ...] | None) -> Query:
        text = _unescape(node.value[1:-1])
        self.check(fields, text, node)
        return Phrase(fields, text)

    def search_field(self, node: tree.SearchField, fields: tuple[str, ...] | None) -> Query:
        if fields is not None:
            raise self.fail(f"Field {node.name} inside another field's group", node)
        if node.name == EXISTS_FIELD:
            if not isinstance(node.expr, tree.Word):
                raise self.fail("_exists_ takes one field name", node)
            return Exists((self.field(_unescape(node.expr.value), node.expr).name,))
        if node.name == "*" and isinstance(node.expr, tree.Word) and node.expr.value == "*":
            return MatchAll()
        return self.build(node.expr, (self.field(node.name, node).name,))

    def word(self, node: tree.Word, fields: tuple[str, ...] | None) -> Query:
        raw = node.value
        if raw == "*" and fields is None:
            return MatchAll()
        if _WILDCARD.search(raw):
            if fields is not None and raw.strip("*") == "":
                return Exists(fields)
            return Wildcard(fields, raw)
        text = _unescape(raw)
        self.check(fields, text, node)
        return Term(fields, text)

    def range(self, node: tree.Item, fields: tuple[str, ...] | None) -> Query:
        if fields is None:
            raise self.fail("A range needs a field, e.g. year:[2015 TO 2020]", node)
        for name in fields:
            if self.catalogue.fields[name].kind is FieldKind.TEXT:
                raise self.fail(f"Ranges are not supported on the text field {name}", node)
        if isinstance(node, tree.Range):
            low, high = self.bound(node.low, fields), self.bound(node.high, fields)
            return Range(fields, low, high, node.include_low, node.include_high)
        assert isinstance(node, tree.From | tree.To)
        value = self.bound(node.a, fields)
        if isinstance(node, tree.From):
            return Range(fields, value, None, node.include, True)
        return Range(fields, None, value, True, node.include)

    def bound(self, node: tree.Item, fields: tuple[str, ...]) -> str | None:
        if not isinstance(node, tree.Word | tree.Phrase):
            raise self.fail("A range bound must be a single value", node)
        text = _unescape(node.value[1:-1] if isinstance(node, tree.Phrase) else node.value)
        if text == "*":
            return None
        self.check(fields, text, node)
        return text


def _located(message: str, origin: list[int]) -> QuerySyntaxError:
    text = message.replace("Syntax error in input : ", "").rstrip("!").strip()
    text = text[:1].upper() + text[1:]
    match = _POSITION.search(text)
    if match:
        escaped = int(match.group(1))
        position = origin[escaped] if escaped < len(origin) else len(origin)
        return QuerySyntaxError(text.split(" at position")[0], position)
    if "at the end" in text:
        return QuerySyntaxError(text.replace(" at the end", ""), len(origin))
    return QuerySyntaxError(text)


def parse_account_query(query: str | None, catalogue: FieldCatalogue) -> Query:
    """The typed tree of ``query`` over ``catalogue``; blank queries match everything."""
    if query is None or not query.strip():
        return MatchAll()
    if len(query) > MAX_QUERY_LENGTH:
        raise QuerySyntaxError(f"The query is longer than {MAX_QUERY_LENGTH} characters")
    escaped, origin = escape_query(query)
    try:
        parsed = luqum_parse(escaped)
    except (IllegalCharacterError, ParseError) as exc:
        raise _located(str(exc), origin) from None
    except RecursionError:
        raise QuerySyntaxError("The query is nested too deeply") from None
    try:
        return _Builder(catalogue, origin).build(parsed, None)
    except RecursionError:
        raise QuerySyntaxError("The query is nested too deeply") from None
