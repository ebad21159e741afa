"""The pagers of ``GET /dois``: numbered pages, seeded random pages, cursor walks, numbered
pages in ``updated`` order from the facet index, and per-group samples.

Each pager turns one :class:`PageRequest` (the match condition, order, page
and the request's query) into a :class:`DoiSearchResult`; :func:`pager_for`
picks the pager of a request.
"""

from __future__ import annotations

import math
import secrets
from dataclasses import dataclass
from typing import Any, Final, Protocol

import numpy as np
from sqlalchemy import ColumnElement, Connection, Select, func, literal, select, true

from doiregistry.domain.doi_query import DoiQuery, SampleGroup
from doiregistry.domain.doi_record import DoiRecord
from doiregistry.domain.listing import MAX_PAGE_SIZE, Page
from doiregistry.search.columnar.facet_index import FacetIndex, SlotSet
from doiregistry.search.dois import cursor as cursors
from doiregistry.search.dois.result import DoiSearchResult
from doiregistry.search.sql.sorting import SortOrder
from doiregistry.storage import record_rows
from doiregistry.storage.tables import doi_changes, dois

SAMPLE_COLUMNS: Final = {
    SampleGroup.CLIENT: dois.c.client_id,
    SampleGroup.PROVIDER: dois.c.provider_id,
    SampleGroup.RESOURCE_TYPE: dois.c.resource_type_id,
}
#: ids per ``IN (...)`` when reading the candidates of an ``updated`` page
_CHUNK: Final = 20000


@dataclass(frozen=True)
class PageRequest:
    """What every pager needs to know about the request."""

    query: DoiQuery
    condition: ColumnElement[bool]
    order: SortOrder
    #: computed sort keys (``score``, ``citations``), by name
    computed: dict[str, ColumnElement[Any]]
    page: Page
    #: the matched records from the facet index, when the request was answered there
    found: SlotSet | None = None

    def columns(self) -> list[Any]:
        """Columns of ``dois`` a list needs: the stored XML only in detail mode."""
        if self.query.detail:
            return list(dois.c)
        return [column for column in dois.c if column.name != "xml"]

    def total(self, connection: Connection) -> int:
        if self.found is not None:
            return len(self.found)
        count = select(func.count()).select_from(dois).where(self.condition)
        return int(connection.execute(count).scalar_one())

    def select(self) -> Select[Any]:
        return select(*self.columns(), *self.computed.values()).where(self.condition)


class Pager(Protocol):
    def fetch(self, connection: Connection, request: PageRequest) -> DoiSearchResult: ...


def shuffled(seed: int) -> ColumnElement[Any]:
    """A seeded pseudo-random order of records, the same on both backends (64-bit safe).

    Multiplying by a seed-dependent factor modulo a prime permutes the ids
    differently for every seed.
    """
    prime = 4294967291
    factor = 1 + (seed * 2654435761 + 12345) % (prime - 1)
    return ((dois.c.id + 1) * literal(factor)) % prime


def _seed(query: DoiQuery) -> int:
    return query.seed if query.seed is not None else secrets.randbelow(2**31)


def _numbered(
    connection: Connection, query: Select[Any], total: int, page: Page, offset: int
) -> DoiSearchResult:
    pages = math.ceil(total / page.size) if page.size else 0
    rows = list(connection.execute(query.offset(offset).limit(page.size))) if page.size else []
    result = DoiSearchResult([record_rows.doi(row) for row in rows], total, pages, page.number)
    if page.size and len(rows) == page.size and page.number < pages:
        result.next_page = page.number + 1
    return result


class NumberedPages:
    """``page[number]`` pages in the requested order, from SQL."""

    def fetch(self, connection: Connection, request: PageRequest) -> DoiSearchResult:
        query = request.select().order_by(*request.order.order_by(request.computed))
        return _numbered(
            connection, query, request.total(connection), request.page, request.page.offset
        )


class RandomPages:
    """``random=true``: a shuffled order; with a ``seed`` repeatable, so it pages too."""

    def fetch(self, connection: Connection, request: PageRequest) -> DoiSearchResult:
        query = request.select().order_by(shuffled(_seed(request.query)), dois.c.id)
        offset = request.page.offset if request.query.seed is not None else 0
        return _numbered(connection, query, request.total(connection), request.page, offset)


def _after(order: SortOrder, item: tuple[Any, str], cursor: tuple[Any, str]) -> bool:
    """Python twin of :meth:`SortOrder.after` for (key, doi) pairs with non-null keys."""
    return item < cursor if order.descending else item > cursor


