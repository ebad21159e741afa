"""What the repository and member lists share: the query and the filters of
:class:`~doiregistry.domain.account_queries.AccountQuery` checked once, their test on a row,
and the sorts by name, creation and relevance (ties go by id).

Bad values are 400s, in the order query syntax, ``year``, ``from-date``,
``until-date``; the lists check their own filters after these.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from sqlalchemy import Row

from doiregistry.domain.account_queries import AccountQuery
from doiregistry.search.accounts.match import AccountDocument
from doiregistry.search.accounts.query import FieldCatalogue
from doiregistry.search.accounts.steps import (
    Hit,
    Order,
    any_of,
    arrange,
    day_window,
    folded,
    in_window,
    in_years,
    name_key,
    parse,
    select,
    year_range,
)
from doiregistry.search.query.tree import Query

DEFAULT_SORT: Final = "name"
AccountRow = Row[Any]


def name_orders(name_of: Callable[[AccountRow], str | None]) -> dict[str, Order[AccountRow]]:
    """``name`` / ``-name`` by ``name_of``, ``created`` / ``-created``, and ``relevance``
    (score, then name)."""

    def by_name(hit: Hit[AccountRow]) -> tuple[Any, ...]:
        return name_key(name_of(hit.item)), hit.item.id

    def by_created(hit: Hit[AccountRow]) -> tuple[Any, ...]:
        return hit.item.created, hit.item.id

    def by_relevance(hit: Hit[AccountRow]) -> tuple[Any, ...]:
        return -hit.score, name_key(name_of(hit.item)), hit.item.id

    return {
        "name": (by_name, False),
        "-name": (by_name, True),
        "created": (by_created, False),
        "-created": (by_created, True),
        "relevance": (by_relevance, False),
    }


@dataclass(frozen=True)
class AccountSearch:
    """The checked ``query``, ``sort``, ``ids``, ``year``, updated window and ``consortium-id``
    of one repository or member list."""

    catalogue: FieldCatalogue
    tree: Query
    sort: str | None
    years: tuple[int, int] | None
    window: tuple[datetime | None, datetime | None]
    ids: frozenset[str] | None
    consortium: str | None

    @classmethod
    def of(cls, query: AccountQuery, catalogue: FieldCatalogue) -> AccountSearch:
        """Check the shared parts of ``query`` against the list's fields."""
        return cls(
            catalogue=catalogue,
            tree=parse(query.query, catalogue),
            sort=query.sort,
            years=year_range(query.year),
            window=day_window(query.from_date, query.until_date),
            ids=folded(query.ids),
            consortium=query.consortium_id.lower() if query.consortium_id else None,
        )

    def keeps(self, row: AccountRow, consortium_of: Callable[[AccountRow], str | None]) -> bool:
        """Whether an account row passes the shared filters."""
        return (
            any_of(self.ids, [row.id])
            and in_years(row.created, self.years)
            and in_window(row.updated, self.window)
            and (self.consortium is None or consortium_of(row) == self.consortium)
        )

    def hits(
        self,
        rows: Iterable[AccountRow],
        orders: dict[str, Order[AccountRow]],
        *,
        consortium_of: Callable[[AccountRow], str | None],
        keep: Callable[[AccountRow], bool],
        document: Callable[[AccountRow], AccountDocument],
    ) -> list[Hit[AccountRow]]:
        """The rows that pass the shared filters, the list's own (``keep``) and the query,
        in the order of the sort."""

        def passes(row: AccountRow) -> bool:
            return self.keeps(row, consortium_of) and keep(row)

        found = select(rows, self.tree, self.catalogue, document, passes)
        return arrange(found, self.sort, orders, DEFAULT_SORT)
