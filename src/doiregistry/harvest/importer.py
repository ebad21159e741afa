"""The importer: DataCite metadata in bulk into one repository (``doiregistry import``).

Records are checked as the REST API checks a new DOI
(:mod:`doiregistry.harvest.prepare`), outside any transaction and, for large
inputs, in worker processes. Accepted records are then written a batch at a
time, one transaction per batch, with one statement per table
(:mod:`doiregistry.storage.bulk_records`): new DOIs are inserted, stored ones
of the same repository updated (upsert), and identical ones left alone, so
importing the same input twice changes nothing the second time (unless the
input holds several records for one DOI: they are applied in order, the last
winning, on every import). Every write adds the DOI's metadata version, its
search index rows and an entry in the change sequence, as the API does; what
an import does not write is the per-DOI audit trail.

A record is rejected, with every reason, when its metadata breaks the rules,
its prefix is not assigned to the repository (unless ``assign_prefixes``), or
its DOI belongs to another repository, or the database refuses one of its
values. A rejected record changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final

from sqlalchemy import Connection, Row
from sqlalchemy.exc import DataError, IntegrityError

from doiregistry.harvest.outcomes import ImportRefused, ImportReport, Rejection
from doiregistry.harvest.pipeline import prepared_chunks
from doiregistry.harvest.prefix_guard import PrefixGuard
from doiregistry.harvest.prepare import (
    EVENT_FOR_STATE,
    Prepared,
    PreparedRecord,
    PrepareSettings,
    registration_reasons,
)
from doiregistry.harvest.sources import SourceItem
from doiregistry.registry.dois.row_columns import (
    DERIVED_COLUMNS,
    identity_columns,
    metadata_columns,
    registered_at,
)
from doiregistry.registry.dois.states import DRAFT, FINDABLE, apply_event
from doiregistry.search.extract import extract
from doiregistry.storage import accounts, bulk_records, doi_records, search_index
from doiregistry.storage.engine import Database
from doiregistry.storage.index_entry import IndexEntry

#: ``source`` of DOIs created by an import whose records do not name one
IMPORT_SOURCE: Final = "import"
_WRITE_ATTEMPTS: Final = 3


@dataclass(frozen=True)
class ImportOptions:
    """How to import: into which repository, in which state, and how to batch."""

    repository: str
    state: str = FINDABLE
    assign_prefixes: bool = False
    url_template: str | None = None
    target_prefix: str | None = None
    batch_size: int = 1000
    #: processes that prepare records (1: all in this process)
    workers: int = 1


@dataclass
class _Tally:
    """The outcome of one batch, added to the report once it is committed."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejections: list[Rejection] = field(default_factory=list)

    def reject(self, record: PreparedRecord, reasons: Sequence[str]) -> None:
        self.rejections.append(Rejection(record.location, record.doi, tuple(reasons)))

    def add_to(self, report: ImportReport) -> None:
        report.created += self.created
        report.updated += self.updated
        report.unchanged += self.unchanged
        report.rejections.extend(self.rejections)


def unique_runs(records: Sequence[PreparedRecord]) -> Iterator[list[PreparedRecord]]:
    """Consecutive runs without a repeated DOI (a later record for a DOI updates the earlier)."""
    run: list[PreparedRecord] = []
    seen: set[str] = set()
    for record in records:
        if record.doi in seen:
            yield run
            run, seen = [], set()
        run.append(record)
        seen.add(record.doi)
    if run:
        yield run


def _columns(record: PreparedRecord, state: str) -> dict[str, Any]:
    """The columns an import sets on every row it writes."""
    return {
        **metadata_columns(
            state=state,
            url=record.url,
            xml=record.xml,
            attributes=record.attributes,
            schema_version=record.schema_version,
        ),
        "reason": record.reason,
        "content_url": record.content_url,
        "landing_page": record.landing_page,
    }


def _index_entry(record: PreparedRecord) -> IndexEntry:
    """The search index entry of a record (made while preparing it, in a worker)."""
    if record.index_entry is not None:
        return record.index_entry
    return extract(
        record.attributes,
        content_url=record.content_url,
        landing_page=record.landing_page,
        reason=record.reason,
    )


def _unchanged(row: Row[Any], values: dict[str, Any], source: str) -> bool:
    return row.source == source and all(
        getattr(row, key) == value for key, value in values.items() if key not in DERIVED_COLUMNS
    )


