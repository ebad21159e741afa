"""Which records have a value for a search field: boolean arrays over facet-index slots.

``_exists_:fundingReferences`` or ``creators.nameIdentifiers.nameIdentifier:*``
often match a large part of the store. Answering them in SQL means fetching
every matching id (microseconds each, so most of a second at a million
records); with one boolean per slot and field they become a numpy ``OR``.

A field's mask is read from ``doi_values`` the first time a query asks for it
and from then on follows the facet index: slots appended for changed records
start ``False`` and are marked from their new index rows in the same catch-up
(:meth:`PresenceMasks.mark`), compaction keeps the live slots, and a rebuild of
the index starts with no masks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Final

import numpy as np
import numpy.typing as npt
from sqlalchemy import Connection, select

from doiregistry.search.growable import Growable
from doiregistry.storage.tables import doi_values

BoolArray = npt.NDArray[np.bool_]
Int64Array = npt.NDArray[np.int64]
_BATCH: Final = 5000


class PresenceMasks:
    """Per field id, whether each slot's record has an index value for it."""

    def __init__(self) -> None:
        self.masks: dict[int, Growable] = {}

    def __contains__(self, field_id: int) -> bool:
        return field_id in self.masks

    def append_slot(self) -> None:
        """A slot was appended to the index; it has no values until :meth:`mark`."""
        for mask in self.masks.values():
            mask.append(False)

    def build(
        self,
        connection: Connection,
        field_id: int,
        size: int,
        slots_of: Callable[[Int64Array], Int64Array],
    ) -> None:
        """Read one field's mask from the store (``size`` slots)."""
        ids = connection.execute(
            select(doi_values.c.doi_id).where(doi_values.c.field_id == field_id)
        ).scalars()
        found = np.fromiter(ids, dtype=np.int64)
        values = np.zeros(size, dtype=np.bool_)
        values[slots_of(found)] = True
        self.masks[field_id] = Growable.of(values, np.bool_)

    def mark(
        self, connection: Connection, doi_ids: Sequence[int], slot_of: Mapping[int, int]
    ) -> None:
        """Set the masks of freshly (re)added records from their index rows."""
        if not self.masks or not doi_ids:
            return
        fields = sorted(self.masks)
        for start in range(0, len(doi_ids), _BATCH):
            chunk = list(doi_ids[start : start + _BATCH])
            rows = connection.execute(
                select(doi_values.c.doi_id, doi_values.c.field_id)
                .where(doi_values.c.doi_id.in_(chunk), doi_values.c.field_id.in_(fields))
                .distinct()
            )
            for doi_id, field_id in rows:
                slot = slot_of.get(int(doi_id))
                if slot is not None:
                    self.masks[int(field_id)].data[slot] = True

    def compact(self, live: Int64Array) -> None:
        """Keep only the ``live`` slots, in order (the index was compacted)."""
        self.masks = {
            field_id: Growable.of(mask.view[live], np.bool_)
            for field_id, mask in self.masks.items()
        }

    def any_of(self, field_ids: Iterable[int], size: int) -> BoolArray:
        """Slots whose record has a value for at least one of ``field_ids`` (all built)."""
        combined = np.zeros(size, dtype=np.bool_)
        for field_id in field_ids:
            combined |= self.masks[field_id].view
        return combined
