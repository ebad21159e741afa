"""Providers and repositories in DataCite's JSON:API shapes (spec §6.2, §7).

Attribute order is DataCite's. Restricted attributes are left out entirely
(not nulled) for callers without the matching access, as DataCite's
conditional attributes are. Timestamps carry milliseconds, as in DataCite's
recorded account responses.
"""

from __future__ import annotations

from typing import Any, Final, Literal

from doiregistry.domain.client_record import OPENDOAR_BASE, RE3DATA_BASE, ClientRecord
from doiregistry.domain.provider_record import BILLING_KEYS, CONTACTS, ProviderRecord
from doiregistry.formats.timestamps import iso_millis

ClientShape = Literal["clients", "repositories"]
_CONTACT_KEYS: Final = ("email", "givenName", "familyName")


def _one(kind: str, resource_id: str | None) -> dict[str, Any]:
    return {"data": {"id": resource_id, "type": kind} if resource_id else None}


def _many(kind: str, ids: tuple[str, ...] | list[str]) -> dict[str, Any]:
    return {"data": [{"id": resource_id, "type": kind} for resource_id in ids]}


def _contact(value: Any) -> dict[str, Any] | None:
    if not isinstance(value, dict):
        return None
    return {key: value.get(key) for key in _CONTACT_KEYS}


