"""Stored rows -> the plain records of :mod:`doiregistry.domain` (one function per record kind)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row

from doiregistry.domain.account_access import PUBLIC, Access
from doiregistry.domain.activity_record import Activity
from doiregistry.domain.client_record import ClientRecord
from doiregistry.domain.doi_record import DoiRecord
from doiregistry.domain.prefix_record import ClientPrefixRecord, PrefixRecord, ProviderPrefixRecord
from doiregistry.domain.provider_record import ProviderRecord


def doi(row: Any) -> DoiRecord:
    prefix, _, suffix = row.doi.partition("/")
    return DoiRecord(
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


def client(
    row: Row[Any],
    *,
    consortium_id: str | None = None,
    prefixes: list[str] | None = None,
    access: Access = PUBLIC,
    doi_count: int | None = None,
) -> ClientRecord:
    return ClientRecord(
        id=row.id,
        symbol=row.symbol,
        provider_id=row.provider_id,
        consortium_id=consortium_id,
        name=row.name,
        system_email=row.system_email,
        client_type=row.client_type,
        domains=row.domains,
        has_password=bool(row.password_hash),
        is_active=bool(row.is_active),
        attributes=dict(row.attributes or {}),
        created=row.created,
        updated=row.updated,
        prefixes=tuple(prefixes or ()),
        access=access,
        doi_count=doi_count,
    )


def provider(
    row: Row[Any],
    *,
    client_ids: list[str] | None = None,
    prefixes: list[str] | None = None,
    organization_ids: list[str] | None = None,
    access: Access = PUBLIC,
) -> ProviderRecord:
    return ProviderRecord(
        id=row.id,
        symbol=row.symbol,
        name=row.name,
        display_name=row.display_name,
        system_email=row.system_email,
        member_type=row.member_type,
        consortium_id=row.consortium_id,
        has_password=bool(row.password_hash),
        is_active=bool(row.is_active),
        attributes=dict(row.attributes or {}),
        created=row.created,
        updated=row.updated,
        client_ids=tuple(client_ids or ()),
        prefixes=tuple(prefixes or ()),
        organization_ids=tuple(organization_ids or ()),
        access=access,
    )


def prefix(row: Row[Any]) -> PrefixRecord:
    return PrefixRecord(
        prefix=row.prefix,
        created=row.created,
        provider_id=row.provider_id,
        provider_prefix_id=row.provider_prefix_id,
        client_id=row.client_id,
        client_prefix_id=row.client_prefix_id,
    )


def provider_prefix(row: Row[Any]) -> ProviderPrefixRecord:
    return ProviderPrefixRecord(
        id=row.id,
        provider_id=row.provider_id,
        prefix=row.prefix,
        created=row.created,
        updated=row.updated,
        client_id=row.client_id,
        client_prefix_id=row.client_prefix_id,
    )


def client_prefix(row: Row[Any]) -> ClientPrefixRecord:
    return ClientPrefixRecord(
        id=row.id,
        client_id=row.client_id,
        provider_id=row.provider_id,
        provider_prefix_id=row.provider_prefix_id,
        prefix=row.prefix,
        created=row.created,
        updated=row.updated,
    )


def activity(row: Any) -> Activity:
    return Activity(
        row.request_uuid,
        row.auditable_type,
        row.auditable_id,
        row.action,
        row.version,
        dict(row.changes or {}),
        row.username,
        row.created,
    )
