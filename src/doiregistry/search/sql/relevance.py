"""The ``relevance`` score: the same integer on every backend (spec §4.3 boosts).

Each positive term of the query adds the highest boost among the fields it
matches: 50 for the DOI, 3 for the other default fields, 1 for a field named
in the query. Ties are broken by DOI, so both backends give the same order.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, case, literal
from sqlalchemy.sql import functions

from doiregistry.search.query.fields import DEFAULT_FIELDS, FIELDS, Kind
from doiregistry.search.query.tree import And, Not, Or, Phrase, Query, Term, Wildcard
from doiregistry.search.sql.conditions import Compiler
from doiregistry.search.sql.grouping import shallow


def positive_terms(query: Query) -> list[Term | Phrase | Wildcard]:
    """Terms that add to the score (those under a NOT do not)."""
    if isinstance(query, Term | Phrase | Wildcard):
        return [query]
    if isinstance(query, And | Or):
        return [term for item in query.items for term in positive_terms(item)]
    if isinstance(query, Not):
        return []
    return []


def _boosted(term: Term | Phrase | Wildcard) -> list[tuple[int, list[str]]]:
    """(boost, fields) groups of a term, highest boost first."""
    if term.fields is not None:
        return [(1, list(term.fields))]
    groups: dict[int, list[str]] = {}
    for name, boost in DEFAULT_FIELDS:
        groups.setdefault(boost, []).append(name)
    return sorted(groups.items(), reverse=True)


def score(query: Query, compiler: Compiler) -> ColumnElement[Any]:
    """An SQL expression of the record's score for ``query``."""
    parts: list[ColumnElement[Any]] = []
    for term in positive_terms(query):
        whens = []
        for boost, names in _boosted(term):
            text_fields = [FIELDS[n] for n in names if FIELDS[n].kind is Kind.TEXT]
            other = [FIELDS[n] for n in names if FIELDS[n].kind is not Kind.TEXT]
            conditions = [compiler.field_match(field, term) for field in other]
            if text_fields:
                conditions.append(compiler.text_match(text_fields, term))
            for condition in conditions:
                whens.append((condition, literal(boost)))
        if whens:
            parts.append(case(*whens, else_=literal(0)))
    if not parts:
        return literal(0)
    return functions.coalesce(shallow(_sum, parts), 0)


def _sum(*parts: ColumnElement[Any]) -> ColumnElement[Any]:
    total = parts[0]
    for part in parts[1:]:
        total = total + part
    return total
