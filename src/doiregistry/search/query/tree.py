"""The typed query tree that parsed query strings become (checked against the catalogue).

Field names in the tree are catalogue names; ``fields=None`` means the default
fields of an unqualified query (spec §4.3).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MatchAll:
    """Matches every record (an empty query, or ``*``/``*:*``)."""


@dataclass(frozen=True)
class Term:
    """A word (or a whole keyword value) in any of ``fields``."""

    fields: tuple[str, ...] | None
    text: str


@dataclass(frozen=True)
class Phrase:
    """Consecutive words in a text field, or a whole keyword value."""

    fields: tuple[str, ...] | None
    text: str


@dataclass(frozen=True)
class Wildcard:
    """A pattern with ``*`` (any run) and ``?`` (one character), matched per word or value."""

    fields: tuple[str, ...] | None
    pattern: str


@dataclass(frozen=True)
class Range:
    """A range on one field; ``None`` bounds are open."""

    fields: tuple[str, ...]
    low: str | None
    high: str | None
    include_low: bool
    include_high: bool


@dataclass(frozen=True)
class Exists:
    """``_exists_:path``: the record has a value at (or under) one of ``paths``."""

    paths: tuple[str, ...]


@dataclass(frozen=True)
class And:
    items: tuple[Query, ...]


@dataclass(frozen=True)
class Or:
    items: tuple[Query, ...]


@dataclass(frozen=True)
class Not:
    item: Query


Query = MatchAll | Term | Phrase | Wildcard | Range | Exists | And | Or | Not
