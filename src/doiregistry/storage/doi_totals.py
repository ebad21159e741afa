"""Counts of registered and findable DOIs per repository, member or prefix, by state and by
when they were created (the ``/clients/totals`` family, spec §6.4, §7)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from sqlalchemy import Connection, Row, case, func, select

from doiregistry.storage.tables import dois

Group = Literal["client_id", "provider_id", "prefix"]
#: the states totals count (drafts are nobody's to count)
COUNTED_STATES = ("registered", "findable")


def counts(
    connection: Connection,
    group: Group,
    since: dict[str, tuple[datetime, datetime]],
    **equal_to: str,
) -> list[Row[Any]]:
    """Rows of ``(key, state, doi_count, <one count per window of since>)``; ``equal_to``
    restricts a column (``provider_id="datacite"``)."""
    key = dois.c[group]
    windows = [
        func.sum(case((dois.c.created.between(start, end), 1), else_=0)).label(name)
        for name, (start, end) in since.items()
    ]
    query = (
        select(key.label("key"), dois.c.state, func.count().label("doi_count"), *windows)
        .where(dois.c.state.in_(COUNTED_STATES))
        .where(*(dois.c[name] == value for name, value in equal_to.items()))
        .group_by(key, dois.c.state)
        .order_by(key, dois.c.state)
    )
    return list(connection.execute(query))
