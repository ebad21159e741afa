"""Record access for the audit trail of changes (``activities``, spec §9)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, func, select

from doiregistry.storage.tables import activities, dois


def add(
    connection: Connection,
    auditable_type: str,
    auditable_id: str,
    action: str,
    changes: dict[str, Any],
    username: str | None,
    *,
    now: datetime,
) -> str:
    """Append one audit row (version = previous version + 1) and return its request uuid."""
    version = connection.execute(
        select(func.coalesce(func.max(activities.c.version), 0)).where(
            activities.c.auditable_type == auditable_type,
            activities.c.auditable_id == auditable_id,
        )
    ).scalar_one()
    request_uuid = str(uuid.uuid4())
    connection.execute(
        activities.insert().values(
            request_uuid=request_uuid,
            auditable_type=auditable_type,
            auditable_id=auditable_id,
            action=action,
            version=int(version) + 1,
            changes=changes,
            username=username,
            created=now,
        )
    )
    return request_uuid


def for_auditable(connection: Connection, auditable_type: str, auditable_id: str) -> list[Row[Any]]:
    """The history of one record, newest first."""
    return list(
        connection.execute(
            select(activities)
            .where(
                activities.c.auditable_type == auditable_type,
                activities.c.auditable_id == auditable_id,
            )
            .order_by(activities.c.version.desc())
        )
    )


def fetch(connection: Connection, request_uuid: str) -> Row[Any] | None:
    return connection.execute(
        select(activities).where(activities.c.request_uuid == request_uuid.lower())
    ).first()


def page(
    connection: Connection,
    *,
    auditable: tuple[str, str] | None,
    visible_doi_condition: Any | None,
    newest_first: bool,
    offset: int,
    limit: int,
) -> tuple[int, list[Row[Any]]]:
    """A page of audit rows, with the total.

    ``auditable`` restricts to one record; ``visible_doi_condition`` (a
    condition on ``dois``) restricts to DOI activities of records it admits
    (``None``: no restriction, staff).
    """
    conditions = []
    if auditable is not None:
        conditions += [
            activities.c.auditable_type == auditable[0],
            activities.c.auditable_id == auditable[1],
        ]
    if visible_doi_condition is not None:
        visible = select(dois.c.doi).where(visible_doi_condition)
        conditions += [activities.c.auditable_type == "Doi", activities.c.auditable_id.in_(visible)]
    total = connection.execute(
        select(func.count()).select_from(activities).where(*conditions)
    ).scalar_one()
    order = activities.c.id.desc() if newest_first else activities.c.id.asc()
    rows = connection.execute(
        select(activities).where(*conditions).order_by(order).offset(offset).limit(limit)
    )
    return int(total), list(rows)
