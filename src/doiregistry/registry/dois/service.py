"""The DOI service: create, update, state events, transfer, delete and read (spec §5).

Each write runs in one transaction: authorisation, metadata merge, the state
event, validation, then the row, a metadata version when the XML changed, and
an audit entry. A rejected write raises before anything is stored.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Final

from sqlalchemy import Connection, Row
from sqlalchemy.exc import IntegrityError

from doiregistry.domain.doi_record import DoiRecord
from doiregistry.domain.errors import (
    FieldError,
    Forbidden,
    MethodNotAllowed,
    NotFound,
    Unauthorized,
    ValidationFailed,
)
from doiregistry.domain.principal import Principal, Role
from doiregistry.metadata.doi import generate_doi, is_valid_prefix, normalize_doi, parse_doi
from doiregistry.metadata.presentation import ATTRIBUTE_ORDER
from doiregistry.registry.dois.metadata import StoredMetadata, resolve_metadata
from doiregistry.registry.dois.payload import DoiPayload
from doiregistry.registry.dois.row_columns import (
    identity_columns,
    metadata_columns,
    registered_at,
)
from doiregistry.registry.dois.rules import Candidate, validate
from doiregistry.registry.dois.states import DRAFT, apply_event, is_known_event
from doiregistry.search.extract import extract
from doiregistry.storage import (
    accounts,
    activity_records,
    doi_records,
    prefix_records,
    record_rows,
    search_index,
)
from doiregistry.storage.engine import Database

DELETE_ALLOW: Final = "HEAD, GET, POST, PATCH, PUT, OPTIONS"
#: fields recorded in the audit trail (spec §9): every metadata attribute but the DOI itself
#: (which a write never changes), then the row's own columns
AUDITED: Final = (
    "url",
    *(key for key in ATTRIBUTE_ORDER if key != "doi"),
    "contentUrl",
    "landingPage",
    "state",
    "source",
    "reason",
)
_GENERATE_ATTEMPTS: Final = 5


@dataclass(frozen=True)
class SaveResult:
    record: DoiRecord
    created: bool


def _audit_view(row: dict[str, Any]) -> dict[str, Any]:
    values = dict(row.get("attributes") or {})
    values.update(
        url=row.get("url"),
        schemaVersion=row.get("schema_version"),
        contentUrl=row.get("content_url"),
        landingPage=row.get("landing_page"),
        state=row.get("state"),
        source=row.get("source"),
        reason=row.get("reason"),
    )
    return {key: values.get(key) for key in AUDITED}


class DoiService:
    """Rules for DOIs over one :class:`~doiregistry.storage.engine.Database`."""

    def __init__(self, database: Database) -> None:
        self.database = database

    # -- reading ---------------------------------------------------------------------------

    def get(self, principal: Principal, doi: str) -> DoiRecord:
        """One DOI the caller may see; 404 otherwise (hidden DOIs are not acknowledged)."""
        name = parse_doi(doi) or normalize_doi(doi)
        with self.database.read() as connection:
            row = doi_records.fetch(connection, name)
        if row is None or not principal.may_see_record(row.state, row.client_id, row.provider_id):
            raise NotFound()
        return record_rows.doi(row)

    # -- writing ---------------------------------------------------------------------------

    def save(
        self, principal: Principal, payload: DoiPayload, path_doi: str | None = None
    ) -> SaveResult:
        """Create (POST, or PUT/PATCH on an unknown DOI) or update a DOI."""
        if principal.is_anonymous:
            raise Unauthorized()
        if not principal.is_active:
            raise Forbidden()
        for attempt in range(_GENERATE_ATTEMPTS):
            try:
                with self.database.write() as connection:
                    return self._save(connection, principal, payload, path_doi)
            except IntegrityError:
                # a concurrent writer created the same DOI first: retry as an update,
                # or (generated suffix) with a new suffix
                if attempt == _GENERATE_ATTEMPTS - 1:
                    raise
        raise AssertionError("unreachable")

    def validate(self, principal: Principal, payload: DoiPayload) -> DoiRecord:
        """The DOI a write would produce, with full metadata validation, storing nothing.

        Raises :class:`ValidationFailed` with every problem found.
        """
        payload = replace(payload, should_validate=True)
        if principal.is_anonymous:
            raise Unauthorized()
        if not principal.is_active:
            raise Forbidden()
        target = parse_doi(payload.doi) if payload.doi else None
        with self.database.write() as connection:
            savepoint = connection.begin_nested()
            try:
                return self._save(connection, principal, payload, target).record
            finally:
                savepoint.rollback()

    def _target_doi(self, connection: Connection, payload: DoiPayload, path_doi: str | None) -> str:
        if path_doi is not None:
            return normalize_doi(path_doi)
        if payload.doi:
            return parse_doi(payload.doi) or normalize_doi(payload.doi)
        if payload.prefix:
            base = payload.prefix.strip().split("/", 1)[0]
            if not is_valid_prefix(base):
                raise Forbidden()
            for _ in range(_GENERATE_ATTEMPTS):
                candidate = generate_doi(payload.prefix)
                if doi_records.fetch(connection, candidate) is None:
                    return candidate
            raise ValidationFailed([FieldError("doi", "This DOI has already been taken")])
        raise ValidationFailed([FieldError("doi", "Can't be blank")])

    def _creation_client(
        self, connection: Connection, principal: Principal, payload: DoiPayload, doi: str
    ) -> Row[Any]:
        if principal.role is Role.CLIENT_ADMIN:
            client_id = principal.client_id
        elif principal.is_staff:
            client_id = payload.client_id
            if not client_id:
                raise ValidationFailed([FieldError("client", "Can't be blank", doi)])
        else:
            raise Forbidden()
        client = accounts.fetch_client(connection, client_id or "")
        if client is None:
            raise ValidationFailed([FieldError("client", "Must exist", doi)])
        prefix = doi.partition("/")[0]
        if not prefix_records.client_has_prefix(connection, client.id, prefix):
            raise Forbidden()
        if not client.is_active:
            raise Forbidden()
        return client

    def _save(
        self,
        connection: Connection,
        principal: Principal,
        payload: DoiPayload,
        path_doi: str | None,
    ) -> SaveResult:
        doi = self._target_doi(connection, payload, path_doi)
        existing = doi_records.fetch(connection, doi, for_update=True)
        if existing is None and path_doi is not None and parse_doi(doi) is None:
            raise NotFound()
        if existing is not None and path_doi is None:
            raise ValidationFailed([FieldError("doi", "This DOI has already been taken", doi)])
        if existing is None:
            client = self._creation_client(connection, principal, payload, doi)
            return self._write(connection, principal, payload, doi, None, client)
        if not principal.may_see_record(existing.state, existing.client_id, existing.provider_id):
            raise NotFound()
        if payload.mode == "transfer":
            return self._transfer(connection, principal, payload, existing)
        if not (principal.is_staff or principal.client_id == existing.client_id):
            raise Forbidden()
        owner = accounts.fetch_client(connection, existing.client_id)
        assert owner is not None
        if not owner.is_active and not principal.is_staff:
            raise Forbidden()
        return self._write(connection, principal, payload, doi, existing, owner)

    def _write(
        self,
        connection: Connection,
        principal: Principal,
        payload: DoiPayload,
        doi: str,
        existing: Row[Any] | None,
        client: Row[Any],
    ) -> SaveResult:
        errors = list(payload.errors)
        if payload.event is not None and not is_known_event(payload.event):
            errors.append(
                FieldError(
                    "event", f"Event {payload.event} is not one of register, publish, hide, show"
                )
            )
        stored = StoredMetadata(
            attributes=dict(existing.attributes or {}) if existing is not None else {},
            xml=existing.xml if existing is not None else None,
            schema_version=existing.schema_version if existing is not None else None,
        )
        metadata = resolve_metadata(payload, stored, doi)
        errors.extend(metadata.errors)
        state = apply_event(existing.state if existing is not None else DRAFT, payload.event)
        url = payload.url if payload.url_given else (existing.url if existing is not None else None)
        candidate = Candidate(
            doi=doi,
            state=state,
            url=url,
            xml=metadata.xml,
            attributes=metadata.attributes,
            schema_version=metadata.schema_version,
            creating=existing is None,
            should_validate=payload.should_validate,
            client_id=client.id,
            domains=client.domains,
        )
        errors.extend(validate(candidate))
        if errors:
            raise ValidationFailed([FieldError(e.source, e.title, e.uid or doi) for e in errors])
        now = self.database.clock.now()
        values = metadata_columns(
            state=state,
            url=url,
            xml=metadata.xml,
            attributes=metadata.attributes,
            schema_version=metadata.schema_version,
        )
        values["updated"] = now
        if payload.source is not None or existing is None:
            values["source"] = payload.source or "api"
        if payload.reason_given:
            values["reason"] = payload.reason
        if payload.content_url_given:
            values["content_url"] = payload.content_url
        if payload.landing_page is not None:
            values["landing_page"] = payload.landing_page
        previously_registered = existing.registered if existing is not None else None
        registered = registered_at(state, previously_registered, now)
        if registered != previously_registered:
            values["registered"] = registered
        if existing is None:
            values.update(identity_columns(doi, client.id, client.provider_id, now))
            doi_id = doi_records.insert(connection, values)
        else:
            doi_id = existing.id
            doi_records.update_row(connection, doi_id, doi, values)
        if metadata.xml_changed and metadata.xml:
            values["metadata_version"] = doi_records.add_version(
                connection, doi_id, metadata.xml, metadata.schema_version, now
            )
            doi_records.update_row(
                connection, doi_id, doi, {"metadata_version": values["metadata_version"]}
            )
        entry = extract(
            metadata.attributes,
            content_url=values.get("content_url", existing.content_url if existing else None),
            landing_page=values.get("landing_page", existing.landing_page if existing else None),
            reason=values.get("reason", existing.reason if existing else None),
        )
        search_index.replace_entries(connection, [(doi_id, entry)])
        self._audit(connection, principal, doi, existing, values)
        row = doi_records.fetch(connection, doi)
        assert row is not None
        return SaveResult(record_rows.doi(row), created=existing is None)

    def _transfer(
        self, connection: Connection, principal: Principal, payload: DoiPayload, existing: Row[Any]
    ) -> SaveResult:
        if principal.role is Role.CLIENT_ADMIN or not principal.manages_provider(
            existing.provider_id
        ):
            raise Forbidden()
        target = accounts.fetch_client(connection, payload.client_id or "")
        if target is None:
            raise ValidationFailed([FieldError("client", "Must exist", existing.doi)])
        if not principal.manages_provider(target.provider_id):
            raise Forbidden()
        values = {
            "client_id": target.id,
            "provider_id": target.provider_id,
            "updated": self.database.clock.now(),
        }
        doi_records.update_row(connection, existing.id, existing.doi, values)
        activity_records.add(
            connection,
            "Doi",
            existing.doi,
            "update",
            {"client_id": [existing.client_id, target.id]},
            principal.uid,
            now=self.database.clock.now(),
        )
        row = doi_records.fetch(connection, existing.doi)
        assert row is not None
        return SaveResult(record_rows.doi(row), created=False)

    def _audit(
        self,
        connection: Connection,
        principal: Principal,
        doi: str,
        existing: Row[Any] | None,
        values: dict[str, Any],
    ) -> None:
        after = _audit_view({**(dict(existing._mapping) if existing is not None else {}), **values})
        if existing is None:
            changes = {key: value for key, value in after.items() if value is not None}
            action = "create"
        else:
            before = _audit_view(dict(existing._mapping))
            changes = {
                key: [before[key], after[key]] for key in AUDITED if before[key] != after[key]
            }
            action = "update"
        activity_records.add(
            connection, "Doi", doi, action, changes, principal.uid, now=self.database.clock.now()
        )

    def delete(self, principal: Principal, doi: str) -> None:
        """Delete a draft DOI (405 for registered and findable ones)."""
        if principal.is_anonymous:
            raise Unauthorized()
        name = parse_doi(doi) or normalize_doi(doi)
        with self.database.write() as connection:
            row = doi_records.fetch(connection, name, for_update=True)
            if row is None or not principal.may_see_record(
                row.state, row.client_id, row.provider_id
            ):
                raise NotFound()
            if not (principal.is_staff or principal.client_id == row.client_id):
                raise Forbidden()
            if row.state != DRAFT:
                raise MethodNotAllowed(DELETE_ALLOW)
            search_index.remove_entries(connection, [row.id])
            doi_records.delete_row(connection, row.id, row.doi, now=self.database.clock.now())
            activity_records.add(
                connection,
                "Doi",
                row.doi,
                "destroy",
                {},
                principal.uid,
                now=self.database.clock.now(),
            )
