"""Evaluating requests on the columnar facet index instead of SQL.

A request whose filters are column filters (member, repository, prefix,
resource type, state, creation/registration/publication years) or filters
over the search index, and whose query combines, with AND, OR and NOT, terms
on those columns, ``publicationYear`` and clauses over the search index
(``_exists_`` among them; each a mask built by SQL over every record, kept in
a filter cache when it matches many), is answered for counting and
``updated`` paging from numpy masks over the facet index. That matters when
the match set is a large part of the store: fetching a million ids from SQL
takes longer than counting every facet. Pages in other orders still come from
SQL.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

import numpy as np
import numpy.typing as npt

from doiregistry.domain.doi_query import DoiFilters, YearRange
from doiregistry.domain.principal import Principal
from doiregistry.search.columnar.facet_index import FacetIndex, SlotSet
from doiregistry.search.dois.visibility import scope_of
from doiregistry.search.query.fields import DEFAULT_FIELDS, FIELDS, Store
from doiregistry.search.query.tokens import fold
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
from doiregistry.search.sql.budget import Deadline

BoolArray = npt.NDArray[np.bool_]
#: :class:`DoiFilters` field → facet column
_COLUMNS: Final = {
    "provider_ids": "provider",
    "client_ids": "client",
    "prefixes": "prefix",
    "resource_type_ids": "resource_type",
}
_YEARS: Final = {"created": "created", "registered": "registered", "published": "published"}
#: the filters (by :class:`DoiFilters` field) that :func:`columnar_slots` applies itself
COLUMNAR: Final = frozenset(_COLUMNS) | frozenset(_YEARS)


def _isin(index: FacetIndex, column: str, keys: Sequence[str]) -> BoolArray:
    codes, vocabulary = index.single_codes(column)
    wanted = [vocabulary[key] for key in keys if key in vocabulary]
    return np.isin(codes, np.array(wanted, dtype=np.int32))


def _years(index: FacetIndex, column: str, years: YearRange) -> BoolArray:
    codes, vocabulary = index.single_codes(column)
    by_code = np.full(len(vocabulary) + 1, -1, dtype=np.int64)
    for key, code in vocabulary.items():
        if key.isdigit():
            by_code[code] = int(key)
    values = by_code[codes]  # code -1 (no value) reads the last cell: -1
    return (values >= years.first) & (values <= years.last)


def _visible(index: FacetIndex, principal: Principal) -> BoolArray:
    scope = scope_of(principal)
    findable = _isin(index, "state", ["findable"])
    if scope.everything:
        return np.ones_like(findable)
    if scope.client_id is not None:
        return findable | _isin(index, "client", [scope.client_id])
    if scope.provider_ids:
        return findable | _isin(index, "provider", scope.provider_ids)
    return findable


#: query fields answered from facet columns (single-valued, the same values as in SQL)
_QUERY_COLUMNS: Final = {
    "client_id": "client",
    "provider_id": "provider",
    "prefix": "prefix",
    "resource_type_id": "resource_type",
    "state": "state",
}


def _year_values(index: FacetIndex) -> npt.NDArray[np.float64]:
    codes, vocabulary = index.single_codes("published")
    by_code = np.full(len(vocabulary) + 1, np.nan)
    for key, code in vocabulary.items():
        by_code[code] = float(key)
    return by_code[codes]


def _number(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        return float(text)
    except ValueError:
        return None


def query_mask(
    index: FacetIndex, query: Query, clauses: Mapping[Query, BoolArray]
) -> BoolArray | None:
    """The records a query tree selects, when every part of it is a facet column; else None.

    Covers ``publicationYear`` terms and ranges, terms on ``client_id``,
    ``provider_id``, ``prefix``, ``resource_type_id`` and ``state``, and
    clauses over the search index (masks built by SQL, see :func:`sql_clauses`), combined
    with AND, OR and NOT: the same semantics as the SQL compiler.
    """
    if isinstance(query, MatchAll):
        return np.ones(index.alive.size, dtype=np.bool_)
    if query in clauses:
        return clauses[query]
    if isinstance(query, And | Or):
        parts = [query_mask(index, item, clauses) for item in query.items]
        if any(part is None for part in parts):
            return None
        combined = (
            np.ones(index.alive.size, dtype=np.bool_)
            if isinstance(query, And)
            else (np.zeros(index.alive.size, dtype=np.bool_))
        )
        for part in parts:
            assert part is not None
            combined = combined & part if isinstance(query, And) else combined | part
        return combined
    if isinstance(query, Not):
        inner = query_mask(index, query.item, clauses)
        return None if inner is None else ~inner
    if isinstance(query, Term) and query.fields is not None and len(query.fields) == 1:
        name = query.fields[0]
        if name in _QUERY_COLUMNS:
            return _isin(index, _QUERY_COLUMNS[name], [fold(query.text)])
        if name == "publicationYear":
            number = _number(query.text)
            return None if number is None else _year_values(index) == number
    if isinstance(query, Range) and query.fields == ("publicationYear",):
        low, high = _number(query.low), _number(query.high)
        if (query.low is not None and low is None) or (query.high is not None and high is None):
            return None
        years = _year_values(index)
        mask = ~np.isnan(years)
        if low is not None:
            mask &= years >= low if query.include_low else years > low
        if high is not None:
            mask &= years <= high if query.include_high else years < high
        return mask
    return None


def columnar_slots(
    index: FacetIndex,
    principal: Principal,
    filters: DoiFilters,
    query: Query,
    deadline: Deadline | None = None,
) -> SlotSet | None:
    """Slots of the matching records, or ``None`` when the request needs SQL.

    The SQL of clauses not in the filter cache stops at ``deadline``.

    ``filters`` other than the :data:`COLUMNAR` ones (and ``states``) must
    already be ANDed into ``query`` as trees by the caller.
    """
    if filters.ids is not None or filters.id is not None:
        return None
    if not isinstance(query, MatchAll) and not _answerable(query):
        return None
    with index.lock:
        clauses = index.refresh(clauses=sql_clauses(query), deadline=deadline)
        mask: BoolArray = index.alive.view.copy()
        mask &= _visible(index, principal)
        selected = query_mask(index, query, clauses)
        if selected is None:
            return None
        mask &= selected
        for name, column in _COLUMNS.items():
            keys: tuple[str, ...] | None = getattr(filters, name)
            if keys is not None:
                mask &= _isin(index, column, [key.lower() for key in keys])
        for name, column in _YEARS.items():
            years: YearRange | None = getattr(filters, name)
            if years is not None:
                mask &= _years(index, column, years)
        if filters.states and not principal.is_anonymous:
            mask &= _isin(index, "state", filters.states)
        return index.slot_set(np.flatnonzero(mask).astype(np.int64))


def _answerable(query: Query) -> bool:
    """Whether :func:`query_mask` can answer ``query`` (checked before taking the lock)."""
    if isinstance(query, MatchAll):
        return True
    if isinstance(query, And | Or):
        return all(_answerable(item) for item in query.items)
    if isinstance(query, Not):
        return _answerable(query.item)
    return _native(query) or _is_sql_clause(query)


def _in_values(query: Exists) -> bool:
    """Whether every path of an ``_exists_`` is read from ``doi_values`` (as the compiler does)."""
    for path in query.paths:
        field = FIELDS.get(path)
        if field is not None and field.store is not Store.VALUES:
            return False
    return True


def _native(query: Query) -> bool:
    """Whether :func:`query_mask` reads this leaf straight from a facet column."""
    if isinstance(query, Term) and query.fields is not None and len(query.fields) == 1:
        name = query.fields[0]
        return name in _QUERY_COLUMNS or (
            name == "publicationYear" and _number(query.text) is not None
        )
    if isinstance(query, Range) and query.fields == ("publicationYear",):
        return (query.low is None or _number(query.low) is not None) and (
            query.high is None or _number(query.high) is not None
        )
    return False


def _is_sql_clause(query: Query) -> bool:
    """A leaf evaluated in SQL over every record, then combined in numpy.

    Only leaves whose SQL condition is never NULL qualify (``id IN (...)`` over
    the index tables, or the DOI column), so that NOT in numpy means what NOT
    means in SQL.
    """
    if isinstance(query, Exists):
        return _in_values(query)
    if not isinstance(query, Term | Phrase | Wildcard | Range) or _native(query):
        return False
    names = query.fields if query.fields is not None else [n for n, _ in DEFAULT_FIELDS]
    for name in names:
        field = FIELDS.get(name)
        if field is None:
            return False
        if field.store is not Store.VALUES and field.name != "doi":
            return False
    return True


def sql_clauses(query: Query) -> list[Query]:
    """The leaves of a query tree that :func:`query_mask` takes from SQL-built masks."""
    if isinstance(query, And | Or):
        return [clause for item in query.items for clause in sql_clauses(item)]
    if isinstance(query, Not):
        return sql_clauses(query.item)
    return [query] if _is_sql_clause(query) else []
