"""The OAI-PMH data provider: the six verbs over the DOI store, as plain values.

Records are the findable DOIs; registered (hidden) DOIs are deleted records
(header only, ``deletedRecord`` is ``persistent``); drafts are never shown.
A record's datestamp is its ``updated`` time, and it belongs to two sets: its
member (``PROVIDER``) and its repository (``PROVIDER.REPOSITORY``).

A list request fixes its upper datestamp bound when it starts (``until``, or
the time of the first request): records changed during a harvest move past
that bound, so a harvest never sends a record twice or skips one because of
writes; the next incremental harvest (``from`` = this one's start) picks the
changes up. The bound, the key of the last record sent and the counts travel
in the resumption token (:mod:`doiregistry.oai.tokens`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Final

from sqlalchemy import ColumnElement, Connection, Row

from doiregistry.oai import tokens
from doiregistry.oai.arguments import OaiRequest
from doiregistry.oai.dates import Datestamp, check_window, parse_datestamp
from doiregistry.oai.errors import OaiError, bad_argument
from doiregistry.oai.identifiers import doi_of, identifier_of, unknown
from doiregistry.oai.metadata_formats import FORMATS, MetadataFormat, metadata_format
from doiregistry.oai.results import (
    Answer,
    FormatList,
    Header,
    Identity,
    Record,
    RecordList,
    Resumption,
    SetEntry,
    SetList,
    SingleRecord,
)
from doiregistry.oai.sets import SetSelection, parse_set
from doiregistry.search.dois.budgets import SearchBudgets
from doiregistry.search.query.parse import QuerySyntaxError, parse_query
from doiregistry.search.query.tree import MatchAll
from doiregistry.search.sql.budget import Deadline, time_budget
from doiregistry.search.sql.conditions import Compiler
from doiregistry.storage import oai_records
from doiregistry.storage.engine import Database
from doiregistry.storage.search_index import known_field_ids

#: ``earliestDatestamp`` of a repository without records
EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
NO_RECORDS: Final = "No records match the request."
_LATEST: Final = datetime.max.replace(tzinfo=UTC)


@dataclass(frozen=True)
class OaiConfig:
    repository_name: str = "doiregistry"
    admin_emails: tuple[str, ...] = ("admin@example.org",)
    page_size: int = 100
    #: OAI identifier namespace accepted as ``oai:<it>:<doi>`` (empty: not accepted)
    repository_identifier: str = ""
    #: the bounds and time budget of a query set's query (as of ``query=`` on ``GET /dois``)
    search_budgets: SearchBudgets = field(default_factory=SearchBudgets)


@dataclass(frozen=True)
class _Harvest:
    """One page to fetch: the request as first made, and where the harvest stands."""

    verb: str
    metadata_format: MetadataFormat
    selection: SetSelection | None
    start: datetime | None
    stop: datetime
    after: tuple[datetime, str] | None = None
    cursor: int = 0
    complete_list_size: int | None = None


def _end_of(datestamp: Datestamp) -> datetime:
    try:
        return datestamp.end
    except OverflowError:
        return _LATEST


def _header(row: Row[Any]) -> Header:
    return Header(
        identifier=identifier_of(row.doi),
        datestamp=row.updated,
        set_specs=(row.provider_id.upper(), row.client_id.upper()),
        deleted=row.state != "findable",
    )


def _record(row: Row[Any], with_metadata: bool) -> Record:
    header = _header(row)
    base = Record(header=header, doi=row.doi, repository_symbol=row.client_id.upper())
    if not with_metadata or header.deleted:
        return base
    mapping = row._mapping
    return Record(
        header=header,
        doi=row.doi,
        repository_symbol=base.repository_symbol,
        xml=mapping.get("xml"),
        attributes=mapping.get("attributes"),
    )


class OaiService:
    """Answers OAI-PMH requests from one store."""

    def __init__(self, database: Database, config: OaiConfig | None = None) -> None:
        self.database = database
        self.config = config or OaiConfig()

    def answer(self, request: OaiRequest) -> Answer:
        """The answer to a request whose verb and argument names are legal."""
        if request.verb == "Identify":
            return self.identify()
        if request.verb == "ListMetadataFormats":
            return self.list_metadata_formats(request.get("identifier"))
        if request.verb == "ListSets":
            return self.list_sets(request.resumption_token)
        if request.verb == "GetRecord":
            arguments = request.arguments
            return self.get_record(arguments["identifier"], arguments["metadataPrefix"])
        return self.list_records(request)

    # -- Identify, ListMetadataFormats, GetRecord -----------------------------------------

    def identify(self) -> Identity:
        with self.database.read() as connection:
            earliest = oai_records.earliest_datestamp(connection)
        return Identity(self.config.repository_name, self.config.admin_emails, earliest or EPOCH)

    def _fetch(self, connection: Connection, identifier: str) -> Row[Any]:
        doi = doi_of(identifier, self.config.repository_identifier)
        row = oai_records.fetch(connection, doi)
        if row is None or row.state not in oai_records.HARVESTED_STATES:
            raise unknown(identifier)
        return row

    def list_metadata_formats(self, identifier: str | None) -> FormatList:
        if identifier is None:
            return FormatList(FORMATS)
        with self.database.read() as connection:
            row = self._fetch(connection, identifier)
        if _header(row).deleted:
            raise OaiError(
                "noMetadataFormats",
                f'"{identifier}" is a deleted record: no metadata formats are available for it.',
            )
        return FormatList(FORMATS)

    def get_record(self, identifier: str, prefix: str) -> SingleRecord:
        with self.database.read() as connection:
            row = self._fetch(connection, identifier)
        wanted = metadata_format(prefix)
        return SingleRecord(wanted, _record(row, with_metadata=True))

    # -- ListSets ---------------------------------------------------------------------------

    def list_sets(self, token: str | None) -> SetList:
        with self.database.read() as connection:
            found = oai_records.sets(connection)
        if not found:
            raise OaiError("noSetHierarchy", "This repository has no sets yet.")
        if token is None:
            remaining, cursor, total = found, 0, len(found)
        else:
            position = tokens.decode_sets(token)
            remaining = [row for row in found if row.spec > position.last_spec]
            cursor, total = position.cursor, position.complete_list_size
        size = self.config.page_size
        shown = remaining[:size]
        if not shown:
            raise OaiError("noRecordsMatch", "No sets are left in this list.")
        resumption: Resumption | None = None
        if len(remaining) > size:
            next_token = tokens.encode_sets(
                tokens.SetPosition(shown[-1].spec, cursor + len(shown), total)
            )
            resumption = Resumption(next_token, total, cursor)
        elif token is not None:
            resumption = Resumption("", total, cursor)
        return SetList([SetEntry(row.spec, row.name) for row in shown], resumption)

    # -- ListIdentifiers, ListRecords -------------------------------------------------------

    def _first_page(self, request: OaiRequest) -> _Harvest:
        wanted = metadata_format(request.arguments["metadataPrefix"])
        start = request.get("from")
        until = request.get("until")
        lower = parse_datestamp("from", start) if start is not None else None
        upper = parse_datestamp("until", until) if until is not None else None
        check_window(lower, upper)
        set_argument = request.get("set")
        selection = parse_set(set_argument) if set_argument is not None else None
        if selection is not None and selection.spec is None and selection.query is None:
            selection = None  # ("~" and a blank query: every record)
        now = self.database.clock.now() + timedelta(microseconds=1)
        stop = min(_end_of(upper), now) if upper is not None else now
        return _Harvest(request.verb, wanted, selection, lower.start if lower else None, stop)

    def _resumed(self, request: OaiRequest, token: str) -> _Harvest:
        position = tokens.decode_records(token, request.verb)
        try:
            wanted = metadata_format(position.metadata_prefix)
            selection = (
                parse_set(position.set_argument) if position.set_argument is not None else None
            )
        except OaiError:
            raise tokens.bad_token(token) from None
        return _Harvest(
            request.verb,
            wanted,
            selection,
            position.start,
            position.stop,
            after=(position.last_updated, position.last_doi),
            cursor=position.cursor,
            complete_list_size=position.complete_list_size,
        )

    def _query(self, connection: Connection, text: str) -> ColumnElement[bool] | None:
        try:
            tree = parse_query(text, self.config.search_budgets.query_limits)
            if isinstance(tree, MatchAll):
                return None
            return Compiler(self.database.dialect, known_field_ids(connection)).compile(tree)
        except QuerySyntaxError as exc:
            raise bad_argument(f"The query of the set is not valid: {exc}") from None

    def _filter(self, connection: Connection, harvest: _Harvest) -> oai_records.HarvestFilter:
        selection = harvest.selection
        return oai_records.HarvestFilter(
            start=harvest.start,
            stop=harvest.stop,
            provider_id=selection.provider_id if selection else None,
            client_id=selection.client_id if selection else None,
            query=self._query(connection, selection.query)
            if selection is not None and selection.query is not None
            else None,
        )

    @staticmethod
    def _check_set_hierarchy(connection: Connection, selection: SetSelection | None) -> None:
        """``noSetHierarchy`` for a set spec while the repository has no sets at all."""
        if (
            selection is not None
            and selection.spec is not None
            and not oai_records.sets(connection)
        ):
            raise OaiError("noSetHierarchy", "This repository has no sets yet.")

    def list_records(self, request: OaiRequest) -> RecordList:
        """ListIdentifiers (headers only) or ListRecords, one page."""
        token = request.resumption_token
        harvest = self._first_page(request) if token is None else self._resumed(request, token)
        with_metadata = request.verb == "ListRecords"
        size = self.config.page_size
        with (
            self.database.snapshot() as connection,
            time_budget(connection, Deadline(self.config.search_budgets.time_budget_ms)),
        ):
            if token is None:
                self._check_set_hierarchy(connection, harvest.selection)
            try:
                wanted = self._filter(connection, harvest)
            except OaiError:
                if token is not None:
                    raise tokens.bad_token(token) from None
                raise
            rows = oai_records.page(
                connection,
                wanted,
                harvest.after,
                size + 1,
                with_xml=with_metadata and harvest.metadata_format.needs_xml,
                with_attributes=with_metadata and not harvest.metadata_format.needs_xml,
            )
            if not rows:
                raise OaiError("noRecordsMatch", NO_RECORDS)
            total = harvest.complete_list_size
            if total is None:
                total = oai_records.count(connection, wanted)
        shown = rows[:size]
        resumption: Resumption | None = None
        if len(rows) > size:
            last = shown[-1]
            position = tokens.RecordPosition(
                verb=request.verb,
                metadata_prefix=harvest.metadata_format.prefix,
                set_argument=harvest.selection.canonical if harvest.selection else None,
                start=harvest.start,
                stop=harvest.stop,
                last_updated=last.updated,
                last_doi=last.doi,
                cursor=harvest.cursor + len(shown),
                complete_list_size=total,
            )
            resumption = Resumption(tokens.encode_records(position), total, harvest.cursor)
        elif token is not None:
            resumption = Resumption("", total, harvest.cursor)
        return RecordList(
            harvest.metadata_format,
            [_record(row, with_metadata) for row in shown],
            resumption,
        )
