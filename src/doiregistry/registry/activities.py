"""Reading the audit trail (spec §9), visible only to those who may see the record (fixes Q14)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from doiregistry.metadata.doi import normalize_doi, parse_doi
from doiregistry.registry.errors import NotFound
from doiregistry.registry.principal import Principal
from doiregistry.search.doi_search import visibility
from doiregistry.storage import activity_records, doi_records
from doiregistry.storage.engine import Database


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

    @classmethod
    def from_row(cls, row: Any) -> Activity:
        return cls(
            row.request_uuid,
            row.auditable_type,
            row.auditable_id,
            row.action,
            row.version,
            dict(row.changes or {}),
            row.username,
            row.created,
        )


@dataclass(frozen=True)
class ActivityPage:
    total: int
    activities: list[Activity]


class ActivityService:
    def __init__(self, database: Database) -> None:
        self.database = database

    def for_doi(
        self, principal: Principal, doi: str, *, offset: int, limit: int, newest_first: bool = True
    ) -> ActivityPage:
        """The history of one DOI the caller may see (404 otherwise)."""
        name = parse_doi(doi) or normalize_doi(doi)
        with self.database.read() as connection:
            row = doi_records.fetch(connection, name)
            if row is None or not principal.may_see_record(
                row.state, row.client_id, row.provider_id
            ):
                raise NotFound()
            total, rows = activity_records.page(
                connection,
                auditable=("Doi", name),
                visible_doi_condition=None,
                newest_first=newest_first,
                offset=offset,
                limit=limit,
            )
        return ActivityPage(total, [Activity.from_row(r) for r in rows])

    def list(
        self, principal: Principal, *, offset: int, limit: int, newest_first: bool = True
    ) -> ActivityPage:
        """Activities the caller may see: staff all, others those of DOIs they may see."""
        with self.database.read() as connection:
            total, rows = activity_records.page(
                connection,
                auditable=None,
                visible_doi_condition=None if principal.is_staff else visibility(principal),
                newest_first=newest_first,
                offset=offset,
                limit=limit,
            )
        return ActivityPage(total, [Activity.from_row(r) for r in rows])

    def get(self, principal: Principal, request_uuid: str) -> Activity:
        with self.database.read() as connection:
            row = activity_records.fetch(connection, request_uuid)
            if row is None:
                raise NotFound()
            if not principal.is_staff:
                if row.auditable_type != "Doi":
                    raise NotFound()
                doi = doi_records.fetch(connection, row.auditable_id)
                if doi is None or not principal.may_see_record(
                    doi.state, doi.client_id, doi.provider_id
                ):
                    raise NotFound()
        return Activity.from_row(row)
