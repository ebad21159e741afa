"""The legacy MDS API's rules, expressed as calls on the DOI service (spec MDS §3).

MDS is a thin translation: uploading metadata is a write with the ``show``
event, registering a URL one with ``publish``, deleting metadata one with
``hide``; both validate the metadata (``should_validate``) as DataCite does.
The checks MDS makes of its own parameters (a DOI and a URL to register, one
media pair at least) are here too, so the routes only read the request and
write the plain-text answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Final

from sqlalchemy import Row

from doiregistry.domain.doi_record import DoiRecord
from doiregistry.domain.errors import (
    BadRequest,
    FieldError,
    Forbidden,
    NotFound,
    Unauthorized,
    ValidationFailed,
)
from doiregistry.domain.listing import MAX_PAGE_SIZE
from doiregistry.domain.nul_text import NUL_IN_BODY, has_nul
from doiregistry.domain.principal import Principal, Role
from doiregistry.metadata.doi import generate_doi, is_valid_prefix, parse_doi
from doiregistry.metadata.errors import MetadataError
from doiregistry.metadata.reader import xml_to_attributes
from doiregistry.registry.dois.media_ids import decode_media_id, encode_media_id
from doiregistry.registry.dois.payload import DoiPayload
from doiregistry.registry.dois.service import DoiService
from doiregistry.storage import doi_records, media_records, prefix_records

MEDIA_URL_RE: Final = re.compile(r"^(ftp|http|https|gs|s3|dos)://\S+$")
UNKNOWN_TO_MDS: Final = "DOI is unknown to MDS"
NO_MEDIA: Final = "No media for the DOI"
#: the one answer MDS gives to every 403 (MDS spec: "403 Forbidden - Access is denied")
ACCESS_DENIED: Final = "Access is denied"
#: URL schemes MDS registers (DataCite's MDS refuses any other)
REGISTERED_URL_SCHEMES: Final = ("http://", "https://", "ftp://")
_GENERATE_ATTEMPTS: Final = 10


@dataclass(frozen=True)
class MediaItem:
    """One media row of a DOI: its public id, MIME type and URL, and its own version."""

    id: str
    media_type: str
    url: str
    version: int
    created: datetime
    updated: datetime


def _media_item(row: Row[Any]) -> MediaItem:
    return MediaItem(
        id=encode_media_id(row.id),
        media_type=row.media_type or "text/plain",
        url=row.url,
        version=row.version,
        created=row.created,
        updated=row.updated,
    )


def _require_repository(principal: Principal) -> None:
    if principal.is_anonymous:
        raise Unauthorized("Bad credentials")
    if principal.role not in (Role.CLIENT_ADMIN, Role.STAFF_ADMIN):
        raise Forbidden(ACCESS_DENIED)


def mds_doi(value: str) -> str:
    """The lower-case DOI in an MDS path or body (``doi:`` and resolver forms accepted)."""
    doi = parse_doi(value)
    if doi is None:
        raise NotFound("DOI not found")
    return doi


class MdsService:
    """MDS operations for one repository account."""

    def __init__(self, dois: DoiService) -> None:
        self.dois = dois
        self.database = dois.database

    def _write(self, principal: Principal, doi: str, payload: DoiPayload) -> DoiRecord:
        """A DOI write as MDS makes it: source ``mds``, metadata always validated."""
        validated = replace(payload, source="mds", should_validate=True)
        return self.dois.save(principal, validated, path_doi=doi).record

    def _owned(self, principal: Principal, doi: str, missing: str = "DOI not found") -> DoiRecord:
        _require_repository(principal)
        try:
            record = self.dois.get(principal, doi)
        except NotFound:
            raise NotFound(missing) from None
        if not (principal.is_staff or principal.client_id == record.client_id):
            raise Forbidden(ACCESS_DENIED)
        return record

    def list_dois(self, principal: Principal) -> list[str]:
        """Registered and findable DOIs under the repository's first prefix (upper-case)."""
        _require_repository(principal)
        with self.database.read() as connection:
            prefixes = prefix_records.prefixes_of_client(connection, principal.client_id or "")
            if not prefixes:
                return []
            names = doi_records.names_under_prefix(
                connection, principal.client_id or "", prefixes[0], exclude_state="draft"
            )
        return [name.upper() for name in names]

    def url(self, principal: Principal, doi: str) -> str | None:
        return self._owned(principal, mds_doi(doi)).url

    def register_url(
        self, principal: Principal, path_doi: str | None, doi: str | None, url: str | None
    ) -> DoiRecord:
        """Register ``url`` for ``doi`` and make it findable.

        ``path_doi`` is the DOI of the resource addressed (``PUT /doi/<doi>``; ``None``
        for ``POST /doi``), which the ``doi`` parameter must name too.
        """
        if not doi:
            raise BadRequest("param 'doi' required")
        if not url:
            raise BadRequest("param 'url' required")
        if path_doi is not None and doi.strip().lower() != path_doi.strip().lower():
            raise BadRequest("doi parameter does not match doi of resource")
        if not url.startswith(REGISTERED_URL_SCHEMES):
            raise BadRequest("Not a valid HTTP(S) or FTP URL")
        _require_repository(principal)
        if has_nul(url):  # PostgreSQL cannot store NUL
            raise BadRequest(NUL_IN_BODY)
        payload = DoiPayload(url=url, url_given=True, event="publish")
        return self._write(principal, mds_doi(doi), payload)

    def delete_doi(self, principal: Principal, doi: str) -> None:
        self._owned(principal, mds_doi(doi))
        self.dois.delete(principal, mds_doi(doi))

    def metadata(self, principal: Principal, doi: str) -> str:
        record = self._owned(principal, mds_doi(doi), UNKNOWN_TO_MDS)
        if not record.xml:
            raise NotFound(UNKNOWN_TO_MDS)
        return record.xml

    def upload_metadata(self, principal: Principal, doi: str | None, xml: bytes) -> DoiRecord:
        """Store metadata for ``doi`` (or the DOI in the XML); ``doi`` may be a bare prefix."""
        _require_repository(principal)
        xml = xml.strip()  # as DataCite does before parsing
        if not xml:
            raise ValidationFailed([FieldError("xml", "Can't be blank")])
        payload = DoiPayload(xml=xml, xml_given=True, event="show")
        if doi is not None and is_valid_prefix(doi.strip().strip("/")):
            return self._upload_generated(principal, doi.strip().strip("/"), payload)
        target = mds_doi(doi) if doi is not None else self._doi_in_xml(xml)
        return self._write(principal, target, payload)

    def _upload_generated(
        self, principal: Principal, prefix: str, payload: DoiPayload
    ) -> DoiRecord:
        for _ in range(_GENERATE_ATTEMPTS):
            candidate = generate_doi(prefix)
            with self.database.read() as connection:
                taken = doi_records.fetch(connection, candidate) is not None
            if not taken:
                return self._write(principal, candidate, payload)
        raise BadRequest("Could not generate an unused DOI; try again")

    @staticmethod
    def _doi_in_xml(xml: bytes) -> str:
        try:
            found = xml_to_attributes(xml).get("doi")
        except MetadataError:
            found = None
        if not found:
            raise NotFound("DOI not found")
        return mds_doi(str(found))

    def hide(self, principal: Principal, doi: str) -> DoiRecord:
        self._owned(principal, mds_doi(doi), UNKNOWN_TO_MDS)
        payload = DoiPayload(event="hide", source="mds")
        return self.dois.save(principal, payload, path_doi=mds_doi(doi)).record

    def media(self, principal: Principal, doi: str) -> list[MediaItem]:
        """The DOI's media (the first 25); 404 when it has none."""
        record = self._owned(principal, mds_doi(doi), UNKNOWN_TO_MDS)
        with self.database.read() as connection:
            rows = media_records.for_doi(connection, record.id, limit=25)
        if not rows:
            raise NotFound(NO_MEDIA)
        return [_media_item(row) for row in rows]

    def visible_media(self, principal: Principal, doi: str) -> tuple[DoiRecord, list[MediaItem]]:
        """The media of a DOI the caller may see (REST ``/dois/{doi}/media``), newest first
        and at most a page; 404 for a DOI they may not see, none is an empty list."""
        record = self.dois.get(principal, doi)
        with self.database.read() as connection:
            rows = media_records.for_doi(connection, record.id, limit=MAX_PAGE_SIZE)
        return record, [_media_item(row) for row in rows]

    def visible_media_item(
        self, principal: Principal, doi: str, media_id: str
    ) -> tuple[DoiRecord, MediaItem]:
        """One media of a DOI the caller may see; 404 when either is not there."""
        record = self.dois.get(principal, doi)
        wanted = decode_media_id(media_id)
        with self.database.read() as connection:
            rows = media_records.for_doi(connection, record.id)
        # compared here, not in SQL: a decoded id may be past what the column holds
        for row in rows:
            if row.id == wanted:
                return record, _media_item(row)
        raise NotFound(NO_MEDIA)

    def add_media_list(
        self, principal: Principal, doi: str, pairs: Sequence[tuple[str, str]]
    ) -> None:
        """Add each ``(media type, url)`` pair in order (DataCite reads only the first)."""
        if not pairs:
            raise BadRequest("param 'media' required")
        for media_type, url in pairs:
            self.add_media(principal, doi, media_type, url)

    def add_media(self, principal: Principal, doi: str, media_type: str, url: str) -> None:
        record = self._owned(principal, mds_doi(doi), UNKNOWN_TO_MDS)
        if not MEDIA_URL_RE.match(url):
            raise ValidationFailed([FieldError("url", f"URL {url} is not valid")])
        with self.database.write() as connection:
            media_records.add(
                connection,
                record.id,
                url,
                media_type or "text/plain",
                now=self.database.clock.now(),
            )

    def delete_media(self, principal: Principal, doi: str, media_id: str) -> None:
        record = self._owned(principal, mds_doi(doi), UNKNOWN_TO_MDS)
        row_id = decode_media_id(media_id)
        with self.database.write() as connection:
            if row_id is None or not media_records.remove(connection, record.id, row_id):
                raise NotFound(NO_MEDIA)
