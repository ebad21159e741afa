"""Reading the audit trail (spec §9), visible only to those who may see the record (fixes Q14)."""

from __future__ import annotations

from doiregistry.domain.activity_record import Activity, ActivityPage
from doiregistry.domain.errors import NotFound
from doiregistry.domain.principal import Principal
from doiregistry.metadata.doi import normalize_doi, parse_doi
from doiregistry.search.dois.visibility import visible
from doiregistry.storage import activity_records, doi_records, record_rows
from doiregistry.storage.engine import Database


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
        return ActivityPage(total, [record_rows.activity(r) for r in rows])

    def list(
        self, principal: Principal, *, offset: int, limit: int, newest_first: bool = True
    ) -> ActivityPage:
        """Activities the caller may see: staff all, others those of DOIs they may see."""
        with self.database.read() as connection:
            total, rows = activity_records.page(
                connection,
                auditable=None,
                visible_doi_condition=None if principal.is_staff else visible(principal),
                newest_first=newest_first,
                offset=offset,
                limit=limit,
            )
        return ActivityPage(total, [record_rows.activity(r) for r in rows])

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
        return record_rows.activity(row)
