"""Record access for the audit trail of changes (``activities``, spec §9)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Connection, Row, func, select

from doiregistry.storage.column_types import utcnow
from doiregistry.storage.tables import activities


def add(
    connection: Connection,
    auditable_type: str,
    auditable_id: str,
    action: str,
    changes: dict[str, Any],
    username: str | None,
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
            created=utcnow(),
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
