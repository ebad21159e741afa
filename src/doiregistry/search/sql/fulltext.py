"""Full-text match expressions for each backend over the coded word stream.

SQLite: an FTS5 ``MATCH`` string over ``doi_fts`` (rowid = DOI id).
PostgreSQL: a ``tsquery`` literal over ``doi_text.tsv``. Words are already
folded by :mod:`.tokens` and coded by field (``ti:climate``), so no backend
analyser is involved and both backends agree.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from sqlalchemy import cast, column, literal, literal_column, select, table
from sqlalchemy.dialects.postgresql import TSQUERY
from sqlalchemy.sql.elements import ColumnElement

from doiregistry.storage.tables import doi_text, dois

_SAFE: Final = re.compile(r"^[^\s'\"\\]+$")
#: SQLite's FTS5 table (created by migration 0002, not part of the SQLAlchemy metadata)
_FTS: Final = table("doi_fts", column("rowid"), column("body"))


def _check(token: str) -> str:
    if not _SAFE.match(token):
        raise ValueError(f"unsafe token {token!r}")
    return token


class FullText:
    """Builds match expressions for one dialect."""

    def __init__(self, dialect: str) -> None:
        self.sqlite = dialect == "sqlite"

    def word(self, code: str, word: str) -> str:
        token = _check(f"{code}:{word}")
        return f'"{token}"' if self.sqlite else f"'{token}'"

    def prefix(self, code: str, start: str) -> str:
        token = _check(f"{code}:{start}")
        return f'"{token}" *' if self.sqlite else f"'{token}':*"

    def phrase(self, code: str, words: Sequence[str]) -> str:
        tokens = [_check(f"{code}:{word}") for word in words]
        if self.sqlite:
            return '"' + " ".join(tokens) + '"'
        return "(" + " <-> ".join(f"'{token}'" for token in tokens) + ")"

    def any_of(self, parts: Sequence[str]) -> str:
        if len(parts) == 1:
            return parts[0]
        return "(" + (" OR " if self.sqlite else " | ").join(parts) + ")"

    def all_of(self, parts: Sequence[str]) -> str:
        if len(parts) == 1:
            return parts[0]
        return "(" + (" AND " if self.sqlite else " & ").join(parts) + ")"

    def ids(self, expression: str, body_pattern: str | None = None) -> ColumnElement[bool]:
        """``dois.id IN (records matching expression [and whose words match a regex])``."""
        if self.sqlite:
            query = select(_FTS.c.rowid).where(
                literal_column("doi_fts").op("MATCH")(literal(expression))
            )
            if body_pattern is not None:
                query = query.where(_FTS.c.body.op("REGEXP")(literal(body_pattern)))
            return dois.c.id.in_(query)
        postgres_query = select(doi_text.c.doi_id).where(
            doi_text.c.tsv.op("@@")(cast(literal(expression), TSQUERY))
        )
        if body_pattern is not None:
            postgres_query = postgres_query.where(doi_text.c.body.op("~")(literal(body_pattern)))
        return dois.c.id.in_(postgres_query)

    def scan(self, body_pattern: str) -> ColumnElement[bool]:
        """Records whose word stream matches a regex (a full scan: no word to look up)."""
        if self.sqlite:
            query = select(_FTS.c.rowid).where(_FTS.c.body.op("REGEXP")(literal(body_pattern)))
            return dois.c.id.in_(query)
        return dois.c.id.in_(
            select(doi_text.c.doi_id).where(doi_text.c.body.op("~")(literal(body_pattern)))
        )