class Importer:
    """Imports records into one store; see the module docstring."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def run(
        self,
        items: Iterable[SourceItem],
        options: ImportOptions,
        *,
        on_batch: Callable[[ImportReport], None] | None = None,
    ) -> ImportReport:
        """Import ``items``; ``on_batch`` sees the running report after each batch."""
        if options.state not in EVENT_FOR_STATE:
            raise ImportRefused(
                f"Unknown state {options.state!r}: use findable, registered or draft"
            )
        if options.batch_size < 1:
            raise ImportRefused("The batch size must be at least 1")
        client = self._repository(options.repository)
        settings = PrepareSettings(
            state=options.state,
            client_id=client.id,
            domains=client.domains,
            url_template=options.url_template,
            target_prefix=options.target_prefix,
        )
        guard = PrefixGuard(
            self.database, client.id, client.provider_id, assign=options.assign_prefixes
        )
        report = ImportReport()
        for chunk in prepared_chunks(
            items, settings, size=options.batch_size, workers=options.workers
        ):
            self._store(chunk, client, settings, guard, report)
            report.assigned_prefixes = list(guard.assigned)
            if on_batch is not None:
                on_batch(report)
        if report.created > 1000:
            self.database.analyze()  # many new rows: give the query planner fresh statistics
        return report

    def _repository(self, repository: str) -> Row[Any]:
        with self.database.read() as connection:
            client = accounts.fetch_client(connection, repository)
        if client is None:
            raise ImportRefused(f"Repository {repository} does not exist")
        if not client.is_active:
            raise ImportRefused(f"Repository {repository} is not active")
        return client

    def _store(
        self,
        chunk: list[Prepared],
        client: Row[Any],
        settings: PrepareSettings,
        guard: PrefixGuard,
        report: ImportReport,
    ) -> None:
        ready: list[PreparedRecord] = []
        for outcome in chunk:
            if isinstance(outcome, Rejection):
                report.rejections.append(outcome)
                continue
            refusal = guard.refusal(outcome.prefix)
            if refusal is not None:
                report.rejections.append(Rejection(outcome.location, outcome.doi, (refusal,)))
                continue
            ready.append(outcome)
        if not ready:
            return
        for _ in range(_WRITE_ATTEMPTS):
            try:
                self._commit(ready, client, settings).add_to(report)
                return
            except IntegrityError:
                # a concurrent writer created one of these DOIs first: read them again
                continue
            except DataError:
                break
        # the database refuses the batch (a value too long for its column, ...): write the
        # records one at a time and reject those it refuses
        for record in ready:
            try:
                self._commit([record], client, settings).add_to(report)
            except (IntegrityError, DataError) as exc:
                reason = f"database: {str(exc.orig).strip().splitlines()[0]}"
                report.rejections.append(Rejection(record.location, record.doi, (reason,)))

    def _commit(
        self, records: list[PreparedRecord], client: Row[Any], settings: PrepareSettings
    ) -> _Tally:
        """Write ``records`` in one transaction; what happened, once committed."""
        tally = _Tally()
        with self.database.write() as connection:
            doi_records.lock_changes(connection)
            now = self.database.clock.now()
            for run in unique_runs(records):
                self._write_run(connection, run, client, settings, tally, now)
        return tally

    def _write_run(
        self,
        connection: Connection,
        run: list[PreparedRecord],
        client: Row[Any],
        settings: PrepareSettings,
        tally: _Tally,
        now: datetime,
    ) -> None:
        found = bulk_records.existing(connection, [record.doi for record in run])
        changed_xml = [
            row.id
            for record in run
            if (row := found.get(record.doi)) is not None and record.xml and record.xml != row.xml
        ]
        counts = bulk_records.version_counts(connection, changed_xml)
        inserts: list[tuple[PreparedRecord, dict[str, Any]]] = []
        updates: list[tuple[PreparedRecord, dict[str, Any]]] = []
        versions: list[dict[str, Any]] = []
        for record in run:
            row = found.get(record.doi)
            if row is not None and row.client_id != client.id:
                tally.reject(record, [f"doi: {record.doi} belongs to repository {row.client_id}"])
                continue
            state = apply_event(row.state if row is not None else DRAFT, record.event)
            if state != DRAFT and not record.checked_for_registration:
                reasons = registration_reasons(record, state, settings)
                if reasons:
                    tally.reject(record, reasons)
                    continue
            values = _columns(record, state)
            if row is None:
                values.update(
                    identity_columns(record.doi, client.id, client.provider_id, now),
                    source=record.source or IMPORT_SOURCE,
                    updated=now,
                    registered=registered_at(state, None, now),
                )
                inserts.append((record, values))
                continue
            source = record.source or row.source or IMPORT_SOURCE
            if _unchanged(row, values, source):
                tally.unchanged += 1
                continue
            new_version = bool(record.xml) and record.xml != row.xml
            version = counts.get(row.id, 0)
            values.update(
                id=row.id,
                doi=row.doi,
                source=source,
                metadata_version=version if new_version else row.metadata_version,
                updated=now,
                registered=registered_at(state, row.registered, now),
            )
            updates.append((record, values))
            if new_version:
                versions.append(_version(row.id, version, record, now))
        ids = bulk_records.insert_rows(connection, [values for _, values in inserts], now)
        for record, _ in inserts:
            if record.xml:
                versions.append(_version(ids[record.doi], 0, record, now))
        bulk_records.update_rows(connection, [values for _, values in updates], now)
        bulk_records.insert_versions(connection, versions)
        search_index.replace_entries(
            connection,
            [(ids[record.doi], _index_entry(record)) for record, _ in inserts]
            + [(values["id"], _index_entry(record)) for record, values in updates],
        )
        tally.created += len(inserts)
        tally.updated += len(updates)


def _version(doi_id: int, version: int, record: PreparedRecord, now: datetime) -> dict[str, Any]:
    return {
        "doi_id": doi_id,
        "version": version,
        "namespace": record.schema_version,
        "xml": record.xml,
        "created": now,
    }
