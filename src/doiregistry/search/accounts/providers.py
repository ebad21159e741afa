"""``GET /providers``: query, filters, sorts and facets (spec §7).

The query searches the fields of :data:`PROVIDER_FIELDS` (DataCite's
``uid``, ``symbol``, ``name``, ``system_email``, ``group_email`` and the
rest of the member's attributes); e-mail addresses and contacts only of
members whose contacts the caller may read. ``hasRequiredContacts`` is
restricted in the same way, so its filter and facet take in only those
members. Sorts: ``name`` (display name, the default), ``-name``,
``created``, ``-created``, ``relevance``; ties go by id. The staff account
is not a provider row, so it is never listed.
"""

from __future__ import annotations

from typing import Any, Final

from sqlalchemy import Connection, Row

from doiregistry.domain.account_access import provider_access
from doiregistry.domain.account_queries import ProviderQuery
from doiregistry.domain.principal import Principal
from doiregistry.domain.provider_record import CONTACTS
from doiregistry.domain.regions import REGION_TITLES
from doiregistry.search.accounts import facets
from doiregistry.search.accounts.account_search import AccountSearch, name_orders
from doiregistry.search.accounts.match import AccountDocument
from doiregistry.search.accounts.query import AccountField, FieldCatalogue, FieldKind
from doiregistry.search.accounts.steps import Hit, any_of, folded, truth
from doiregistry.search.query import dates
from doiregistry.storage import accounts, record_rows

T, K, N, D = FieldKind.TEXT, FieldKind.KEYWORD, FieldKind.NUMBER, FieldKind.DATE
PROVIDER_FIELDS: Final = FieldCatalogue(
    [
        AccountField("uid", K, 10, aliases=("id", "provider_id")),
        AccountField("symbol", K, 10),
        AccountField("name", T, 5),
        AccountField("display_name", T, 5),
        AccountField("system_email", T, 5),
        AccountField("group_email", T, 5),
        AccountField("contacts", T),
        AccountField("description", T),
        AccountField("website", T),
        AccountField("region", K),
        AccountField("country", K, aliases=("country_code",)),
        AccountField("member_type", K),
        AccountField("organization_type", K),
        AccountField("focus_area", K),
        AccountField("non_profit_status", K),
        AccountField("ror_id", K),
        AccountField("consortium_id", K),
        AccountField("joined", D),
        AccountField("year", N),
        AccountField("created", D),
        AccountField("updated", D),
    ]
)


def _contact_values(extra: dict[str, Any]) -> list[str]:
    values: list[str] = []
    for name in CONTACTS:
        contact = extra.get(name)
        if isinstance(contact, dict):
            names = ("givenName", "familyName", "email")
            values.extend(str(contact[key]) for key in names if contact.get(key))
    return values


def _non_profit(extra: dict[str, Any]) -> str:
    return str(extra.get("nonProfitStatus") or "non-profit")


def provider_document(row: Row[Any], contact: bool) -> AccountDocument:
    """The searchable values of one member (e-mails and contacts only when ``contact``)."""
    extra = dict(row.attributes or {})
    return AccountDocument(
        {
            "uid": [row.id],
            "symbol": [row.symbol],
            "name": [row.name],
            "display_name": [row.display_name],
            "system_email": [row.system_email] if contact else [],
            "group_email": [extra.get("groupEmail")] if contact else [],
            "contacts": _contact_values(extra) if contact else [],
            "description": [extra.get("description")],
            "website": [extra.get("website")],
            "region": [extra.get("region")],
            "country": [extra.get("country")],
            "member_type": [row.member_type],
            "organization_type": [extra.get("organizationType")],
            "focus_area": [extra.get("focusArea")],
            "non_profit_status": [_non_profit(extra)],
            "ror_id": [extra.get("rorId")],
            "consortium_id": [row.consortium_id],
            "joined": [_joined(extra.get("joined"))],
            "year": [row.created.year],
            "created": [row.created],
            "updated": [row.updated],
        }
    )


def _joined(value: Any) -> Any:
    """``joined`` as a date (it is stored as ``YYYY-MM-DD``), for ``joined:[… TO …]``."""
    if not isinstance(value, str):
        return None
    try:
        return dates.period(value)[0]
    except dates.DateError:
        return None


ORDERS: Final = name_orders(lambda row: row.display_name)


def _bool_title(key: str) -> str:
    return key.capitalize()


def provider_facets(hits: list[Hit[Row[Any]]], principal: Principal) -> dict[str, Any]:
    """The facets of the members that matched."""
    rows = [hit.item for hit in hits]
    extras = [dict(row.attributes or {}) for row in rows]
    required = [
        [str(record_rows.provider(row).has_required_contacts).lower()]
        for row in rows
        if provider_access(principal, row.id).contact
    ]
    return {
        "years": facets.years(row.created for row in rows),
        "regions": facets.terms(
            (facets.one(extra.get("region")) for extra in extras),
            lambda key: REGION_TITLES.get(key, key),
            key=str.lower,
        ),
        "memberTypes": facets.terms(([row.member_type] for row in rows), facets.titleize),
        "organizationTypes": facets.terms(
            (facets.one(extra.get("organizationType")) for extra in extras), facets.titleize
        ),
        "focusAreas": facets.terms(
            (facets.one(extra.get("focusArea")) for extra in extras), facets.titleize
        ),
        "nonProfitStatuses": facets.terms(
            ([_non_profit(extra)] for extra in extras), facets.titleize
        ),
        "hasRequiredContacts": facets.terms(required, _bool_title, size=2),
    }


def search_providers(
    connection: Connection, principal: Principal, query: ProviderQuery
) -> tuple[list[Hit[Row[Any]]], dict[str, Any]]:
    """Every member that matches ``query``, in order, and their facets."""
    search = AccountSearch.of(query, PROVIDER_FIELDS)
    regions = folded(query.regions)
    member_types = folded(query.member_types)
    organization_types = folded(query.organization_types)
    focus_areas = folded(query.focus_areas)
    non_profit = folded(query.non_profit_statuses)
    required = truth("has-required-contacts", query.has_required_contacts)

    def keep(row: Row[Any]) -> bool:
        extra = dict(row.attributes or {})
        return (
            any_of(regions, [extra.get("region")])
            and any_of(member_types, [row.member_type])
            and any_of(organization_types, [extra.get("organizationType")])
            and any_of(focus_areas, [extra.get("focusArea")])
            and any_of(non_profit, [_non_profit(extra)])
            and (
                required is None
                or (
                    provider_access(principal, row.id).contact
                    and record_rows.provider(row).has_required_contacts == required
                )
            )
        )

    def document(row: Row[Any]) -> AccountDocument:
        return provider_document(row, provider_access(principal, row.id).contact)

    rows = accounts.all_providers(connection, deleted=query.include_deleted)
    hits = search.hits(
        rows, ORDERS, consortium_of=lambda row: row.consortium_id, keep=keep, document=document
    )
    return hits, provider_facets(hits, principal) if hits else {}
