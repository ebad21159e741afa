"""Query strings → typed query trees (spec §4.3, §4.4).

The Lucene/OpenSearch syntax is parsed with luqum's thread-safe parser; the
tree is then checked against the field catalogue. As DataCite does, ``/`` needs
no escaping, and neither does ``:`` inside DOIs, URLs or range bounds. Every
problem is a :class:`QuerySyntaxError` naming it and its position in the
query as the user wrote it.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from typing import Final

from luqum import tree
from luqum.exceptions import IllegalCharacterError, ParseError
from luqum.thread import parse as luqum_parse

from doiregistry.search.query import fields as catalogue
from doiregistry.search.query.bounds import QueryLimits, check_bounds
from doiregistry.search.query.errors import QuerySyntaxError as QuerySyntaxError
from doiregistry.search.query.fields import Kind
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

MAX_QUERY_LENGTH: Final = 4096
#: deepest nesting of parentheses and brackets the parser is given (the typed
#: tree's depth is bounded by :class:`QueryLimits`)
MAX_NESTING: Final = 64
_FIELD_NAME: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")
_TERM_BREAK: Final = set(' \t\r\n()[]{}"')
_POSITION: Final = re.compile(r"position (\d+)")


def escape_query(query: str) -> tuple[str, list[int]]:
    """Escape ``/`` everywhere and ``:`` where it cannot separate a field from its value.

    Returns the escaped string and, for each of its characters, the position
    of the character it came from in ``query``.
    """
    out: list[str] = []
    origin: list[int] = []
    term_start = 0
    in_phrase = False
    range_depth = 0
    index = 0

    def emit(text: str, at: int) -> None:
        out.append(text)
        origin.extend([at] * len(text))

    while index < len(query):
        char = query[index]
        if char == "\\" and index + 1 < len(query):
            emit(query[index : index + 2], index)
            index += 2
            continue
        if char == '"':
            in_phrase = not in_phrase
        elif not in_phrase:
            if char in "[{":
                range_depth += 1
            elif char in "]}":
                range_depth = max(0, range_depth - 1)
            if char in _TERM_BREAK:
                term_start = len(out) + 1
            elif char == "/" or (range_depth > 0 and char in "+-"):
                emit("\\" + char, index)
                index += 1
                continue
            elif char == ":":
                term = "".join(out[term_start:]).lstrip("+-!")
                next_char = query[index + 1] if index + 1 < len(query) else ""
                # ``*:*`` is "every field: anything", not a word with a colon
                separator = (
                    range_depth == 0
                    and next_char != "/"
                    and (term == "*" or bool(_FIELD_NAME.fullmatch(term)))
                )
                if not separator:
                    emit("\\:", index)
                    index += 1
                    continue
                term_start = len(out) + 1
        emit(char, index)
        index += 1
    return "".join(out), origin


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _has_wildcard(text: str) -> bool:
    return bool(re.search(r"(?<!\\)[*?]", text))


class TreeBuilder(ABC):
    """Walks a luqum tree into a typed query tree; subclasses check fields and values.

    Shared by the DOI search and the account-list search, which differ only in
    their field catalogues (the hooks ``search_field``, ``word``, ``phrase``
    and ``range``).
    """

    def __init__(self, origin: list[int]) -> None:
        self.origin = origin

    def where(self, node: tree.Item) -> int | None:
        pos = getattr(node, "pos", None)
        if pos is None:
            return None
        return self.origin[pos] if pos < len(self.origin) else len(self.origin)

    def fail(self, message: str, node: tree.Item) -> QuerySyntaxError:
        return QuerySyntaxError(message, self.where(node))

    def build(self, node: tree.Item, fields: tuple[str, ...] | None) -> Query:
        if isinstance(node, tree.SearchField):
            return self.search_field(node, fields)
        if isinstance(node, tree.Group | tree.FieldGroup):
            return self.build(node.expr, fields)
        if isinstance(node, tree.AndOperation | tree.UnknownOperation):
            return And(tuple(self.build(child, fields) for child in node.children))
        if isinstance(node, tree.OrOperation):
            return Or(tuple(self.build(child, fields) for child in node.children))
        if isinstance(node, tree.Not | tree.Prohibit):
            return Not(self.build(node.a, fields))
        if isinstance(node, tree.Plus):
            return self.build(node.a, fields)
        if isinstance(node, tree.Boost):
            return self.build(node.expr, fields)
        if isinstance(node, tree.Word):
            return self.word(node, fields)
        if isinstance(node, tree.Phrase):
            return self.phrase(node, fields)
        if isinstance(node, tree.Range | tree.From | tree.To):
            return self.range(node, fields)
        if isinstance(node, tree.Fuzzy):
            raise self.fail("Fuzzy queries (~) are not supported", node)
        if isinstance(node, tree.Proximity):
            raise self.fail('Proximity queries ("..."~N) are not supported', node)
        if isinstance(node, tree.Regex):
            raise self.fail("Regular expression queries are not supported", node)
        raise self.fail(f"Unsupported query element {node}", node)

    @abstractmethod
    def search_field(self, node: tree.SearchField, fields: tuple[str, ...] | None) -> Query:
        """The query tree of one search field."""

    @abstractmethod
    def word(self, node: tree.Word, fields: tuple[str, ...] | None) -> Query:
        """The query tree of one word."""

    @abstractmethod
    def phrase(self, node: tree.Phrase, fields: tuple[str, ...] | None) -> Query:
        """The query tree of one phrase."""

    @abstractmethod
    def range(self, node: tree.Item, fields: tuple[str, ...] | None) -> Query:
        """The query tree of one range."""


class _Builder(TreeBuilder):
    """The DOI search's builder: fields from :mod:`.fields`."""

    def fields_of(self, name: str, node: tree.Item) -> tuple[str, ...]:
        try:
            return tuple(field.name for field in catalogue.resolve(name))
        except catalogue.UnknownField as exc:
            raise self.fail(str(exc), node) from None

    def search_field(self, node: tree.SearchField, fields: tuple[str, ...] | None) -> Query:
        if fields is not None:
            raise self.fail(f"Field {node.name} inside another field's group", node)
        if node.name == catalogue.EXISTS_FIELD:
            if not isinstance(node.expr, tree.Word):
                raise self.fail("_exists_ takes one field name", node)
            name = _unescape(node.expr.value)
            try:
                return Exists(tuple(catalogue.exists_paths(name)))
            except catalogue.UnknownField as exc:
                raise self.fail(str(exc), node.expr) from None
        if node.name == "*" and isinstance(node.expr, tree.Word) and node.expr.value == "*":
            return MatchAll()
        return self.build(node.expr, self.fields_of(node.name, node))

    def word(self, node: tree.Word, fields: tuple[str, ...] | None) -> Query:
        raw = node.value
        if raw == "*" and fields is None:
            return MatchAll()
        if _has_wildcard(raw):
            if raw.strip("*") == "" and fields is not None:
                return Exists(fields)
            return Wildcard(fields, raw)
        return Term(fields, _unescape(raw))

    def phrase(self, node: tree.Phrase, fields: tuple[str, ...] | None) -> Query:
        return Phrase(fields, _unescape(node.value[1:-1]))

    def range(self, node: tree.Item, fields: tuple[str, ...] | None) -> Query:
        if fields is None:
            raise self.fail("A range needs a field, e.g. publicationYear:[2010 TO 2020]", node)
        for name in fields:
            kind = catalogue.FIELDS[name].kind
            if kind is Kind.TEXT:
                raise self.fail(f"Ranges are not supported on the text field {name}", node)
        if isinstance(node, tree.Range):
            low, high = self.bound(node.low), self.bound(node.high)
            return Range(fields, low, high, node.include_low, node.include_high)
        assert isinstance(node, tree.From | tree.To)
        value = self.bound(node.a)
        if isinstance(node, tree.From):
            return Range(fields, value, None, node.include, True)
        return Range(fields, None, value, True, node.include)

    def bound(self, node: tree.Item) -> str | None:
        if isinstance(node, tree.Word | tree.Phrase):
            text = node.value[1:-1] if isinstance(node, tree.Phrase) else node.value
            text = _unescape(text)
            return None if text == "*" else text
        raise self.fail("A range bound must be a single value", node)


