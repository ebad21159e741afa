"""Write side of the search index: side tables kept in the DOI write's own transaction.

For each DOI: its field values (``doi_values``), DOI relations
(``doi_relations``), the coded words of its text fields (SQLite: the FTS5 table
``doi_fts``; PostgreSQL: ``doi_text`` with a ``tsvector``) and its title sort
key. Because they change in the same transaction as the row, a search sees a
write as soon as it has returned.
"""

from __future__ import annotations

import threading
import weakref
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any, Final

from sqlalchemy import Connection, Engine, bindparam, delete, select, text
from sqlalchemy.dialects import postgresql, sqlite

from doiregistry.storage.index_entry import VALUE_GAP, IndexEntry
from doiregistry.storage.tables import doi_relations, doi_text, doi_values, search_fields

#: largest word position a PostgreSQL tsvector keeps
MAX_TSVECTOR_POSITION: Final = 16383

_field_ids: weakref.WeakKeyDictionary[Engine, dict[str, int]] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def field_ids(connection: Connection, paths: Iterable[str]) -> dict[str, int]:
    """Stable numeric ids of field paths, created on first use."""
    with _lock:
        known = _field_ids.setdefault(connection.engine, {})
    wanted = set(paths)
    missing = wanted - known.keys()
    if missing:
        rows = connection.execute(select(search_fields.c.id, search_fields.c.path)).all()
        with _lock:
            known.update({row.path: row.id for row in rows})
        missing = wanted - known.keys()
    if missing:
        dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
        statement = dialect.insert(search_fields).on_conflict_do_nothing(index_elements=["path"])
        connection.execute(statement, [{"path": path} for path in sorted(missing)])
        rows = connection.execute(
            select(search_fields.c.id, search_fields.c.path).where(
                search_fields.c.path.in_(missing)
            )
        ).all()
        with _lock:
            known.update({row.path: row.id for row in rows})
    return {path: known[path] for path in wanted}


def tsvector_literal(stream: Sequence[str]) -> str:
    """A ``tsvector`` in its text form, positions included (values kept apart by a gap)."""
    positions: dict[str, list[int]] = defaultdict(list)
    position = 0
    for token in stream:
        position += 1
        if token == VALUE_GAP:
            continue
        positions[token].append(min(position, MAX_TSVECTOR_POSITION))
    return " ".join(
        f"'{token}':{','.join(str(p) for p in sorted(set(places)))}"
        for token, places in positions.items()
    )


def _remove(connection: Connection, doi_ids: Sequence[int]) -> None:
    connection.execute(delete(doi_values).where(doi_values.c.doi_id.in_(doi_ids)))
    connection.execute(delete(doi_relations).where(doi_relations.c.doi_id.in_(doi_ids)))
    if connection.dialect.name == "sqlite":
        statement = text("DELETE FROM doi_fts WHERE rowid IN :ids").bindparams(
            bindparam("ids", expanding=True)
        )
        connection.execute(statement, {"ids": list(doi_ids)})
    else:
        connection.execute(delete(doi_text).where(doi_text.c.doi_id.in_(doi_ids)))


def _executemany(connection: Connection, statement: str, rows: Sequence[tuple[Any, ...]]) -> None:
    """Run ``statement`` (``?`` placeholders) for many rows through the driver directly.

    The side tables take tens of rows per DOI; SQLAlchemy's per-row parameter
    handling made index writes the larger part of a bulk import.
    """
    if not rows:
        return
    if connection.dialect.name == "postgresql":
        statement = statement.replace("?", "%s")
    cursor = connection.connection.cursor()
    try:
        cursor.executemany(statement, rows)
    finally:
        cursor.close()


def replace_entries(connection: Connection, entries: Sequence[tuple[int, IndexEntry]]) -> None:
    """(Re)index DOIs: drop their old index rows and write the new ones."""
    if not entries:
        return
    _remove(connection, [doi_id for doi_id, _ in entries])
    ids = field_ids(connection, {row.path for _, entry in entries for row in entry.values})
    _executemany(
        connection,
        "INSERT INTO doi_values (doi_id, field_id, value, value_num) VALUES (?, ?, ?, ?)",
        [
            (doi_id, ids[row.path], row.value, row.value_num)
            for doi_id, entry in entries
            for row in entry.values
        ],
    )
    _executemany(
        connection,
        "INSERT INTO doi_relations (doi_id, related_doi, relation_type) VALUES (?, ?, ?)",
        [(doi_id, target, kind) for doi_id, entry in entries for target, kind in entry.relations],
    )
    streams = [(doi_id, entry.word_stream()) for doi_id, entry in entries]
    if connection.dialect.name == "sqlite":
        _executemany(
            connection,
            "INSERT INTO doi_fts (rowid, body) VALUES (?, ?)",
            [(doi_id, " ".join(stream)) for doi_id, stream in streams],
        )
    else:
        _executemany(
            connection,
            "INSERT INTO doi_text (doi_id, body, tsv) VALUES (?, ?, CAST(? AS tsvector))",
            [(doi_id, " ".join(stream), tsvector_literal(stream)) for doi_id, stream in streams],
        )
    _executemany(
        connection,
        "UPDATE dois SET title_sort = ? WHERE id = ?",
        [(entry.title_sort, doi_id) for doi_id, entry in entries],
    )


def remove_entries(connection: Connection, doi_ids: Sequence[int]) -> None:
    """Drop the index rows of DOIs (before the DOIs themselves are deleted)."""
    if doi_ids:
        _remove(connection, doi_ids)


def known_field_ids(connection: Connection) -> dict[str, int]:
    """Every field path the store has values for, with its id."""
    rows = connection.execute(select(search_fields.c.id, search_fields.c.path)).all()
    known = {row.path: row.id for row in rows}
    with _lock:
        _field_ids.setdefault(connection.engine, {}).update(known)
    return known
