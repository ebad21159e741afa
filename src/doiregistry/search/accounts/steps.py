"""The steps every repository, member and prefix list shares: checking filter values,
keeping the rows that match, ordering them totally and cutting out one page.

The lists evaluate their ``query``, filters and facets in Python over all
rows of a small table (see :mod:`doiregistry.search.accounts.query` for why).
Bad filter values and query syntax errors are :class:`~.errors.BadRequest`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from doiregistry.domain.errors import BadRequest
from doiregistry.domain.listing import Page
from doiregistry.search.accounts.match import AccountDocument, score
from doiregistry.search.accounts.query import FieldCatalogue, parse_account_query
from doiregistry.search.query import dates
from doiregistry.search.query.parse import QuerySyntaxError
from doiregistry.search.query.tokens import fold
from doiregistry.search.query.tree import MatchAll, Query

R = TypeVar("R")
_TRUE = ("true", "1", "yes")
_FALSE = ("false", "0", "no")


@dataclass
class Hit(Generic[R]):
    """One row that matched, with its relevance score."""

    item: R
    score: float = 0.0


#: a sort key over hits and whether it runs descending
Order = tuple[Callable[[Hit[R]], Any], bool]


def parse(query: str | None, catalogue: FieldCatalogue) -> Query:
    """The query tree, or a 400 naming the syntax error and where it is."""
    try:
        return parse_account_query(query, catalogue)
    except QuerySyntaxError as exc:
        raise BadRequest(str(exc)) from None


def select(
    items: Iterable[R],
    query: Query,
    catalogue: FieldCatalogue,
    document: Callable[[R], AccountDocument],
    keep: Callable[[R], bool],
) -> list[Hit[R]]:
    """The rows that pass the filters (``keep``) and the query, each with its score."""
    hits = []
    for item in items:
        if not keep(item):
            continue
        if isinstance(query, MatchAll):
            hits.append(Hit(item))
            continue
        found = score(query, document(item), catalogue)
        if found is not None:
            hits.append(Hit(item, found))
    return hits


def arrange(
    hits: list[Hit[R]], sort: str | None, orders: Mapping[str, Order[R]], default: str
) -> list[Hit[R]]:
    """``hits`` in the order ``sort`` names (unknown or absent: ``default``, as DataCite)."""
    key, descending = orders.get((sort or "").strip(), orders[default])
    return sorted(hits, key=key, reverse=descending)


def cut(hits: Sequence[Hit[R]], page: Page) -> list[R]:
    return [hit.item for hit in hits[page.offset : page.offset + page.size]]


# -- filter values ---------------------------------------------------------------------------


def year_range(values: Sequence[str] | None) -> tuple[int, int] | None:
    """``year=2018,2020``: every year from the smallest to the largest (DataCite's range)."""
    if not values:
        return None
    years = []
    for value in values:
        # four digits at most: no creation year is later, and int() refuses 4300 digits
        if not value.strip().isdecimal() or len(value.strip()) > 4:
            raise BadRequest(f"year must be a year or a comma-separated list of years, not {value}")
        years.append(int(value))
    return min(years), max(years)


def in_years(stamp: datetime, years: tuple[int, int] | None) -> bool:
    return years is None or years[0] <= stamp.year <= years[1]


def day_window(
    from_date: str | None, until_date: str | None
) -> tuple[datetime | None, datetime | None]:
    """``from-date``/``until-date``: from the start of one day to the end of another."""

    def bound(name: str, value: str | None, end: bool) -> datetime | None:
        if value is None:
            return None
        try:
            start, stop = dates.period(value)
        except dates.DateError:
            raise BadRequest(f"{name} must be a date (YYYY-MM-DD), not {value}") from None
        return stop if end else start

    return bound("from-date", from_date, False), bound("until-date", until_date, True)


def in_window(stamp: datetime, window: tuple[datetime | None, datetime | None]) -> bool:
    start, end = window
    return (start is None or stamp >= start) and (end is None or stamp < end)


def folded(values: Sequence[str] | None) -> frozenset[str] | None:
    """Case-insensitive comparison values of a comma-separated filter (``None``: no filter)."""
    return frozenset(fold(value) for value in values) if values else None


def any_of(wanted: frozenset[str] | None, values: Iterable[Any]) -> bool:
    """True without a filter, or if one of ``values`` is wanted (case-insensitively)."""
    return wanted is None or any(fold(str(value)) in wanted for value in values if value)


def truth(name: str, value: str | None) -> bool | None:
    """A ``true``/``false`` filter; anything else is a 400."""
    if value is None:
        return None
    text = value.strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise BadRequest(f"{name} must be true or false, not {value}")


def choices(name: str, values: Sequence[str] | None, allowed: Sequence[str]) -> None:
    """A 400 for a value outside ``allowed`` (for filters with a closed set of values)."""
    for value in values or ():
        if value not in allowed:
            raise BadRequest(f"{name} must be one of {', '.join(allowed)}, not {value}")


def name_key(value: str | None) -> str:
    """How names sort: case- and accent-insensitively."""
    return fold(value or "")