def parse_query(query: str | None, limits: QueryLimits | None = None) -> Query:
    """The typed tree of a query string; empty or blank queries match everything.

    The tree is checked against ``limits`` (the defaults when ``None``) before
    it is returned, so no query over them reaches SQL or numpy.
    """
    if query is None or not query.strip():
        return MatchAll()
    if len(query) > MAX_QUERY_LENGTH:
        raise QuerySyntaxError(f"The query is longer than {MAX_QUERY_LENGTH} characters")
    depth = deepest = 0
    for char in query:
        depth += char in "([{"
        depth -= char in ")]}"
        deepest = max(deepest, depth)
    if deepest > MAX_NESTING:
        raise QuerySyntaxError(f"The query is nested deeper than {MAX_NESTING} levels")
    escaped, origin = escape_query(query)
    try:
        parsed = luqum_parse(escaped)
    except IllegalCharacterError as exc:
        raise _located(str(exc), origin) from None
    except ParseError as exc:
        raise _located(str(exc), origin) from None
    except RecursionError:
        raise QuerySyntaxError("The query is nested too deeply") from None
    try:
        tree_ = _Builder(origin).build(parsed, None)
    except RecursionError:
        raise QuerySyntaxError(f"The query is nested deeper than {MAX_NESTING} levels") from None
    check_bounds(tree_, limits or QueryLimits())
    return tree_


def _located(message: str, origin: list[int]) -> QuerySyntaxError:
    text = message.replace("Syntax error in input : ", "").rstrip("!").strip()
    text = text[:1].upper() + text[1:]
    match = _POSITION.search(text)
    if match:
        escaped_position = int(match.group(1))
        position = origin[escaped_position] if escaped_position < len(origin) else len(origin)
        text = _POSITION.sub(f"position {position}", text)
        return QuerySyntaxError(text.split(" at position")[0], position)
    if "at the end" in text:
        return QuerySyntaxError(text.replace(" at the end", ""), len(origin))
    return QuerySyntaxError(text)
