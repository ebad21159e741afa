"""Plain values the OAI-PMH service answers with; the XML is written from them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from doiregistry.oai.metadata_formats import MetadataFormat


@dataclass(frozen=True)
class Identity:
    """What ``Identify`` tells about the repository."""

    repository_name: str
    admin_emails: tuple[str, ...]
    earliest_datestamp: datetime


@dataclass(frozen=True)
class Header:
    identifier: str
    datestamp: datetime
    set_specs: tuple[str, ...]
    deleted: bool


@dataclass(frozen=True)
class Record:
    """A record's header and what its metadata is made from (``None`` for deleted records)."""

    header: Header
    doi: str
    repository_symbol: str
    xml: str | None = None
    attributes: dict[str, Any] | None = None


@dataclass(frozen=True)
class Resumption:
    """A ``resumptionToken`` element: empty ``token`` on the last page of a list."""

    token: str
    complete_list_size: int
    cursor: int


@dataclass(frozen=True)
class RecordList:
    """A page of ListIdentifiers (headers only) or ListRecords."""

    metadata_format: MetadataFormat
    records: list[Record]
    resumption: Resumption | None


@dataclass(frozen=True)
class SetEntry:
    spec: str
    name: str


@dataclass(frozen=True)
class SetList:
    sets: list[SetEntry]
    resumption: Resumption | None


@dataclass(frozen=True)
class FormatList:
    formats: tuple[MetadataFormat, ...]


@dataclass(frozen=True)
class SingleRecord:
    metadata_format: MetadataFormat
    record: Record


Answer = Identity | FormatList | SetList | RecordList | SingleRecord
