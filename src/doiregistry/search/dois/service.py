"""The ``GET /dois`` search service: visibility, query, filters, sort, paging, sampling, facets.

SQL (FTS5/tsvector, indexes, side tables) finds and pages the matching
records; facets are counted from the in-memory :class:`FacetIndex` over the
ids of the match set. Both see every committed write, so a DOI is found
(or gone) as soon as its write has returned.
"""

from __future__ import annotations

import math
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

import numpy as np
from sqlalchemy import ColumnElement, Connection, Select, and_, func, literal, or_, select, true

from doiregistry.domain.doi_record import DoiRecord
from doiregistry.domain.errors import BadRequest
from doiregistry.domain.principal import Principal, Role
from doiregistry.metadata.doi import parse_doi
from doiregistry.search.columnar.facet_index import FacetIndex, SlotSet
from doiregistry.search.columnar.filters import COLUMNAR, columnar_slots
from doiregistry.search.dois import cursor as cursors
from doiregistry.search.dois import facets as facet_rules
from doiregistry.search.dois.filters import comma_list, filters
from doiregistry.search.query.parse import QuerySyntaxError, parse_query
from doiregistry.search.query.tree import And, MatchAll, Query
from doiregistry.search.sql.conditions import Compiler
from doiregistry.search.sql.relations import counts, related
from doiregistry.search.sql.relevance import score
from doiregistry.search.sql.sorting import SortOrder, parse_sort
from doiregistry.storage import account_lookups, record_rows
from doiregistry.storage.engine import Database
from doiregistry.storage.search_index import known_field_ids
from doiregistry.storage.tables import doi_changes, dois

DEFAULT_PAGE_SIZE: Final = 25
MAX_PAGE_SIZE: Final = 1000
RANDOM_EXCLUSIVE: Final = (
    "Cursor-based pagination and random sampling are mutually exclusive, "
    "please choose one or the other."
)
SAMPLE_GROUPS: Final = {
    "client": dois.c.client_id,
    "data-center": dois.c.client_id,
    "provider": dois.c.provider_id,
    "resource-type": dois.c.resource_type_id,
}
COUNT_NAMES: Final = {
    "citations": "citationCount",
    "references": "referenceCount",
    "parts": "partCount",
    "partOf": "partOfCount",
    "versions": "versionCount",
    "versionOf": "versionOfCount",
}


@dataclass
class DoiSearchResult:
    records: list[DoiRecord]
    total: int
    total_pages: int
    page: int | None
    next_cursor: str | None = None
    next_page: int | None = None
    facets: dict[str, Any] = field(default_factory=dict)
    #: relation counts of the returned records: doi id → {"citationCount": n, …}
    counts: dict[int, dict[str, int]] = field(default_factory=dict)
    #: related DOIs of the returned records: doi id → {"citations": [doi, …], …}
    related: dict[int, dict[str, list[str]]] = field(default_factory=dict)


def _int(params: Mapping[str, str], name: str, default: int) -> int:
    value = params.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise BadRequest(f"{name} must be an integer, not {value!r}") from None


def shuffled(seed: int) -> ColumnElement[Any]:
    """A seeded pseudo-random order of records, the same on both backends (64-bit safe).

    Multiplying by a seed-dependent factor modulo a prime permutes the ids
    differently for every seed.
    """
    prime = 4294967291
    factor = 1 + (seed * 2654435761 + 12345) % (prime - 1)
    return ((dois.c.id + 1) * literal(factor)) % prime


def switched_on(value: str | None) -> bool:
    """DataCite's "any value" switches (``detail``, ``composite``), except that ``false``
    means false (fixes Q5)."""
    return value is not None and value.strip().lower() not in ("false", "0")


def _after(order: SortOrder, item: tuple[Any, str], cursor: tuple[Any, str]) -> bool:
    """Python twin of :meth:`SortOrder.after` for (key, doi) pairs with non-null keys."""
    return item < cursor if order.descending else item > cursor