class CursorPages:
    """One page of a keyset walk, ordered as the records were when the walk began.

    Sort keys other than ``updated`` never change (``created``, the DOI) or
    are taken as they are now. For ``updated``, records changed since the
    walk began keep the place they had then: their earlier ``updated`` comes
    from the change log. Records created since are not part of the walk.
    """

    def fetch(self, connection: Connection, request: PageRequest) -> DoiSearchResult:
        total = request.total(connection)
        size = request.page.size
        pages = math.ceil(total / size) if size else 0
        order = request.order
        position = cursors.decode(request.query.cursor)
        if position is not None and position.sort != order.name:
            position = None
        snapshot = (
            position.seq
            if position is not None
            else int(connection.execute(select(func.max(doi_changes.c.seq))).scalar() or 0)
        )
        if not size:
            return DoiSearchResult([], total, pages, None)
        query = request.select().order_by(*order.order_by(request.computed))
        after = (
            order.after(request.computed, position.key, position.doi)
            if position is not None
            else true()
        )
        if order.key != "updated":
            rows = list(connection.execute(query.where(after).limit(size)))
            picked = [(order.cursor_key(row), row) for row in rows]
        else:
            picked = self._updated_walk(connection, request, query, after, position, snapshot)
        records = [record_rows.doi(row) for _, row in picked]
        next_cursor = None
        if len(picked) == size:
            key, last = picked[-1]
            next_cursor = cursors.encode(cursors.Cursor(order.name, key, last.doi, snapshot))
        return DoiSearchResult(records, total, pages, None, next_cursor=next_cursor)

    @staticmethod
    def _updated_walk(
        connection: Connection,
        request: PageRequest,
        query: Select[Any],
        after: ColumnElement[bool],
        position: cursors.Cursor | None,
        snapshot: int,
    ) -> list[tuple[Any, Any]]:
        order, size = request.order, request.page.size
        unchanged = list(
            connection.execute(query.where(after, dois.c.change_seq <= snapshot).limit(size))
        )
        picked: list[tuple[Any, Any]] = [(order.cursor_key(row), row) for row in unchanged]
        then = (
            select(doi_changes.c.at)
            .where(doi_changes.c.doi_id == dois.c.id, doi_changes.c.seq <= snapshot)
            .order_by(doi_changes.c.seq.desc())
            .limit(1)
            .scalar_subquery()
            .label("updated_then")
        )
        moved = connection.execute(
            select(*query.selected_columns, then).where(
                request.condition, dois.c.change_seq > snapshot
            )
        )
        for row in moved:
            if row.updated_then is None:
                continue  # created after the walk began
            key = row.updated_then.isoformat(timespec="microseconds")
            if position is not None and not _after(
                order, (key, row.doi), (position.key, position.doi)
            ):
                continue
            picked.append((key, row))
        picked.sort(key=lambda item: (item[0], item[1].doi), reverse=order.descending)
        return picked[:size]


class UpdatedPages:
    """A page in ``updated`` order chosen with numpy over the match set.

    The newest (or oldest) ``offset + size`` records by ``updated`` come
    from the facet index; only they, and any others sharing the boundary
    time, are read from SQL to apply the DOI tie-break exactly.
    """

    def __init__(self, index: FacetIndex, found: SlotSet) -> None:
        self.index, self.found = index, found

    def fetch(self, connection: Connection, request: PageRequest) -> DoiSearchResult:
        index, order, page = self.index, request.order, request.page
        size, offset = page.size, page.offset
        with index.lock:
            slots = index.resolve(self.found)
            total = len(slots)
            pages = math.ceil(total / size) if size else 0
            wanted = offset + size
            if not size or offset >= total:
                return DoiSearchResult([], total, pages, page.number)
            times = index.updated.view[slots]
            if wanted < total:
                if order.descending:
                    boundary = np.partition(times, total - wanted)[total - wanted]
                    chosen = slots[times >= boundary]
                else:
                    boundary = np.partition(times, wanted - 1)[wanted - 1]
                    chosen = slots[times <= boundary]
            else:
                chosen = slots
            candidate_ids = [int(i) for i in index.slot_ids.view[chosen]]
        keys: list[tuple[Any, str, int]] = []
        for start in range(0, len(candidate_ids), _CHUNK):
            chunk = candidate_ids[start : start + _CHUNK]
            keys += [
                (row.updated, row.doi, int(row.id))
                for row in connection.execute(
                    select(dois.c.id, dois.c.doi, dois.c.updated).where(dois.c.id.in_(chunk))
                )
            ]
        keys.sort(key=lambda key: (key[0], key[1]), reverse=order.descending)
        page_ids = [key[2] for key in keys[offset : offset + size]]
        rows = {
            int(row.id): row
            for row in connection.execute(select(*request.columns()).where(dois.c.id.in_(page_ids)))
        }
        records = [record_rows.doi(rows[i]) for i in page_ids if i in rows]
        result = DoiSearchResult(records, total, pages, page.number)
        if len(records) == size and page.number < pages:
            result.next_page = page.number + 1
        return result


class Samples:
    """``sample-group``: up to ``sample`` records from each of the largest ``page[size]`` groups."""

    def __init__(self, group: ColumnElement[Any]) -> None:
        self.group = group

    def fetch(self, connection: Connection, request: PageRequest) -> DoiSearchResult:
        group, query = self.group, request.query
        per_group = max(1, min(MAX_PAGE_SIZE, query.sample or 1))
        groups = list(
            connection.execute(
                select(group.label("g"), func.count().label("n"))
                .where(request.condition)
                .group_by(group)
                .order_by(func.count().desc(), group)
                .limit(max(request.page.size, 1))
            )
        )
        within = shuffled(_seed(query)) if query.random else dois.c.updated.desc()
        records: list[DoiRecord] = []
        for key, _count in groups:
            member = group.is_(None) if key is None else group == key
            rows = connection.execute(
                select(dois)
                .where(request.condition, member)
                .order_by(within, dois.c.doi)
                .limit(per_group)
            )
            records.extend(record_rows.doi(row) for row in rows)
        return DoiSearchResult(records, len(records), 1, 1)


def pager_for(request: PageRequest, index: FacetIndex) -> Pager:
    """The pager of a request (cursor and random have been checked to exclude each other)."""
    query = request.query
    if query.sample_group is not None:
        return Samples(SAMPLE_COLUMNS[query.sample_group])
    if query.cursor_mode:
        return CursorPages()
    if query.random:
        return RandomPages()
    if request.found is not None and request.order.key == "updated":
        return UpdatedPages(index, request.found)
    return NumberedPages()
