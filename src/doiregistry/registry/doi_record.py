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

    @classmethod
    def from_row(cls, row: Any) -> DoiRecord:
        prefix, _, suffix = row.doi.partition("/")
        return cls(
            id=row.id,
            doi=row.doi,
            prefix=prefix,
            suffix=suffix,
            client_id=row.client_id,
            provider_id=row.provider_id,
            state=row.state,
            url=row.url,
            xml=row._mapping.get("xml"),
            attributes=dict(row.attributes or {}),
            schema_version=row.schema_version,
            metadata_version=row.metadata_version,
            source=row.source,
            reason=row.reason,
            content_url=row.content_url,
            landing_page=row.landing_page,
            published=row.published,
            created=row.created,
            updated=row.updated,
            registered=row.registered,
        )
