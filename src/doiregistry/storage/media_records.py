"""Record access for media (content URLs with a MIME type) attached to DOIs."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, delete, func, select

from doiregistry.storage.tables import media


def add(connection: Connection, doi_id: int, url: str, media_type: str, *, now: datetime) -> int:
    """Attach one media record and return its id."""
    version = connection.execute(
        select(func.count()).select_from(media).where(media.c.doi_id == doi_id)
    ).scalar_one()
    result = connection.execute(
        media.insert().values(
            doi_id=doi_id,
            version=int(version),
            url=url,
            media_type=media_type,
            created=now,
            updated=now,
        )
    )
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def for_doi(connection: Connection, doi_id: int, limit: int | None = None) -> list[Row[Any]]:
    """Media of a DOI, newest first."""
    query = select(media).where(media.c.doi_id == doi_id).order_by(media.c.id.desc())
    if limit is not None:
        query = query.limit(limit)
    return list(connection.execute(query))


def remove(connection: Connection, doi_id: int, media_id: int) -> bool:
    """Delete one media record of a DOI; False when there was none."""
    result = connection.execute(
        delete(media).where(media.c.doi_id == doi_id, media.c.id == media_id)
    )
    return bool(result.rowcount)
