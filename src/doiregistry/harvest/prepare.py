"""Turning one input record into a checked DOI, ready to store, or a rejection.

This is the API's write path without the database: the record becomes the
payload of a DOI write (:func:`~doiregistry.registry.dois.attribute_reader.read_attributes`
for JSON, the XML as the payload's ``xml`` for XML files), its metadata is
read, merged and normalised as for a new DOI
(:func:`~doiregistry.registry.dois.metadata.resolve_metadata`), and the
API's rules (:func:`~doiregistry.registry.dois.rules.validate`) decide: a
findable or registered import must pass the registration checks (URL, XSD), a
draft only the checks every write passes. Preparing needs no connection, so it
runs outside the write transaction and in worker processes.

A JSON:API resource that carries ``xml`` is imported from that XML, kept as
sent (DataCite's JSON metadata attributes are its rendering of the same XML,
and may differ from what the XML says); one without ``xml`` is imported from
its metadata attributes, which become kernel-4 XML. A record's ``event`` is
replaced by the import's state; its DOI, when not given, is read from the
XML.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Final

from doiregistry.domain.errors import FieldError
from doiregistry.domain.nul_text import NUL_IN_BODY, has_nul
from doiregistry.harvest.outcomes import Rejection
from doiregistry.harvest.sources import SourceItem, SourceProblem, SourceRecord
from doiregistry.metadata.doi import normalize_doi, parse_doi
from doiregistry.metadata.errors import MetadataError
from doiregistry.metadata.reader import find_resource, read_doi
from doiregistry.metadata.xml_parse import parse_xml
from doiregistry.registry.dois.attribute_reader import read_attributes
from doiregistry.registry.dois.metadata import StoredMetadata, resolve_metadata
from doiregistry.registry.dois.payload import METADATA_KEYS, DoiPayload
from doiregistry.registry.dois.rules import Candidate, validate
from doiregistry.registry.dois.states import DRAFT, FINDABLE, REGISTERED, apply_event
from doiregistry.search.extract import extract
from doiregistry.storage.index_entry import IndexEntry

#: the event that takes a new DOI to each importable state
EVENT_FOR_STATE: Final[dict[str, str | None]] = {
    FINDABLE: "publish",
    REGISTERED: "register",
    DRAFT: None,
}
#: attributes DataCite derives from a record's XML (and ``schemaVersion``, which would
#: make the API regenerate the XML instead of keeping it)
_RENDERED_FROM_XML: Final = frozenset({*METADATA_KEYS, "alternateIdentifiers", "schemaVersion"})
_NOTHING_STORED: Final = StoredMetadata(attributes={}, xml=None, schema_version=None)


@dataclass(frozen=True)
class PrepareSettings:
    """What preparing needs to know about the import (picklable, for worker processes)."""

    state: str
    client_id: str
    domains: str
    #: URL for records without one; ``{doi}``, ``{prefix}`` and ``{suffix}`` are filled in
    url_template: str | None = None
    #: move every DOI to this prefix, keeping its suffix (``10.5072`` for a demo copy)
    target_prefix: str | None = None


@dataclass(frozen=True)
class PreparedRecord:
    """A record that passed every check that does not depend on the store."""

    location: str
    doi: str
    event: str | None
    url: str | None
    xml: str | None
    attributes: dict[str, Any]
    schema_version: str | None
    source: str | None
    reason: str | None
    content_url: list[str] | None
    landing_page: dict[str, Any] | None
    #: False when prepared as a draft (the registration checks have not run)
    checked_for_registration: bool
    #: what the search index keeps of the record
    index_entry: IndexEntry | None = None

    @property
    def prefix(self) -> str:
        return self.doi.partition("/")[0]


Prepared = PreparedRecord | Rejection


class _Refused(Exception):
    def __init__(self, reason: str, doi: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.doi = doi


def describe(error: FieldError) -> str:
    """A field error as one reason: ``source: title``."""
    return f"{error.source}: {error.title}"


def _doi_of_xml(data: bytes) -> str:
    try:
        root = parse_xml(data)
        doi = read_doi(find_resource(root))
    except MetadataError as exc:
        raise _Refused(f"xml: {exc}") from None
    if doi is None:
        raise _Refused("doi: the XML has no DOI identifier")
    return doi


def _attributes(record: SourceRecord) -> dict[str, Any]:
    """The attributes to write, without DataCite's rendering of the XML when ``xml`` is there."""
    attributes = record.attributes or {}
    if not attributes.get("xml"):
        return attributes
    return {key: value for key, value in attributes.items() if key not in _RENDERED_FROM_XML}


