"""One entry of the audit trail (spec §9) and a page of them, as the services hand them out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Activity:
    request_uuid: str
    auditable_type: str
    auditable_id: str
    action: str
    version: int
    changes: dict[str, Any]
    username: str | None
    created: datetime


@dataclass(frozen=True)
class ActivityPage:
    total: int
    activities: list[Activity]
