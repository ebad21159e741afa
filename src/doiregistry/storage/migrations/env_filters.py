"""Objects alembic leaves out of schema comparisons."""

from __future__ import annotations


def include_object(
    obj: object, name: str | None, kind: str, reflected: bool, compare_to: object
) -> bool:
    """Leave SQLite's FTS5 table ``doi_fts`` and its shadow tables out of comparisons."""
    return not (kind == "table" and name is not None and name.startswith("doi_fts"))