def _payload(record: SourceRecord) -> tuple[DoiPayload, str]:
    if record.xml is not None:
        data = record.xml.strip()
        return DoiPayload(xml=data, xml_given=True), _doi_of_xml(data)
    attributes = _attributes(record)
    if has_nul(attributes):  # PostgreSQL cannot store NUL; refused as the API refuses it
        raise _Refused(f"data: {NUL_IN_BODY}")
    payload = read_attributes(attributes)
    given = payload.doi or record.resource_id
    if given and given.strip():
        return payload, parse_doi(given) or normalize_doi(given)
    if payload.xml is not None and not payload.errors:
        return payload, _doi_of_xml(payload.xml)
    raise _Refused("doi: Can't be blank")


def _target(doi: str, settings: PrepareSettings) -> str:
    if settings.target_prefix is None:
        return doi
    return f"{settings.target_prefix}/{doi.partition('/')[2]}"


def _url(template: str, doi: str) -> str:
    prefix, _, suffix = doi.partition("/")
    return template.replace("{doi}", doi).replace("{prefix}", prefix).replace("{suffix}", suffix)


def candidate_for(record: PreparedRecord, state: str, settings: PrepareSettings) -> Candidate:
    """The rules' view of ``record`` saved in ``state``."""
    return Candidate(
        doi=record.doi,
        state=state,
        url=record.url,
        xml=record.xml,
        attributes=record.attributes,
        schema_version=record.schema_version,
        creating=True,
        should_validate=False,
        client_id=settings.client_id,
        domains=settings.domains,
    )


def _reasons(errors: list[FieldError]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(describe(error) for error in errors))


def prepare(item: SourceItem, settings: PrepareSettings) -> Prepared:
    """Check one input record as the API would check a new DOI in ``settings.state``."""
    if isinstance(item, SourceProblem):
        return Rejection(item.location, None, (item.reason,))
    doi: str | None = None
    try:
        payload, doi = _payload(item)
    except _Refused as exc:
        return Rejection(item.location, exc.doi, (exc.reason,))
    doi = _target(doi, settings)
    payload = replace(
        payload, event=EVENT_FOR_STATE[settings.state], mode=None, should_validate=False
    )
    if not payload.url and settings.url_template:
        payload = replace(payload, url=_url(settings.url_template, doi), url_given=True)
    metadata = resolve_metadata(payload, _NOTHING_STORED, doi)
    state = apply_event(DRAFT, payload.event)
    record = PreparedRecord(
        location=item.location,
        doi=doi,
        event=payload.event,
        url=payload.url,
        xml=metadata.xml,
        attributes=metadata.attributes,
        schema_version=metadata.schema_version,
        source=payload.source,
        reason=payload.reason,
        content_url=payload.content_url,
        landing_page=payload.landing_page,
        checked_for_registration=state != DRAFT,
    )
    errors = [*payload.errors, *metadata.errors, *validate(candidate_for(record, state, settings))]
    if errors:
        return Rejection(item.location, doi, _reasons(errors))
    entry = extract(
        record.attributes,
        content_url=record.content_url,
        landing_page=record.landing_page,
        reason=record.reason,
    )
    return replace(record, index_entry=entry)


def registration_reasons(
    record: PreparedRecord, state: str, settings: PrepareSettings
) -> tuple[str, ...]:
    """Why a record prepared as a draft cannot be stored in ``state`` (empty: it can)."""
    return _reasons(validate(candidate_for(record, state, settings)))


def prepare_chunk(items: list[SourceItem], settings: PrepareSettings) -> list[Prepared]:
    """:func:`prepare` over a list, in order (the unit of work of a worker process)."""
    return [prepare(item, settings) for item in items]
