"""The ``GET /dois`` search service: one :class:`DoiQuery` in, one page of records out.

SQL (FTS5/tsvector, indexes, side tables) finds and pages the matching
records; facets are counted from the in-memory :class:`FacetIndex` over the
ids of the match set. Both see every committed write, so a DOI is found
(or gone) as soon as its write has returned. Who sees what is in
:mod:`.visibility`, the filters in :mod:`.filters`, the pagers in
:mod:`.paging`, the facets in :mod:`.facets`, relation counts in :mod:`.relations`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

import numpy as np
from sqlalchemy import ColumnElement, Connection, and_, select

from doiregistry.domain.doi_query import DoiFilters, DoiQuery
from doiregistry.domain.doi_record import DoiRecord
from doiregistry.domain.errors import BadRequest
from doiregistry.domain.listing import Page
from doiregistry.domain.principal import Principal
from doiregistry.metadata.doi import parse_doi
from doiregistry.search.columnar.facet_index import FacetIndex, SlotSet
from doiregistry.search.columnar.filters import COLUMNAR, columnar_slots
from doiregistry.search.dois.account_names import AccountNames, account_names
from doiregistry.search.dois.budgets import SearchBudgets
from doiregistry.search.dois.facet_kinds import Matched
from doiregistry.search.dois.facets import FacetCounts, count_facets, requested
from doiregistry.search.dois.filters import filter_trees
from doiregistry.search.dois.paging import PageRequest, pager_for
from doiregistry.search.dois.relations import Relations, relations_of
from doiregistry.search.dois.result import DoiSearchResult
from doiregistry.search.dois.visibility import visible
from doiregistry.search.query.parse import QuerySyntaxError, parse_query
from doiregistry.search.query.tree import And, MatchAll, Query
from doiregistry.search.sql.budget import Deadline, time_budget
from doiregistry.search.sql.conditions import Compiler
from doiregistry.search.sql.relations import citation_count_key
from doiregistry.search.sql.relevance import score
from doiregistry.search.sql.sorting import SortOrder, parse_sort
from doiregistry.storage.engine import Database
from doiregistry.storage.search_index import known_field_ids
from doiregistry.storage.tables import dois

RANDOM_EXCLUSIVE: Final = (
    "Cursor-based pagination and random sampling are mutually exclusive, "
    "please choose one or the other."
)


def _doi_name(value: str) -> str:
    return parse_doi(value) or value.lower()


def condition(
    compiler: Compiler,
    principal: Principal,
    filters: DoiFilters,
    query: Query,
    trees: Mapping[str, Query],
) -> ColumnElement[bool]:
    """The SQL condition of a request: visibility, ``ids``/``id``, states, query, filters."""
    parts: list[ColumnElement[bool]] = [visible(principal)]
    if filters.ids is not None:
        parts.append(dois.c.doi.in_([_doi_name(item) for item in filters.ids]))
        return and_(*parts)
    if filters.id:
        parts.append(dois.c.doi == _doi_name(filters.id))
        return and_(*parts)
    if filters.states and not principal.is_anonymous:
        parts.append(dois.c.state.in_(filters.states))
    try:
        for tree in [query, *trees.values()]:
            if not isinstance(tree, MatchAll):
                parts.append(compiler.compile(tree))
    except QuerySyntaxError as exc:
        raise BadRequest(exc.args[0]) from None
    return and_(*parts)


class DoiSearch:
    """Searches the DOIs of one store."""

    def __init__(
        self,
        database: Database,
        facets_by_default: bool = True,
        budgets: SearchBudgets | None = None,
    ) -> None:
        self.database = database
        self.facet_index = FacetIndex(database)
        self.facets_by_default = facets_by_default
        self.budgets = budgets or SearchBudgets()

    def search(self, principal: Principal, query: DoiQuery) -> DoiSearchResult:
        """Run one ``GET /dois`` request."""
        try:
            tree = parse_query(query.query, self.budgets.query_limits)
        except QuerySyntaxError as exc:
            raise BadRequest(exc.args[0]) from None
        if query.cursor_mode and query.random:
            raise BadRequest(RANDOM_EXCLUSIVE)
        page = Page.clamped(query.page_number, query.page_size)
        order = parse_sort(
            query.sort, cursor=query.cursor_mode, has_query=not isinstance(tree, MatchAll)
        )
        wanted_facets = requested(query.facets, query.disable_facets, self.facets_by_default)
        # the facet index catches up with recent writes (or loads, after start-up)
        # first: that work is not the query's, so it is not charged to its budget
        self.facet_index.refresh()
        deadline = Deadline(self.budgets.time_budget_ms)
        with self.database.snapshot() as connection, time_budget(connection, deadline):
            names = account_names(connection)
            trees = filter_trees(query.filters, names)
            compiler = Compiler(self.database.dialect, known_field_ids(connection))
            where = condition(compiler, principal, query.filters, tree, trees)
            found = None
            if query.sample_group is None:
                # numpy masks are cheap: they also give a cursor page its total
                found = self._columnar(principal, query.filters, tree, trees, deadline)
                if found is None and (
                    wanted_facets or (order.key == "updated" and not query.cursor_mode)
                ):
                    found = self._matching_slots(connection, where)
            request = PageRequest(
                query, where, order, self._computed(order, tree, compiler), page, found
            )
            result = pager_for(request, self.facet_index).fetch(connection, request)
            if wanted_facets and result.total > 0:
                facets = self._facets(connection, where, wanted_facets, names, found)
                result.facets, result.facets_timed_out = facets.counts, facets.timed_out
            relations = relations_of(
                connection, self.facet_index, result.records, with_dois=query.detail
            )
            result.counts, result.related = relations.counts, relations.related
        return result

    def relations(self, records: Sequence[DoiRecord]) -> Relations:
        """Relation counts and related DOIs of single records (``GET /dois/{id}``, writes)."""
        with self.database.snapshot() as connection:
            return relations_of(connection, self.facet_index, records, with_dois=True)

    @staticmethod
    def _computed(order: SortOrder, tree: Query, compiler: Compiler) -> dict[str, Any]:
        """Sort keys that are not columns of ``dois``."""
        if order.key == "score":
            return {"score": score(tree, compiler).label("score")}
        if order.key == "citations":
            return {"citations": citation_count_key()}
        return {}

    def _columnar(
        self,
        principal: Principal,
        filters: DoiFilters,
        tree: Query,
        trees: Mapping[str, Query],
        deadline: Deadline,
    ) -> SlotSet | None:
        """The matched records from facet-index masks, if every part of the request has one."""
        extra = [filter_tree for name, filter_tree in trees.items() if name not in COLUMNAR]
        combined = And((tree, *extra)) if extra else tree
        return columnar_slots(self.facet_index, principal, filters, combined, deadline)

    def _matching_slots(self, connection: Connection, where: ColumnElement[bool]) -> SlotSet:
        """Facet-index slots of every record matching ``where`` (one id query)."""
        self.facet_index.refresh()
        ids = np.array(connection.execute(select(dois.c.id).where(where)).scalars().all(), np.int64)
        with self.facet_index.lock:
            return self.facet_index.slot_set(self.facet_index.slots(ids))

    def _facets(
        self,
        connection: Connection,
        where: ColumnElement[bool],
        wanted: Sequence[str],
        names: AccountNames,
        found: SlotSet | None,
    ) -> FacetCounts:
        index = self.facet_index
        if found is None:
            found = self._matching_slots(connection, where)
        deadline = Deadline(self.budgets.facet_time_budget_ms)
        with index.lock:
            return count_facets(wanted, Matched(index, index.resolve(found), names), deadline)