def _billing(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        return {}
    return {key: value[key] for key in BILLING_KEYS if value.get(key) is not None}


# -- providers ----------------------------------------------------------------------------


def provider_resource(record: ProviderRecord) -> dict[str, Any]:
    """One ``providers`` resource object."""
    extra = record.attributes.get
    access = record.access
    attributes: dict[str, Any] = {
        "name": record.name,
        "displayName": record.display_name,
        "symbol": record.symbol,
        "website": extra("website"),
    }
    if access.contact:
        attributes["systemEmail"] = record.system_email
        attributes["groupEmail"] = extra("groupEmail")
    if access.billing:
        attributes["globusUuid"] = extra("globusUuid")
    attributes.update(
        description=extra("description"),
        region=extra("region"),
        country=extra("country"),
        logoUrl=extra("logoUrl"),
        memberType=record.member_type,
        organizationType=extra("organizationType"),
        focusArea=extra("focusArea"),
        nonProfitStatus=extra("nonProfitStatus") or "non-profit",
        isActive=record.is_active,
    )
    if access.contact:
        attributes["hasPassword"] = record.has_password
    attributes["joined"] = extra("joined")
    if access.billing:
        attributes["twitterHandle"] = extra("twitterHandle")
        attributes["billingInformation"] = _billing(extra("billingInformation"))
    attributes["rorId"] = extra("rorId")
    if access.staff:
        attributes["salesforceId"] = extra("salesforceId")
        attributes["fromSalesforce"] = bool(extra("fromSalesforce"))
    if access.contact:
        for name in CONTACTS:
            attributes[name] = _contact(extra(name))
        attributes["hasRequiredContacts"] = record.has_required_contacts
    attributes.update(
        created=iso_millis(record.created),
        updated=iso_millis(record.updated),
        doiEstimate=extra("doiEstimate") or 0,
    )
    relationships: dict[str, Any] = {
        "clients": _many("clients", record.client_ids),
        "prefixes": _many("prefixes", record.prefixes),
    }
    if record.consortium_id:
        relationships["consortium"] = _one("providers", record.consortium_id)
    if record.member_type == "consortium":
        relationships["consortiumOrganizations"] = _many("providers", record.organization_ids)
    return {
        "id": record.id,
        "type": "providers",
        "attributes": attributes,
        "relationships": relationships,
    }


def provider_meta(record: ProviderRecord) -> dict[str, Any] | None:
    """The ``meta`` of a single provider: organisation or repository count by member type."""
    if record.member_type == "consortium":
        return {"consortiumOrganizationCount": len(record.organization_ids)}
    if record.member_type in ("direct_member", "consortium_organization"):
        return {"repositoryCount": len(record.client_ids)}
    return None


# -- repositories -------------------------------------------------------------------------


def _links(record: ClientRecord) -> tuple[str | None, str | None]:
    re3data = record.attributes.get("re3data")
    opendoar = record.attributes.get("opendoar")
    return (
        f"{RE3DATA_BASE}{re3data}" if re3data else None,
        f"{OPENDOAR_BASE}{opendoar}" if opendoar is not None else None,
    )


def _client_attributes(record: ClientRecord) -> dict[str, Any]:
    extra = record.attributes.get
    access = record.access
    re3data, opendoar = _links(record)
    attributes: dict[str, Any] = {"name": record.name, "symbol": record.symbol, "year": record.year}
    if access.contact:
        attributes["contactEmail"] = record.system_email
    if access.billing:
        attributes["globusUuid"] = extra("globusUuid")
    attributes.update(
        alternateName=extra("alternateName"),
        description=extra("description"),
        language=extra("language") or [],
        clientType=record.client_type,
        domains=record.domains,
        re3data=re3data,
        opendoar=opendoar,
        issn=extra("issn") or {},
        url=extra("url"),
    )
    if access.staff:
        attributes["salesforceId"] = extra("salesforceId")
    attributes.update(
        created=iso_millis(record.created),
        updated=iso_millis(record.updated),
        isActive=record.is_active,
    )
    if access.contact:
        attributes["hasPassword"] = record.has_password
    return attributes


def _repository_attributes(record: ClientRecord, single: bool) -> dict[str, Any]:
    extra = record.attributes.get
    access = record.access
    re3data, opendoar = _links(record)
    attributes: dict[str, Any] = {
        "name": record.name,
        "symbol": record.symbol,
        "re3data": re3data,
        "opendoar": opendoar,
        "year": record.year,
    }
    if access.contact:
        attributes["systemEmail"] = record.system_email
        attributes["serviceContact"] = _contact(extra("serviceContact"))
    if access.billing:
        attributes["globusUuid"] = extra("globusUuid")
    attributes.update(
        alternateName=extra("alternateName"),
        description=extra("description"),
        clientType=record.client_type,
        repositoryType=extra("repositoryType") or [],
        language=extra("language") or [],
        certificate=extra("certificate") or [],
        domains=record.domains,
        issn=extra("issn") or {},
        url=extra("url"),
        software=extra("software"),
    )
    if access.staff:
        attributes["salesforceId"] = extra("salesforceId")
        if single:
            attributes["fromSalesforce"] = bool(extra("fromSalesforce"))
    attributes.update(created=iso_millis(record.created), updated=iso_millis(record.updated))
    if access.analytics:
        attributes["analyticsDashboardUrl"] = extra("analyticsDashboardUrl")
        attributes["analyticsTrackingId"] = extra("analyticsTrackingId")
    attributes.update(subjects=extra("subjects") or [], isActive=record.is_active)
    if access.contact:
        attributes["hasPassword"] = record.has_password
    return attributes


def client_resource(
    record: ClientRecord, shape: ClientShape = "clients", *, single: bool = False
) -> dict[str, Any]:
    """One repository as a ``clients`` or a ``repositories`` resource object."""
    relationships: dict[str, Any] = {"provider": _one("providers", record.provider_id)}
    if shape == "clients":
        attributes = _client_attributes(record)
        if record.consortium_id:
            relationships["consortium"] = _one("providers", record.consortium_id)
    else:
        attributes = _repository_attributes(record, single)
    relationships["prefixes"] = _many("prefixes", record.prefixes)
    return {
        "id": record.id,
        "type": shape,
        "attributes": attributes,
        "relationships": relationships,
    }


def repository_meta(record: ClientRecord) -> dict[str, Any]:
    """The ``meta`` of a single ``repositories`` resource."""
    return {"doiCount": record.doi_count or 0, "prefixCount": len(record.prefixes)}
