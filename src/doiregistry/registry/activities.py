"""Reading the audit trail (spec §9), visible only to those who may see the record (fixes Q14)."""

from __future__ import annotations

from sqlalchemy import Connection

from doiregistry.domain.activity_record import Activity, ActivityPage
from doiregistry.domain.errors import NotFound
from doiregistry.domain.principal import Principal
from doiregistry.metadata.doi import normalize_doi, parse_doi
from doiregistry.search.dois.visibility import visible
from doiregistry.storage import accounts, activity_records, doi_records, record_rows
from doiregistry.storage.engine import Database


def _history(
    connection: Connection,
    auditable: tuple[str, str],
    newest_first: bool,
    offset: int,
    limit: int,
) -> ActivityPage:
    """One page of the history of one record (``(type, id)``)."""
    total, rows = activity_records.page(
        connection,
        auditable=auditable,
        visible_doi_condition=None,
        newest_first=newest_first,
        offset=offset,
        limit=limit,
    )
    return ActivityPage(total, [record_rows.activity(r) for r in rows])


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
            return _history(connection, ("Doi", name), newest_first, offset, limit)

    def for_client(
        self,
        principal: Principal,
        client_id: str,
        *,
        offset: int,
        limit: int,
        newest_first: bool = True,
    ) -> ActivityPage:
        """The history of a live repository, for it, its member and staff (404 otherwise:
        account changes name contacts and settings that its public page does not show)."""
        with self.database.read() as connection:
            row = accounts.fetch_client(connection, client_id)
            if row is None or not principal.owns_client(row.id, row.provider_id):
                raise NotFound()
            return _history(connection, ("Client", row.id), newest_first, offset, limit)

    def for_provider(
        self,
        principal: Principal,
        provider_id: str,
        *,
        offset: int,
        limit: int,
        newest_first: bool = True,
    ) -> ActivityPage:
        """The history of a live member, for it, its consortium and staff (404 otherwise)."""
        with self.database.read() as connection:
            row = accounts.fetch_provider(connection, provider_id)
            if row is None or not principal.manages_provider(row.id):
                raise NotFound()
            return _history(connection, ("Provider", row.id), newest_first, offset, limit)

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
