"""A filter cache: boolean masks of single query clauses over facet-index slots.

A clause such as ``creators.nameIdentifiers.nameIdentifierScheme:ORCID`` or
``publisher:DataCite`` can match half of a large store; finding its records
in SQL costs microseconds per match, so most of a second at a million
records, on every request. As Lucene caches the bitsets of frequently used
filter clauses, the facet index keeps, for the most recently used clauses
whose match set is large, one boolean per slot. Masks stay exact: slots
appended for changed records start ``False`` and are set from the clause's
own SQL condition over just those records in the same catch-up
(:meth:`ClauseMasks.mark`); compaction keeps the live slots; and because a
compiled clause depends on the store's field ids, every mask is dropped when a
new field appears.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping, Sequence
from typing import Final

import numpy as np
import numpy.typing as npt
from sqlalchemy import ColumnElement, Connection, select

from doiregistry.search.columnar.growable import Growable
from doiregistry.search.query.tree import Query
from doiregistry.storage.tables import dois

BoolArray = npt.NDArray[np.bool_]
Int64Array = npt.NDArray[np.int64]
_BATCH: Final = 5000


class ClauseMasks:
    """The masks of up to ``capacity`` clauses, least recently used dropped first."""

    def __init__(self, capacity: int = 64, min_matches: int = 1000) -> None:
        self.capacity = capacity
        #: clauses matching fewer records are cheap in SQL and not kept
        self.min_matches = min_matches
        self.entries: OrderedDict[Query, tuple[ColumnElement[bool], Growable]] = OrderedDict()

    def get(self, clause: Query) -> BoolArray | None:
        entry = self.entries.get(clause)
        if entry is None:
            return None
        self.entries.move_to_end(clause)
        return entry[1].view

    def put(self, clause: Query, condition: ColumnElement[bool], mask: BoolArray) -> None:
        """Keep a clause's mask (built from ``condition`` over every slot)."""
        if int(np.count_nonzero(mask)) < self.min_matches:
            return
        self.entries[clause] = (condition, Growable.of(mask, np.bool_))
        self.entries.move_to_end(clause)
        while len(self.entries) > self.capacity:
            self.entries.popitem(last=False)

    def clear(self) -> None:
        self.entries.clear()

    def append_slot(self) -> None:
        """A slot was appended to the index; it matches nothing until :meth:`mark`."""
        for _, mask in self.entries.values():
            mask.append(False)

    def mark(
        self, connection: Connection, doi_ids: Sequence[int], slot_of: Mapping[int, int]
    ) -> None:
        """Evaluate every kept clause over freshly (re)added records and set their slots."""
        if not self.entries or not doi_ids:
            return
        for start in range(0, len(doi_ids), _BATCH):
            chunk = list(doi_ids[start : start + _BATCH])
            for condition, mask in self.entries.values():
                found = connection.execute(
                    select(dois.c.id).where(condition, dois.c.id.in_(chunk))
                ).scalars()
                for doi_id in found:
                    slot = slot_of.get(int(doi_id))
                    if slot is not None:
                        mask.data[slot] = True

    def compact(self, live: Int64Array) -> None:
        """Keep only the ``live`` slots, in order (the index was compacted)."""
        for clause, (condition, mask) in list(self.entries.items()):
            self.entries[clause] = (condition, Growable.of(mask.view[live], np.bool_))
