"""Sort orders of ``GET /dois`` (spec §4.5) and their keyset conditions for cursors.

Every order ends with the DOI, so that it is total and a cursor can resume it.
Missing values sort last in both directions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from sqlalchemy import ColumnElement, and_, literal, or_, tuple_
from sqlalchemy.sql.elements import UnaryExpression

from doiregistry.storage.tables import dois

#: sort names → (column or computed key name, descending)
SORTS: Final[dict[str, tuple[str, bool]]] = {
    "name": ("doi", False),
    "-name": ("doi", True),
    "created": ("created", False),
    "-created": ("created", True),
    "updated": ("updated", False),
    "-updated": ("updated", True),
    "published": ("published", False),
    "-published": ("published", True),
    "registered": ("registered", False),
    "-registered": ("registered", True),
    "title": ("title_sort", False),
    "-title": ("title_sort", True),
    "view-count": ("doi", False),
    "-view-count": ("doi", False),
    "download-count": ("doi", False),
    "-download-count": ("doi", False),
    "citation-count": ("citations", False),
    "-citation-count": ("citations", True),
    "relevance": ("score", True),
}
DEFAULT_SORT: Final = "-updated"
#: DataCite's cursor order when no sort is requested
CURSOR_DEFAULT_SORT: Final = "created"
DATE_KEYS: Final = frozenset({"created", "updated", "registered"})
#: sort keys that are never null (their orders and cursors can use plain indexes)
NOT_NULL_KEYS: Final = frozenset({"created", "updated", "citations", "score"})


@dataclass(frozen=True)
class SortOrder:
    name: str
    key: str
    descending: bool

    def key_column(self, computed: dict[str, ColumnElement[Any]]) -> ColumnElement[Any]:
        return computed[self.key] if self.key in computed else dois.c[self.key]

    def order_by(self, computed: dict[str, ColumnElement[Any]]) -> list[UnaryExpression[Any]]:
        column = self.key_column(computed)
        tie = dois.c.doi.desc() if self.descending else dois.c.doi.asc()
        if self.key == "doi":
            return [tie]
        primary = column.desc() if self.descending else column.asc()
        if self.key in NOT_NULL_KEYS:
            return [primary, tie]  # index order: (key, doi)
        return [column.is_(None).asc(), primary, tie]

    def after(
        self, computed: dict[str, ColumnElement[Any]], key: Any, doi: str
    ) -> ColumnElement[bool]:
        """Records strictly after (key, doi) in this order."""
        doi_after = dois.c.doi < doi if self.descending else dois.c.doi > doi
        if self.key == "doi":
            return doi_after
        column = self.key_column(computed)
        if key is None:
            return and_(column.is_(None), doi_after)
        value = datetime.fromisoformat(key) if self.key in DATE_KEYS else key
        if self.key in NOT_NULL_KEYS:
            # a row-value comparison, which both backends answer from the (key, doi) index
            pair, last = (
                tuple_(column, dois.c.doi),
                tuple_(literal(value, column.type), literal(doi)),
            )
            return pair < last if self.descending else pair > last
        beyond = column < value if self.descending else column > value
        return or_(beyond, and_(column == value, doi_after), column.is_(None))

    def cursor_key(self, row: Any) -> Any:
        value = row._mapping.get(self.key) if self.key not in ("doi",) else None
        if isinstance(value, datetime):
            return value.isoformat(timespec="microseconds")
        return value


def parse_sort(value: str | None, *, cursor: bool, has_query: bool) -> SortOrder:
    """The order for a ``sort`` parameter (unknown values fall back to the default)."""
    name = (value or "").strip()
    if name not in SORTS:
        name = CURSOR_DEFAULT_SORT if cursor and not name else DEFAULT_SORT
    if name == "relevance" and not has_query:
        name = DEFAULT_SORT
    key, descending = SORTS[name]
    return SortOrder(name, key, descending)
