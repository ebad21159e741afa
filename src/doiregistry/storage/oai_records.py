"""What the OAI-PMH provider reads: DOIs in datestamp order, one DOI, and the sets.

Harvests walk the ``dois`` table in the order of ``updated`` then ``doi``
with a keyset (the last row sent), so a page costs the same wherever it is
in the list. Registered (hidden) DOIs are listed as deleted records; drafts
never are.

On SQLite, ``state``, ``provider_id`` and ``client_id`` are compared as
expressions (``state || ''``): without table statistics SQLite would
otherwise walk one of their indexes and sort every match for each page,
where walking the ``updated`` index stops after one page of rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from sqlalchemy import (
    ColumnElement,
    Connection,
    Row,
    and_,
    case,
    func,
    literal,
    null,
    or_,
    select,
    type_coerce,
)

from doiregistry.storage.tables import clients, dois, providers

#: states whose DOIs are harvested (registered ones as deleted records)
HARVESTED_STATES: Final = ("findable", "registered")

HEADER_COLUMNS: Final = (
    dois.c.doi,
    dois.c.state,
    dois.c.updated,
    dois.c.provider_id,
    dois.c.client_id,
)


@dataclass(frozen=True)
class HarvestFilter:
    """Which DOIs a harvest lists: a datestamp window, a member or repository, a condition."""

    #: inclusive lower bound on ``updated``
    start: datetime | None
    #: exclusive upper bound on ``updated``
    stop: datetime
    provider_id: str | None = None
    client_id: str | None = None
    #: a compiled search query (query sets)
    query: ColumnElement[bool] | None = None


def _column(connection: Connection, column: ColumnElement[str], walk: bool) -> ColumnElement[str]:
    """``column``, or on SQLite when walking the datestamp order, an expression of it."""
    if walk and connection.dialect.name == "sqlite":
        return column.concat(literal(""))
    return column


def condition(
    connection: Connection, wanted: HarvestFilter, *, walk: bool = True
) -> ColumnElement[bool]:
    """The SQL condition of a harvest filter (``walk``: for reading in datestamp order)."""
    parts: list[ColumnElement[bool]] = [
        _column(connection, dois.c.state, walk=True).in_(HARVESTED_STATES),
        dois.c.updated < wanted.stop,
    ]
    if wanted.start is not None:
        parts.append(dois.c.updated >= wanted.start)
    if wanted.provider_id is not None:
        parts.append(_column(connection, dois.c.provider_id, walk) == wanted.provider_id)
    if wanted.client_id is not None:
        parts.append(_column(connection, dois.c.client_id, walk) == wanted.client_id)
    if wanted.query is not None:
        parts.append(wanted.query)
    return and_(*parts)


def page(
    connection: Connection,
    wanted: HarvestFilter,
    after: tuple[datetime, str] | None,
    limit: int,
    *,
    with_xml: bool = False,
    with_attributes: bool = False,
) -> list[Row[Any]]:
    """Up to ``limit`` DOIs after the key ``after`` (``updated``, ``doi``), in that order."""
    columns: list[Any] = list(HEADER_COLUMNS)
    if with_xml:
        columns.append(dois.c.xml)
        # attributes only where no XML is stored (it is then written from them)
        columns.append(
            type_coerce(
                case((dois.c.xml.is_(None), dois.c.attributes), else_=null()),
                dois.c.attributes.type,
            ).label("attributes")
        )
    elif with_attributes:
        columns.append(dois.c.attributes)
    query = select(*columns).where(condition(connection, wanted))
    if after is not None:
        updated, doi = after
        query = query.where(
            dois.c.updated >= updated, or_(dois.c.updated > updated, dois.c.doi > doi)
        )
    query = query.order_by(dois.c.updated, dois.c.doi).limit(limit)
    return list(connection.execute(query))


def count(connection: Connection, wanted: HarvestFilter) -> int:
    """How many DOIs a harvest lists in all."""
    where = condition(connection, wanted, walk=False)
    return int(connection.execute(select(func.count()).select_from(dois).where(where)).scalar_one())


def earliest_datestamp(connection: Connection) -> datetime | None:
    """The oldest ``updated`` among harvested DOIs (``None`` when there are none)."""
    query = (
        select(dois.c.updated)
        .where(_column(connection, dois.c.state, walk=True).in_(HARVESTED_STATES))
        .order_by(dois.c.updated)
        .limit(1)
    )
    value: datetime | None = connection.execute(query).scalar_one_or_none()
    return value


def fetch(connection: Connection, doi: str) -> Row[Any] | None:
    """One DOI (lower-case) with everything a record needs, whatever its state."""
    columns: list[Any] = [*HEADER_COLUMNS, dois.c.xml, dois.c.attributes]
    return connection.execute(select(*columns).where(dois.c.doi == doi)).first()


@dataclass(frozen=True)
class SetRow:
    spec: str
    name: str


def sets(connection: Connection) -> list[SetRow]:
    """Every repository and every member holding one, sorted by set spec (upper case)."""
    rows = connection.execute(
        select(
            clients.c.id.label("client_id"),
            clients.c.name.label("client_name"),
            providers.c.id.label("provider_id"),
            providers.c.name.label("provider_name"),
        )
        .join(providers, providers.c.id == clients.c.provider_id)
        .where(clients.c.deleted_at.is_(None), providers.c.deleted_at.is_(None))
    ).all()
    found: dict[str, str] = {}
    for row in rows:
        found[row.client_id.upper()] = row.client_name
        found[row.provider_id.upper()] = row.provider_name
    return [SetRow(spec, found[spec]) for spec in sorted(found)]