def visibility(principal: Principal) -> ColumnElement[bool]:
    """Which records the caller may list (no leak of other repositories' drafts, spec Q1)."""
    findable = dois.c.state == "findable"
    if principal.is_staff:
        return true()
    if principal.role is Role.CLIENT_ADMIN and principal.client_id:
        return or_(findable, dois.c.client_id == principal.client_id)
    if principal.role in (Role.PROVIDER_ADMIN, Role.CONSORTIUM_ADMIN) and principal.provider_ids:
        return or_(findable, dois.c.provider_id.in_(sorted(principal.provider_ids)))
    return findable


class DoiSearch:
    """Searches the DOIs of one store."""

    def __init__(self, database: Database, facets_by_default: bool = True) -> None:
        self.database = database
        self.facet_index = FacetIndex(database)
        self.facets_by_default = facets_by_default

    # -- building the condition ------------------------------------------------------------

    def _account_lookups(self, connection: Connection) -> facet_rules.AccountNames:
        clients = account_lookups.client_facet_rows(connection)
        return facet_rules.AccountNames(
            providers=account_lookups.provider_names(connection),
            clients={row.id: row.name for row in clients},
            client_types={row.id: row.client_type for row in clients},
            certificates={row.id: row.certificates for row in clients},
        )

    @staticmethod
    def filter_trees(
        params: Mapping[str, str], names: facet_rules.AccountNames
    ) -> dict[str, Query]:
        """The filter parameters as query trees, by parameter."""
        return filters(
            params,
            clients_by_certificate=lambda wanted: sorted(
                c for c, certs in names.certificates.items() if set(certs) & set(wanted)
            ),
            clients_by_type=lambda wanted: sorted(
                c for c, kind in names.client_types.items() if kind in wanted
            ),
        )

    def condition(
        self,
        compiler: Compiler,
        principal: Principal,
        params: Mapping[str, str],
        query: Query,
        trees: Mapping[str, Query],
    ) -> ColumnElement[bool]:
        """The SQL condition of a request: visibility, ``ids``/``id``, states, query, filters."""
        parts: list[ColumnElement[bool]] = [visibility(principal)]
        ids = params.get("ids")
        if ids is not None:
            wanted = [parse_doi(item) or item.lower() for item in comma_list(ids)]
            parts.append(dois.c.doi.in_(wanted))
            return and_(*parts)
        if params.get("id"):
            parts.append(dois.c.doi == (parse_doi(params["id"]) or params["id"].lower()))
            return and_(*parts)
        states = comma_list(params.get("state", ""))
        if states and not principal.is_anonymous:
            parts.append(dois.c.state.in_(states))
        try:
            for tree in [query, *trees.values()]:
                if not isinstance(tree, MatchAll):
                    parts.append(compiler.compile(tree))
        except QuerySyntaxError as exc:
            raise BadRequest(exc.args[0]) from None
        return and_(*parts)

    # -- the search ------------------------------------------------------------------------

    def search(self, principal: Principal, params: Mapping[str, str]) -> DoiSearchResult:
        """Run one ``GET /dois`` request."""
        try:
            query = parse_query(params.get("query"))
        except QuerySyntaxError as exc:
            raise BadRequest(exc.args[0]) from None
        cursor_mode = "page[cursor]" in params
        is_random = params.get("random", "").strip().lower() == "true"
        if cursor_mode and is_random:
            raise BadRequest(RANDOM_EXCLUSIVE)
        size = max(0, min(MAX_PAGE_SIZE, _int(params, "page[size]", DEFAULT_PAGE_SIZE)))
        number = max(1, _int(params, "page[number]", 1))
        order = parse_sort(
            params.get("sort"), cursor=cursor_mode, has_query=not isinstance(query, MatchAll)
        )
        wanted_facets = facet_rules.requested(
            params.get("facets"), params.get("disable-facets"), self.facets_by_default
        )
        with self.database.snapshot() as connection:
            names = self._account_lookups(connection)
            try:
                trees = self.filter_trees(params, names)
            except QuerySyntaxError as exc:
                raise BadRequest(exc.args[0]) from None
            compiler = Compiler(self.database.dialect, known_field_ids(connection))
            condition = self.condition(compiler, principal, params, query, trees)
            computed: dict[str, ColumnElement[Any]] = {}
            if order.key == "score":
                computed["score"] = score(query, compiler).label("score")
            elif order.key == "citations":
                grouped = counts("citations").subquery()
                computed["citations"] = func.coalesce(
                    select(grouped.c.c).where(grouped.c.x == dois.c.id).scalar_subquery(), 0
                ).label("citations")
            sample_group = SAMPLE_GROUPS.get(params.get("sample-group", ""))
            slots = None
            if sample_group is None:
                # numpy masks are cheap: they also give a cursor page its total
                extra = {name: tree for name, tree in trees.items() if name not in COLUMNAR}
                slots = columnar_slots(
                    self.facet_index,
                    principal,
                    params,
                    And((query, *extra.values())) if extra else query,
                    covered=frozenset(extra),
                )
                if slots is None and (
                    wanted_facets or (order.key == "updated" and not cursor_mode)
                ):
                    slots = self._matching_slots(connection, condition)
            if (
                slots is not None
                and order.key == "updated"
                and not cursor_mode
                and not is_random
                and sample_group is None
            ):
                result = self._updated_page(connection, slots, order, params, size, number)
            elif sample_group is not None:
                result = self._sample(connection, condition, sample_group, params, size, is_random)
            else:
                result = self._page(
                    connection,
                    condition,
                    order,
                    computed,
                    params,
                    size,
                    number,
                    cursor_mode,
                    is_random,
                    known_total=None if slots is None else len(slots),
                )
            if wanted_facets and result.total > 0:
                result.facets = self._facets(connection, condition, wanted_facets, names, slots)
            self._add_counts(connection, result, with_dois=switched_on(params.get("detail")))
        return result

    def _page(
        self,
        connection: Connection,
        condition: ColumnElement[bool],
        order: SortOrder,
        computed: dict[str, ColumnElement[Any]],
        params: Mapping[str, str],
        size: int,
        number: int,
        cursor_mode: bool,
        is_random: bool,
        known_total: int | None = None,
    ) -> DoiSearchResult:
        total = (
            known_total
            if known_total is not None
            else int(
                connection.execute(
                    select(func.count()).select_from(dois).where(condition)
                ).scalar_one()
            )
        )
        pages = math.ceil(total / size) if size else 0
        query = select(*self._columns(params), *computed.values()).where(condition)
        if is_random:
            seed = _int(params, "seed", secrets.randbelow(2**31))
            query = query.order_by(shuffled(seed), dois.c.id)
            offset = (number - 1) * size if "seed" in params else 0
        else:
            query = query.order_by(*order.order_by(computed))
            offset = (number - 1) * size
        if cursor_mode:
            records, next_cursor = self._cursor_page(
                connection, query, condition, order, computed, params, size
            )
            return DoiSearchResult(records, total, pages, None, next_cursor=next_cursor)
        rows = list(connection.execute(query.offset(offset).limit(size))) if size else []
        result = DoiSearchResult([record_rows.doi(row) for row in rows], total, pages, number)
        if size and len(rows) == size and number < pages:
            result.next_page = number + 1
        return result

    def _matching_slots(self, connection: Connection, condition: ColumnElement[bool]) -> SlotSet:
        """Facet-index slots of every record matching ``condition`` (one id query)."""
        self.facet_index.refresh()
        ids = np.array(
            connection.execute(select(dois.c.id).where(condition)).scalars().all(), np.int64
        )
        with self.facet_index.lock:
            return self.facet_index.slot_set(self.facet_index.slots(ids))

    def _updated_page(
        self,
        connection: Connection,
        found: SlotSet,
        order: SortOrder,
        params: Mapping[str, str],
        size: int,
        number: int,
    ) -> DoiSearchResult:
        """A page in ``updated`` order chosen with numpy over the match set.

        The newest (or oldest) ``offset + size`` records by ``updated`` come
        from the facet index; only they, and any others sharing the boundary
        time, are read from SQL to apply the DOI tie-break exactly.
        """
        with self.facet_index.lock:
            slots = self.facet_index.resolve(found)
            total = len(slots)
            pages = math.ceil(total / size) if size else 0
            offset = (number - 1) * size
            wanted = offset + size
            if not size or offset >= total:
                return DoiSearchResult([], total, pages, number)
            times = self.facet_index.updated.view[slots]
            if wanted < total:
                if order.descending:
                    boundary = np.partition(times, total - wanted)[total - wanted]
                    chosen = slots[times >= boundary]
                else:
                    boundary = np.partition(times, wanted - 1)[wanted - 1]
                    chosen = slots[times <= boundary]
            else:
                chosen = slots
            candidate_ids = [int(i) for i in self.facet_index.slot_ids.view[chosen]]
        keys: list[tuple[Any, str, int]] = []
        for start in range(0, len(candidate_ids), 20000):
            chunk = candidate_ids[start : start + 20000]
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
            for row in connection.execute(
                select(*self._columns(params)).where(dois.c.id.in_(page_ids))
            )
        }
        records = [record_rows.doi(rows[i]) for i in page_ids if i in rows]
        result = DoiSearchResult(records, total, pages, number)
        if len(records) == size and number < pages:
            result.next_page = number + 1
        return result

    @staticmethod
    def _columns(params: Mapping[str, str]) -> list[Any]:
        """Columns of ``dois`` a list needs: the stored XML only in detail mode."""
        if switched_on(params.get("detail")):
            return list(dois.c)
        return [column for column in dois.c if column.name != "xml"]

    def _cursor_page(
        self,
        connection: Connection,
        query: Select[Any],
        condition: ColumnElement[bool],
        order: SortOrder,
        computed: dict[str, ColumnElement[Any]],
        params: Mapping[str, str],
        size: int,
    ) -> tuple[list[DoiRecord], str | None]:
        """One page of a keyset walk, ordered as the records were when the walk began.

        Sort keys other than ``updated`` never change (``created``, the DOI) or
        are taken as they are now. For ``updated``, records changed since the
        walk began keep the place they had then: their earlier ``updated`` comes
        from the change log. Records created since are not part of the walk.
        """
        position = cursors.decode(params.get("page[cursor]"))
        if position is not None and position.sort != order.name:
            position = None
        snapshot = (
            position.seq
            if position is not None
            else int(connection.execute(select(func.max(doi_changes.c.seq))).scalar() or 0)
        )
        if not size:
            return [], None
        after = (
            order.after(computed, position.key, position.doi) if position is not None else true()
        )
        if order.key != "updated":
            rows = list(connection.execute(query.where(after).limit(size)))
            picked = [(order.cursor_key(row), row) for row in rows]
        else:
            picked = self._updated_walk(
                connection, query, condition, order, computed, position, snapshot, size
            )
        records = [record_rows.doi(row) for _, row in picked]
        if len(picked) < size:
            return records, None
        key, last = picked[-1]
        return records, cursors.encode(cursors.Cursor(order.name, key, last.doi, snapshot))

    def _updated_walk(
        self,
        connection: Connection,
        query: Select[Any],
        condition: ColumnElement[bool],
        order: SortOrder,
        computed: dict[str, ColumnElement[Any]],
        position: cursors.Cursor | None,
        snapshot: int,
        size: int,
    ) -> list[tuple[Any, Any]]:
        after = (
            order.after(computed, position.key, position.doi) if position is not None else true()
        )
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
            select(*query.selected_columns, then).where(condition, dois.c.change_seq > snapshot)
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

    def _sample(
        self,
        connection: Connection,
        condition: ColumnElement[bool],
        group: ColumnElement[Any],
        params: Mapping[str, str],
        size: int,
        is_random: bool,
    ) -> DoiSearchResult:
        per_group = max(1, min(MAX_PAGE_SIZE, _int(params, "sample", 1)))
        groups = list(
            connection.execute(
                select(group.label("g"), func.count().label("n"))
                .where(condition)
                .group_by(group)
                .order_by(func.count().desc(), group)
                .limit(max(size, 1))
            )
        )
        seed = _int(params, "seed", secrets.randbelow(2**31))
        within = shuffled(seed) if is_random else dois.c.updated.desc()
        records: list[DoiRecord] = []
        for key, _count in groups:
            member = group.is_(None) if key is None else group == key
            rows = connection.execute(
                select(dois).where(condition, member).order_by(within, dois.c.doi).limit(per_group)
            )
            records.extend(record_rows.doi(row) for row in rows)
        return DoiSearchResult(records, len(records), 1, 1)

    # -- facets and counts -----------------------------------------------------------------

    def _facets(
        self,
        connection: Connection,
        condition: ColumnElement[bool],
        wanted: Sequence[str],
        names: facet_rules.AccountNames,
        found: SlotSet | None = None,
    ) -> dict[str, Any]:
        index = self.facet_index
        if found is None:
            index.refresh()
            ids = np.array(
                connection.execute(select(dois.c.id).where(condition)).scalars().all(), np.int64
            )
        out: dict[str, Any] = {}
        with index.lock:
            slots = index.slots(ids) if found is None else index.resolve(found)
            for name in wanted:
                value = self._facet(name, slots, names)
                if value is not None:
                    out[name] = value
        return out

    def _facet(
        self,
        name: str,
        slots: np.ndarray[Any, np.dtype[np.int64]],
        names: facet_rules.AccountNames,
    ) -> Any:
        index = self.facet_index
        rules = facet_rules
        simple = {
            "states": ("state", 3, lambda b: rules.titleize(b.key)),
            "resourceTypes": ("resource_type", 34, rules.resource_type_title),
            "providers": ("provider", 10, lambda b: names.providers.get(b.key, b.key)),
            "clients": ("client", 10, lambda b: names.clients.get(b.key, b.key)),
            "affiliations": ("affiliations", 10, lambda b: b.title or b.key),
            "prefixes": ("prefix", 10, lambda b: b.key),
            "licenses": ("licenses", 10, rules.license_title),
            "schemaVersions": ("schema_version", 10, lambda b: f"Schema {b.key}"),
            "linkChecksStatus": ("link_check_status", 10, lambda b: b.key),
            "subjects": ("subjects", 10, lambda b: rules.titleize(b.key)),
            "fieldsOfScience": ("fields_of_science", 10, lambda b: b.title or b.key),
            "languages": ("language", 10, rules.language_title),
            "authors": ("authors", 10, lambda b: b.title or b.key),
            "creatorsAndContributors": (
                "creators_and_contributors",
                10,
                lambda b: b.title or b.key,
            ),
            "funders": ("funders", 200, lambda b: b.title or b.key),
        }
        if name in simple:
            column, size, title = simple[name]
            return rules.top(index.counts(column, slots), size, title)
        if name in ("created", "registered"):
            return rules.years(index.counts(name, slots), 10)
        if name == "createdByMonth":
            return rules.years(index.counts("created_month", slots), 10)
        if name == "published":
            return rules.published_years(index.counts("published", slots))
        if name == "certificates":
            grouped = rules.regroup(
                index.counts("client", slots), lambda c: names.certificates.get(c, [])
            )
            return rules.top(grouped, 10, lambda b: rules.titleize(b.key))
        if name == "clientTypes":
            grouped = rules.regroup(
                index.counts("client", slots), lambda c: [names.client_types.get(c, "repository")]
            )
            return rules.top(grouped, 4, lambda b: rules.CLIENT_TYPE_TITLES.get(b.key, b.key))
        if name == "licensesWithMissing":
            buckets = index.counts("licenses", slots)
            with_license = len(slots) - self._without(index, "licenses", slots)
            shown = rules.top(buckets, 10, rules.license_title)
            missing = len(slots) - with_license
            other = with_license - sum(item["count"] for item in shown)
            if missing:
                shown.append({"id": "__missing__", "title": "Unknown", "count": missing})
            if other > 0:
                shown.append({"id": "__other__", "title": "Other", "count": other})
            return shown
        if name == "registrationAgencies":
            return [{"id": "datacite", "title": "DataCite", "count": len(slots)}]
        if name in ("views", "downloads"):
            return []
        if name in ("viewCount", "downloadCount"):
            return 0
        if name == "citations":
            return self._citations_by_year(index, slots)
        if name == "citationCount":
            return int(index.relation_counts("citations")[slots].sum())
        if name == "contentUrlCount":
            return 0
        if name in ("openLicenses", "openLicensesCount"):
            buckets = [b for b in index.counts("licenses", slots) if b.key in rules.OPEN_LICENSES]
            if name == "openLicensesCount":
                return int(sum(b.count for b in buckets))
            return rules.top(buckets, 10, rules.license_title)
        return None

    @staticmethod
    def _without(index: FacetIndex, name: str, slots: np.ndarray[Any, np.dtype[np.int64]]) -> int:
        offsets = index.multi_offsets[name].view
        return int(np.count_nonzero(offsets[slots + 1] == offsets[slots]))

    def _citations_by_year(
        self, index: FacetIndex, slots: np.ndarray[Any, np.dtype[np.int64]]
    ) -> list[dict[str, Any]]:
        """Citation counts of the matched records summed per publication year (newest 10)."""
        per_record = index.relation_counts("citations")[slots]
        cited = per_record > 0
        codes, vocabulary = index.single_codes("published")
        year_codes = codes[slots][cited]
        known = year_codes >= 0
        tally = np.bincount(
            year_codes[known], weights=per_record[cited][known], minlength=len(vocabulary)
        )
        years = {key: int(tally[code]) for key, code in vocabulary.items() if tally[code]}
        ordered = sorted(years.items(), reverse=True)[:10]
        return [{"id": y, "title": y, "count": c} for y, c in ordered]

    def relations(
        self, records: Sequence[DoiRecord]
    ) -> tuple[dict[int, dict[str, int]], dict[int, dict[str, list[str]]]]:
        """Relation counts and related DOIs of single records (``GET /dois/{id}``, writes)."""
        result = DoiSearchResult(list(records), len(records), 1, None)
        with self.database.snapshot() as connection:
            self._add_counts(connection, result, with_dois=True)
        return result.counts, result.related

    def _add_counts(
        self, connection: Connection, result: DoiSearchResult, *, with_dois: bool
    ) -> None:
        """Relation counts and, ``with_dois`` (detail mode), related DOIs (at most 25 per group)."""
        index = self.facet_index
        findable = None
        if index.seq >= 0:  # built by this process: its states spare a join per relation
            index.refresh()
            findable = index.findable
        found = related(connection, {record.id: record.doi for record in result.records}, findable)
        wanted = {y for groups in found.values() for ys in groups.values() for y in ys}
        doi_of: dict[int, str] = {}
        if wanted and with_dois:
            doi_of = {
                int(doi_id): doi
                for doi_id, doi in connection.execute(
                    select(dois.c.id, dois.c.doi).where(dois.c.id.in_(sorted(wanted)))
                )
            }
        # empty groups are left out: a missing count reads as 0, missing DOIs as []
        result.counts = {
            x: {COUNT_NAMES[group]: len(ys) for group, ys in groups.items() if ys}
            for x, groups in found.items()
        }
        if with_dois:
            result.related = {
                x: {group: sorted(doi_of[y] for y in ys)[:25] for group, ys in groups.items() if ys}
                for x, groups in found.items()
            }
