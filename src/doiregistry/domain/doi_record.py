"""The plain value a DOI service returns: one DOI with its metadata and bookkeeping."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(slots=True)
class DoiRecord:
    id: int
    doi: str
    prefix: str
    suffix: str
    client_id: str
    provider_id: str
    state: str
    url: str | None
    xml: str | None
    attributes: dict[str, Any]
    schema_version: str | None
    metadata_version: int
    source: str | None
    reason: str | None
    content_url: list[str] | None
    landing_page: dict[str, Any] | None
    published: str | None
    created: datetime
    updated: datetime
    registered: datetime | None

    @property
    def is_active(self) -> bool:
        return self.state == "findable"
