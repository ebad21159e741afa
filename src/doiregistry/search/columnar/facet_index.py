"""An in-memory columnar index of facet values, counted with numpy (spec §4.7).

One slot per live DOI: a small integer code per single-valued facet, offset
arrays for multi-valued ones. Facet counts over a set of matching DOIs are
``numpy.bincount`` calls. The index is derived from the store: it is built on
first use and, before every use, catches up with the store's change sequence
(``doi_changes``), so that it agrees exactly with every committed write, in
this process or any other. A changed DOI's old slot is retired and a new slot
appended; the arrays are compacted when too many slots are dead.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

import numpy as np
import numpy.typing as npt
from sqlalchemy import Connection, func, select

from doiregistry.search.columnar.clause_masks import ClauseMasks
from doiregistry.search.columnar.facet_values import MULTI, SINGLE, FacetDoc, facet_doc
from doiregistry.search.columnar.growable import Growable
from doiregistry.search.query.tree import Query
from doiregistry.search.sql.budget import Deadline, time_budget
from doiregistry.search.sql.conditions import Compiler
from doiregistry.search.sql.relations import counts
from doiregistry.storage.engine import Database
from doiregistry.storage.tables import doi_changes, dois, search_fields

Int32Array = npt.NDArray[np.int32]
Int64Array = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
_FACET_COLUMNS: Final = (
    dois.c.id,
    dois.c.state,
    dois.c.resource_type_id,
    dois.c.created,
    dois.c.registered,
    dois.c.publication_year,
    dois.c.provider_id,
    dois.c.client_id,
    dois.c.prefix,
    dois.c.schema_version,
    dois.c.landing_page,
    dois.c.updated,
    dois.c.attributes,
)
_BATCH: Final = 5000


@dataclass
class _Vocabulary:
    codes: dict[str, int] = field(default_factory=dict)
    keys: list[str] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)

    def code(self, key: str) -> int:
        found = self.codes.get(key)
        if found is None:
            found = self.codes[key] = len(self.keys)
            self.keys.append(key)
        return found


@dataclass(frozen=True)
class SlotSet:
    """Matched records as slots of one generation of the index, with their DOI ids.

    Compaction renumbers slots; a request that took its slots before another
    request's catch-up compacted the arrays finds its records again by id
    (:meth:`FacetIndex.resolve`).
    """

    slots: Int64Array
    generation: int
    ids: Int64Array

    def __len__(self) -> int:
        return len(self.slots)


@dataclass(frozen=True)
class Bucket:
    key: str
    title: str | None
    count: int


class FacetIndex:
    """The columnar facet index of one store (one per process)."""

    #: compact only once there are this many slots (and more than half are dead)
    compact_min_slots = 100_000

    def __init__(self, database: Database) -> None:
        self.database = database
        #: held while the arrays change; readers that index several arrays hold it too
        self.lock = threading.RLock()
        #: changes whenever slot numbers do (compaction)
        self.generation = 0
        self._reset()

    def _reset(self) -> None:
        self.seq = -1
        self.slot_ids = Growable(np.int64)
        self.alive = Growable(np.bool_)
        self.updated = Growable(np.float64)
        self.slot_of: dict[int, int] = {}
        #: slot by DOI id (-1: none), rebuilt lazily when ids outgrow it
        self._slot_array: Int64Array | None = None
        self._max_id = 0
        self.vocab: dict[str, _Vocabulary] = {name: _Vocabulary() for name in (*SINGLE, *MULTI)}
        self.single = {name: Growable(np.int32, -1) for name in SINGLE}
        self.multi_offsets = {name: Growable(np.int64) for name in MULTI}
        self.multi_values = {name: Growable(np.int32) for name in MULTI}
        for offsets in self.multi_offsets.values():
            offsets.append(0)
        self.clauses = ClauseMasks()
        #: per relation group, each slot's count (citations …) as of :attr:`seq`
        self._relation_counts: dict[str, Int64Array] = {}
        #: search field paths with their ids, as of :attr:`seq`
        self.field_ids: dict[str, int] = {}

    # -- maintenance -----------------------------------------------------------------------

    def _add(self, doi_id: int, doc: FacetDoc) -> None:
        old = self.slot_of.get(doi_id)
        if old is not None:
            self.alive.data[old] = False
        slot = self.slot_ids.size
        self.slot_of[doi_id] = slot
        self._max_id = max(self._max_id, doi_id)
        if self._slot_array is not None and doi_id < len(self._slot_array):
            self._slot_array[doi_id] = slot
        else:
            self._slot_array = None
        self.slot_ids.append(doi_id)
        self.alive.append(True)
        self.clauses.append_slot()
        self.updated.append(doc.updated)
        for name in SINGLE:
            key = doc.single.get(name)
            self.single[name].append(-1 if key is None else self.vocab[name].code(key))
        for name in MULTI:
            codes = [self.vocab[name].code(key) for key in doc.multi.get(name, [])]
            self.multi_values[name].extend(codes)
            self.multi_offsets[name].append(self.multi_values[name].size)
        for (name, key), title in doc.titles.items():
            self.vocab[name].titles.setdefault(key, title)

    def _remove(self, doi_id: int) -> None:
        old = self.slot_of.pop(doi_id, None)
        if old is not None:
            self.alive.data[old] = False
            if self._slot_array is not None and doi_id < len(self._slot_array):
                self._slot_array[doi_id] = -1

    def _load(self, connection: Connection, ids: Iterable[int] | None) -> None:
        query = select(*_FACET_COLUMNS)
        if ids is None:
            self._build(connection.execute(query.order_by(dois.c.id)).mappings())
            return
        wanted = sorted(set(ids))
        for start in range(0, len(wanted), _BATCH):
            chunk = wanted[start : start + _BATCH]
            found: dict[int, Mapping[Any, Any]] = {
                int(row["id"]): row
                for row in connection.execute(query.where(dois.c.id.in_(chunk))).mappings()
            }
            for doi_id in chunk:
                if doi_id in found:
                    self._add(doi_id, facet_doc(found[doi_id]))
                else:
                    self._remove(doi_id)
        self.clauses.mark(connection, wanted, self.slot_of)

    def _build(self, rows: Iterable[Mapping[Any, Any]]) -> None:
        """Build an empty index from every row at once (plain lists, converted at the end)."""
        slot_ids: list[int] = []
        updated: list[float] = []
        single: dict[str, list[int]] = {name: [] for name in SINGLE}
        offsets: dict[str, list[int]] = {name: [0] for name in MULTI}
        values: dict[str, list[int]] = {name: [] for name in MULTI}
        codes = {name: self.vocab[name].code for name in (*SINGLE, *MULTI)}
        for row in rows:
            doc = facet_doc(row)
            doi_id = int(row["id"])
            self.slot_of[doi_id] = len(slot_ids)
            slot_ids.append(doi_id)
            updated.append(doc.updated)
            for name in SINGLE:
                key = doc.single.get(name)
                single[name].append(-1 if key is None else codes[name](key))
            for name in MULTI:
                found = values[name]
                found.extend(codes[name](key) for key in doc.multi.get(name, ()))
                offsets[name].append(len(found))
            for (name, key), title in doc.titles.items():
                self.vocab[name].titles.setdefault(key, title)
        self._max_id = max(slot_ids, default=0)
        self._slot_array = None
        self.slot_ids = Growable.of(slot_ids, np.int64)
        self.alive = Growable.of([True] * len(slot_ids), np.bool_)
        self.updated = Growable.of(updated, np.float64)
        self.single = {name: Growable.of(single[name], np.int32, -1) for name in SINGLE}
        self.multi_offsets = {name: Growable.of(offsets[name], np.int64) for name in MULTI}
        self.multi_values = {name: Growable.of(values[name], np.int32) for name in MULTI}

    def refresh(
        self, clauses: Iterable[Query] = (), deadline: Deadline | None = None
    ) -> dict[Query, BoolArray]:
        """Catch up with every write committed since the last refresh.

        ``clauses``: query clauses to evaluate over every slot, from the same
        snapshot the index now reflects (or from the filter cache); their
        masks are returned. Their SQL (not the catch-up) stops at ``deadline``.
        """
        with self.lock, self.database.snapshot() as connection:
            latest = connection.execute(select(func.max(doi_changes.c.seq))).scalar() or 0
            if latest != self.seq:
                self._catch_up(connection, int(latest))
            clauses = list(clauses)
            if deadline is None or not clauses:
                return {clause: self._clause_mask(connection, clause) for clause in clauses}
            with time_budget(connection, deadline):
                return {clause: self._clause_mask(connection, clause) for clause in clauses}

    def _clause_mask(self, connection: Connection, clause: Query) -> BoolArray:
        cached = self.clauses.get(clause)
        if cached is not None:
            return cached
        condition = Compiler(self.database.dialect, self.field_ids).compile(clause)
        found = np.fromiter(
            connection.execute(select(dois.c.id).where(condition)).scalars(), dtype=np.int64
        )
        mask = np.zeros(self.slot_ids.size, dtype=np.bool_)
        mask[self.slots(found)] = True
        self.clauses.put(clause, condition, mask)
        return mask

    def _catch_up(self, connection: Connection, latest: int) -> None:
        rows = connection.execute(select(search_fields.c.id, search_fields.c.path))
        field_ids = {row.path: int(row.id) for row in rows}
        if field_ids != self.field_ids:
            self.clauses.clear()  # compiled with the old field ids
            self.field_ids = field_ids
        if self.seq < 0:
            self._load(connection, None)
        else:
            changed = connection.execute(
                select(doi_changes.c.doi_id)
                .where(doi_changes.c.seq > self.seq, doi_changes.c.seq <= latest)
                .distinct()
            ).scalars()
            self._load(connection, [int(i) for i in changed])
        self.seq = latest
        self._relation_counts = {}  # any write can add or drop a relation
        if (
            self.slot_ids.size > self.compact_min_slots
            and len(self.slot_of) < self.slot_ids.size // 2
        ):
            self._compact()

    def relation_counts(self, group: str) -> Int64Array:
        """Each slot's count in a relation group (``citations`` …); call under :attr:`lock`.

        Computed once per state of the store: from a snapshot at :attr:`seq`
        it is kept until the next write; if the store has moved on since the
        last refresh, it is computed from the newer snapshot and not kept.
        """
        cached = self._relation_counts.get(group)
        if cached is not None and len(cached) == self.slot_ids.size:
            return cached
        per_slot = np.zeros(self.slot_ids.size, dtype=np.int64)
        with self.database.snapshot() as connection:
            latest = connection.execute(select(func.max(doi_changes.c.seq))).scalar() or 0
            rows = connection.execute(counts(group)).all()
        if rows:
            ids = np.array([row[0] for row in rows], dtype=np.int64)
            numbers = np.array([row[1] for row in rows], dtype=np.int64)
            slot = self.slot_per_id(ids)
            known = slot >= 0
            per_slot[slot[known]] = numbers[known]
        if latest == self.seq:
            self._relation_counts[group] = per_slot
        return per_slot

    def _compact(self) -> None:
        self.generation += 1
        live = np.flatnonzero(self.alive.view)
        old = (
            self.slot_ids.view.copy(),
            self.updated.view.copy(),
            {n: c.view.copy() for n, c in self.single.items()},
            {
                n: (self.multi_offsets[n].view.copy(), self.multi_values[n].view.copy())
                for n in MULTI
            },
            self.vocab,
            self.seq,
        )
        slot_ids, updated, single, multi, vocab, seq = old
        clauses, field_ids = self.clauses, self.field_ids
        self._reset()
        self.vocab, self.seq, self.field_ids = vocab, seq, field_ids
        clauses.compact(live)
        self.clauses = clauses
        for slot in live:
            doi_id = int(slot_ids[slot])
            self.slot_of[doi_id] = self.slot_ids.size
            self.slot_ids.append(doi_id)
            self.alive.append(True)
            self.updated.append(float(updated[slot]))
            for name in SINGLE:
                self.single[name].append(int(single[name][slot]))
            for name in MULTI:
                offsets, values = multi[name]
                self.multi_values[name].extend(values[offsets[slot] : offsets[slot + 1]].tolist())
                self.multi_offsets[name].append(self.multi_values[name].size)
        self._max_id = max(self.slot_of, default=0)
        self._slot_array = None

    # -- counting --------------------------------------------------------------------------

    def slot_per_id(self, doi_ids: npt.NDArray[np.int64] | Sequence[int]) -> Int64Array:
        """The slot of each DOI id, in order; -1 for ids the index does not hold."""
        ids = np.asarray(doi_ids, dtype=np.int64)
        if self._slot_array is None or len(self._slot_array) <= (self._max_id or 0):
            self._slot_array = np.full((self._max_id or 0) + 1024, -1, dtype=np.int64)
            known = np.fromiter(self.slot_of.keys(), np.int64, len(self.slot_of))
            self._slot_array[known] = np.fromiter(self.slot_of.values(), np.int64, len(known))
        inside = (ids >= 0) & (ids < len(self._slot_array))
        found = np.full(len(ids), -1, dtype=np.int64)
        found[inside] = self._slot_array[ids[inside]]
        return found

    def slots(self, doi_ids: npt.NDArray[np.int64] | Sequence[int]) -> Int64Array:
        """Slots of the given DOI ids (ids unknown to the index are skipped)."""
        found = self.slot_per_id(doi_ids)
        return found[found >= 0]

    def findable(self, doi_ids: set[int]) -> set[int]:
        """The findable records among ``doi_ids``, as of :attr:`seq`."""
        if not doi_ids:
            return set()
        with self.lock:
            ids = np.fromiter(doi_ids, dtype=np.int64, count=len(doi_ids))
            slot = self.slot_per_id(ids)
            known = slot >= 0
            code = self.vocab["state"].codes.get("findable", -2)
            visible = self.single["state"].view[slot[known]] == code
            return {int(i) for i in ids[known][visible]}

    def slot_set(self, slots: Int64Array) -> SlotSet:
        """``slots`` of the current generation, kept with their ids; call under :attr:`lock`."""
        return SlotSet(slots, self.generation, self.slot_ids.view[slots])

    def resolve(self, found: SlotSet) -> Int64Array:
        """The slots of a :class:`SlotSet` now (re-found by id after a compaction); under lock."""
        if found.generation == self.generation:
            return found.slots
        return self.slots(found.ids)

    def counts(self, name: str, slots: Int64Array) -> list[Bucket]:
        """Buckets of one facet over ``slots``, by count descending then key."""
        vocabulary = self.vocab[name]
        if name in self.single:
            codes = self.single[name].view[slots]
            codes = codes[codes >= 0]
        else:
            offsets = self.multi_offsets[name].view
            starts, ends = offsets[slots], offsets[slots + 1]
            lengths = ends - starts
            total = int(lengths.sum())
            if total == 0:
                return []
            index = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(total)
            codes = self.multi_values[name].view[index]
        tally = np.bincount(codes, minlength=len(vocabulary.keys))
        present = np.flatnonzero(tally)
        buckets = [
            Bucket(vocabulary.keys[c], vocabulary.titles.get(vocabulary.keys[c]), int(tally[c]))
            for c in present
        ]
        buckets.sort(key=lambda b: (-b.count, b.key))
        return buckets

    def single_codes(self, name: str) -> tuple[Int32Array, Mapping[str, int]]:
        """The code column and vocabulary of a single-valued facet (for filtering)."""
        return self.single[name].view, self.vocab[name].codes
