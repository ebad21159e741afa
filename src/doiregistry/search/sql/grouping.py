"""Long ``AND``/``OR``/``+`` chains as shallow trees, so that SQLite can parse them.

SQLite parses ``a OR b OR c …`` into a tree as deep as the chain is long and
refuses trees deeper than 1,000 ("Expression tree is too large"), which a
query of a few hundred default-field terms reaches (each is an ``OR`` of
eight field tests). SQLAlchemy flattens nested ``or_``/``and_``, so chains
longer than :data:`FAN_OUT` are cut into parenthesised groups of at most that
many, recursively: the depth then grows with the logarithm of the length.
Shorter chains are left as they were (same SQL, same plans).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Final

from sqlalchemy import ColumnElement
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.visitors import InternalTraversal

FAN_OUT: Final = 16

Combine = Callable[..., ColumnElement[Any]]


class Parenthesized(ColumnElement[Any]):
    """An expression in parentheses that SQLAlchemy does not merge into its parent."""

    inherit_cache = True
    # SQLAlchemy reads this class attribute for statement cache keys
    _traverse_internals = [("inner", InternalTraversal.dp_clauseelement)]  # noqa: RUF012

    def __init__(self, inner: ColumnElement[Any]) -> None:
        self.inner = inner
        self.type = inner.type


@compiles(Parenthesized)
def _compile_parenthesized(element: Parenthesized, compiler: SQLCompiler, **kw: Any) -> str:
    return f"({compiler.process(element.inner, **kw)})"


def shallow(combine: Combine, parts: Sequence[ColumnElement[Any]]) -> ColumnElement[Any]:
    """``combine(*parts)`` (``or_``, ``and_``, a sum), in groups of at most :data:`FAN_OUT`."""
    items = list(parts)
    while len(items) > FAN_OUT:
        items = [
            Parenthesized(combine(*items[start : start + FAN_OUT]))
            for start in range(0, len(items), FAN_OUT)
        ]
    return combine(*items)
