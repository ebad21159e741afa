"""Provider attributes: what a write sends, merging it onto the stored state, and the rules
of spec §7.

Messages are DataCite's where it has one (``This name has already been taken``,
``system_email should be an email``, ``ROR ID should be a url`` …); sources are
snake_case attribute names.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Final

from doiregistry.domain.provider_record import BILLING_KEYS, CONTACTS
from doiregistry.domain.regions import region_of
from doiregistry.registry.accounts.field_checks import (
    AccountValues,
    Problems,
    as_bool,
    blank,
    clean_text,
    is_email,
    is_uuid,
    is_web_url,
)

MEMBER_TYPES: Final = (
    "member_only",
    "direct_member",
    "consortium",
    "consortium_organization",
    "contractual_member",
    "for-profit_provider",
    "developer",
)
ORGANIZATION_TYPES: Final = (
    "researchInstitution",
    "academicInstitution",
    "governmentAgency",
    "nationalInstitution",
    "professionalSociety",
    "publisher",
    "serviceProvider",
    "internationalOrganization",
    "other",
)
FOCUS_AREAS: Final = (
    "naturalSciences",
    "engineeringAndTechnology",
    "medicalAndHealthSciences",
    "agriculturalSciences",
    "socialSciences",
    "humanities",
    "general",
)
NON_PROFIT_STATUSES: Final = ("non-profit", "for-profit")
#: attributes kept in the JSON column (besides the derived ``region``)
EXTRA: Final = (
    "website",
    "groupEmail",
    "globusUuid",
    "description",
    "country",
    "logoUrl",
    "organizationType",
    "focusArea",
    "nonProfitStatus",
    "joined",
    "twitterHandle",
    "billingInformation",
    "rorId",
    "salesforceId",
    "fromSalesforce",
    *CONTACTS,
    "doiEstimate",
)
WRITABLE: Final = frozenset(
    {"symbol", "name", "displayName", "systemEmail", "memberType", "isActive", *EXTRA}
)
#: attributes only staff may change (a member could otherwise raise its own role)
STAFF_ONLY: Final = ("memberType", "consortium", "salesforceId", "fromSalesforce")

_SYMBOL: Final = re.compile(r"^[A-Z]+$")
_ROR: Final = re.compile(r"^https://ror\.org/0\w{6}\d{2}$")
_TWITTER: Final = re.compile(r"^@[a-zA-Z0-9_]{1,15}$")
_SALESFORCE: Final = re.compile(r"^[a-zA-Z0-9]{18}$")


class Unset(enum.Enum):
    """The type of :data:`UNSET`."""

    UNSET = "unset"


#: "the write did not mention the consortium relationship"
UNSET: Final = Unset.UNSET


@dataclass(frozen=True)
class ProviderPayload:
    """A provider write: attributes by their camelCase names, and the consortium it names
    (``None`` to unlink it, :data:`UNSET` to leave it as it is)."""

    attributes: Mapping[str, Any] = field(default_factory=dict)
    consortium_id: str | Unset | None = UNSET


def merge(
    state: dict[str, Any], attributes: Mapping[str, Any], consortium: str | Unset | None = UNSET
) -> dict[str, Any]:
    """``state`` with the writable attributes of a payload applied (blank strings as null)."""
    merged = dict(state)
    for name, value in attributes.items():
        if name in WRITABLE:
            merged[name] = clean_text(value)
    if isinstance(merged.get("symbol"), str):
        merged["symbol"] = merged["symbol"].upper()
    if consortium is not UNSET:
        merged["consortium"] = consortium
    return merged


def _check_symbol(symbol: Any, problems: Problems) -> None:
    if blank(symbol):
        problems.add("symbol", "Can't be blank")
    elif not isinstance(symbol, str) or not _SYMBOL.match(symbol):
        problems.add("symbol", "Should only contain capital letters")
    elif len(symbol) < 2:
        problems.add("symbol", "Is too short (minimum is 2 characters)")
    elif len(symbol) > 8:
        problems.add("symbol", "Is too long (maximum is 8 characters)")


def _check_choice(
    value: Any, choices: tuple[str, ...], source: str, label: str, p: Problems
) -> None:
    if value is not None and value not in choices:
        p.add(source, f"{label} {value} is not included in the list")


def _check_contact(name: str, source: str, value: Any, problems: Problems) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not all(
        isinstance(value.get(key), str | None) for key in ("email", "givenName", "familyName")
    ):
        problems.add(source, "Should be an object with email, givenName and familyName")
        return None
    contact = {key: clean_text(value.get(key)) for key in ("email", "givenName", "familyName")}
    if contact["email"] is not None and not is_email(contact["email"]):
        problems.add(source, f"{name} email should be an email")
    return contact if any(contact.values()) else None


def _check_billing(value: Any, problems: Problems) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not all(
        isinstance(value.get(key), str | None) for key in BILLING_KEYS
    ):
        problems.add("billing_information", "Should be an object of strings")
        return None
    billing = {key: clean_text(value.get(key)) for key in BILLING_KEYS}
    return billing if any(billing.values()) else None


def _joined(value: Any, problems: Problems) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10]).isoformat()
        except ValueError:
            pass
    if isinstance(value, datetime | date):
        return value.isoformat()[:10]
    problems.add("joined", f"{value} is not a valid date")
    return None


def _doi_estimate(value: Any, problems: Problems) -> int:
    if value is None:
        return 0
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        problems.add("doi_estimate", "Is not a number")
        return 0
    if value < 0:
        problems.add("doi_estimate", "Must be greater than or equal to 0")
    return value


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower()


def check(state: dict[str, Any], problems: Problems) -> AccountValues:
    """Check a merged provider state; problems are collected, values are normalised."""
    _check_symbol(state.get("symbol"), problems)
    for name in ("name", "displayName", "systemEmail"):
        if blank(state.get(name)):
            problems.add(_snake(name), "Can't be blank")
    for name in ("systemEmail", "groupEmail"):
        value = state.get(name)
        if value is not None and not is_email(value):
            problems.add(_snake(name), f"{_snake(name)} should be an email")
    for name in ("name", "displayName", "description", "logoUrl"):
        if state.get(name) is not None and not isinstance(state[name], str):
            problems.add(_snake(name), "Should be a string")
    if state.get("website") is not None and not is_web_url(state["website"]):
        problems.add("website", "Website should be a url")
    member_type = state.get("memberType") or "direct_member"
    _check_choice(member_type, MEMBER_TYPES, "member_type", "Member type", problems)
    _check_choice(
        state.get("organizationType"),
        ORGANIZATION_TYPES,
        "organization_type",
        "Organization type",
        problems,
    )
    _check_choice(state.get("focusArea"), FOCUS_AREAS, "focus_area", "Focus area", problems)
    non_profit = state.get("nonProfitStatus") or "non-profit"
    if non_profit not in NON_PROFIT_STATUSES:
        problems.add(
            "non_profit_status", f"Non-profit status '{non_profit}' is not included in the list"
        )
    country = state.get("country")
    if isinstance(country, str):
        country = country.upper()
    if country is not None and region_of(country) is None:
        problems.add("country", f"Country {country} is not an ISO 3166-1 alpha-2 code")
    if state.get("rorId") is not None and not (
        isinstance(state["rorId"], str) and _ROR.match(state["rorId"])
    ):
        problems.add("ror_id", "ROR ID should be a url")
    if state.get("twitterHandle") is not None and not (
        isinstance(state["twitterHandle"], str) and _TWITTER.match(state["twitterHandle"])
    ):
        problems.add("twitter_handle", "Is invalid")
    if state.get("globusUuid") is not None and not is_uuid(state["globusUuid"]):
        problems.add("globus_uuid", f"{state['globusUuid']} is not a valid UUID")
    if state.get("salesforceId") is not None and not (
        isinstance(state["salesforceId"], str) and _SALESFORCE.match(state["salesforceId"])
    ):
        problems.add("salesforce_id", "Wrong format for salesforce id")
    extras: dict[str, Any] = {name: state.get(name) for name in EXTRA}
    extras.update(
        country=country,
        region=region_of(country),
        nonProfitStatus=non_profit,
        joined=_joined(state.get("joined"), problems),
        doiEstimate=_doi_estimate(state.get("doiEstimate"), problems),
        billingInformation=_check_billing(state.get("billingInformation"), problems),
        fromSalesforce=as_bool(state.get("fromSalesforce"), False),
    )
    for name in CONTACTS:
        extras[name] = _check_contact(_snake(name), _snake(name), state.get(name), problems)
    is_consortium_organization = member_type == "consortium_organization"
    return AccountValues(
        columns={
            "symbol": state.get("symbol"),
            "name": state.get("name"),
            "display_name": state.get("displayName"),
            "system_email": state.get("systemEmail"),
            "member_type": member_type,
            "consortium_id": state.get("consortium") if is_consortium_organization else None,
            "is_active": as_bool(state.get("isActive"), True),
        },
        attributes={key: value for key, value in extras.items() if value is not None},
    )
