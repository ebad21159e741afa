"""Bounds on the work one query may cause, checked on its typed tree before it runs.

As OpenSearch's ``indices.query.bool.max_clause_count`` and ``max_nested_depth``
do, a query is refused before any SQL or numpy work when it has too many
clauses, too many wildcard terms, too many leading-wildcard terms (each scans
every word or value of its fields) or is nested too deeply. Each refusal names
the limit and the setting that raises it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from doiregistry.search.query.errors import QuerySyntaxError
from doiregistry.search.query.tree import And, MatchAll, Not, Or, Query, Wildcard

_LEADING_WILDCARD: Final = re.compile(r"^[*?]")


class QueryTooExpensive(QuerySyntaxError):
    """A query over one of the :class:`QueryLimits` (a 400 naming the limit and its setting)."""


@dataclass(frozen=True)
class QueryLimits:
    """The most a query may ask for; the defaults are those of ``docs/settings.md``."""

    max_clauses: int = 1024
    max_wildcards: int = 32
    max_leading_wildcards: int = 4
    max_depth: int = 20


@dataclass
class _Cost:
    clauses: int = 0
    wildcards: int = 0
    leading_wildcards: int = 0
    depth: int = 0


def _cost(query: Query) -> _Cost:
    """Clauses (leaves), wildcard terms and depth of a tree, without recursion."""
    cost = _Cost()
    stack: list[tuple[Query, int]] = [(query, 1)]
    while stack:
        node, depth = stack.pop()
        cost.depth = max(cost.depth, depth)
        if isinstance(node, And | Or):
            stack.extend((item, depth + 1) for item in node.items)
        elif isinstance(node, Not):
            stack.append((node.item, depth + 1))
        elif not isinstance(node, MatchAll):
            cost.clauses += 1
            if isinstance(node, Wildcard):
                cost.wildcards += 1
                cost.leading_wildcards += bool(_LEADING_WILDCARD.match(node.pattern))
    return cost


def _refusal(what: str, count: int, limit: int, setting: str) -> QueryTooExpensive:
    return QueryTooExpensive(
        f"The query has {count:,} {what}; at most {limit:,} are allowed ({setting})"
    )


def check_bounds(query: Query, limits: QueryLimits) -> None:
    """Raise :class:`QueryTooExpensive` when ``query`` is over one of ``limits``."""
    cost = _cost(query)
    if cost.depth > limits.max_depth:
        raise QueryTooExpensive(
            f"The query is nested deeper than {limits.max_depth:,} levels "
            f"({cost.depth:,}; DOIREGISTRY_MAX_QUERY_DEPTH)"
        )
    if cost.clauses > limits.max_clauses:
        raise _refusal("clauses", cost.clauses, limits.max_clauses, "DOIREGISTRY_MAX_QUERY_CLAUSES")
    if cost.wildcards > limits.max_wildcards:
        raise _refusal(
            "wildcard terms",
            cost.wildcards,
            limits.max_wildcards,
            "DOIREGISTRY_MAX_QUERY_WILDCARDS",
        )
    if cost.leading_wildcards > limits.max_leading_wildcards:
        raise _refusal(
            "terms that start with a wildcard",
            cost.leading_wildcards,
            limits.max_leading_wildcards,
            "DOIREGISTRY_MAX_QUERY_LEADING_WILDCARDS",
        )
