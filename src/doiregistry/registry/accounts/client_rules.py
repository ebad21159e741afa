"""Repository attributes: what a write sends, merging it onto the stored state, and the rules
of spec §6.

``/clients`` calls the system e-mail ``contactEmail``; both names are accepted.
ISSNs are kept only for periodicals and subjects only for disciplinary
repositories, as at DataCite.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from doiregistry.domain.client_record import bare_opendoar, bare_re3data
from doiregistry.registry.accounts.field_checks import (
    AccountValues,
    Problems,
    as_bool,
    blank,
    clean_text,
    is_email,
    is_uuid,
    string_list,
)

CLIENT_TYPES: Final = ("repository", "periodical", "igsnCatalog", "raidRegistry")
REPOSITORY_TYPES: Final = (
    "disciplinary",
    "governmental",
    "institutional",
    "multidisciplinary",
    "project-related",
    "other",
)
CERTIFICATES: Final = ("CoreTrustSeal", "DIN 31644", "DINI", "DSA", "RatSWD", "WDS", "CLARIN")
SUBJECT_KEYS: Final = ("subject", "subjectScheme", "schemeUri", "classificationCode")
ISSN_KEYS: Final = (
    ("issnl", "ISSN-L"),
    ("electronic", "ISSN (electronic)"),
    ("print", "ISSN (print)"),
)
#: attributes kept in the JSON column
EXTRA: Final = (
    "serviceContact",
    "globusUuid",
    "alternateName",
    "description",
    "language",
    "repositoryType",
    "certificate",
    "re3data",
    "opendoar",
    "issn",
    "url",
    "software",
    "salesforceId",
    "fromSalesforce",
    "subjects",
)
WRITABLE: Final = frozenset(
    {"symbol", "name", "systemEmail", "clientType", "domains", "isActive", *EXTRA}
)
STAFF_ONLY: Final = ("salesforceId", "fromSalesforce", "globusUuid")
_ALIASES: Final = {"contactEmail": "systemEmail", "re3dataId": "re3data", "opendoarId": "opendoar"}

_SYMBOL: Final = re.compile(r"^[A-Z]+\.[A-Z0-9]+(-[A-Z0-9]+)?$")
_ISSN: Final = re.compile(r"^\d{4}-?\d{3}[0-9X]+$")
_RE3DATA: Final = re.compile(r"^10\.17616/R3[A-Z0-9]+$", re.IGNORECASE)


@dataclass(frozen=True)
class ClientPayload:
    """A repository write: attributes by their camelCase names, and the provider it names
    (``None`` when it names none)."""

    attributes: Mapping[str, Any] = field(default_factory=dict)
    provider_id: str | None = None


def merge(state: dict[str, Any], attributes: Mapping[str, Any]) -> dict[str, Any]:
    """``state`` with the writable attributes of a payload applied (blank strings as null)."""
    merged = dict(state)
    for name, value in attributes.items():
        name = _ALIASES.get(name, name)
        if name in WRITABLE:
            merged[name] = clean_text(value)
    if isinstance(merged.get("symbol"), str):
        merged["symbol"] = merged["symbol"].upper()
    return merged


def _check_symbol(symbol: Any, provider_symbol: str | None, problems: Problems) -> None:
    if blank(symbol):
        problems.add("symbol", "Can't be blank")
    elif not isinstance(symbol, str) or not _SYMBOL.match(symbol):
        problems.add(
            "symbol", "Should only contain capital letters, numbers, and at most one hyphen"
        )
    elif len(symbol) < 5:
        problems.add("symbol", "Is too short (minimum is 5 characters)")
    elif len(symbol) > 18:
        problems.add("symbol", "Is too long (maximum is 18 characters)")
    elif provider_symbol is not None and symbol.split(".")[0] != provider_symbol.upper():
        problems.add(
            "symbol",
            ", Your Client ID must include the name of your provider. Separated by a dot '.' ",
        )


def _choices(
    value: Any, choices: tuple[str, ...], source: str, label: str, p: Problems
) -> list[str]:
    items = string_list(value)
    if items is None:
        p.add(source, "Should be a list of strings")
        return []
    for item in items:
        if item not in choices:
            p.add(source, f"{label} {item} is not included in the list")
    return items


def _re3data(value: Any, problems: Problems) -> str | None:
    if value is None:
        return None
    text = bare_re3data(str(value))
    if not _RE3DATA.match(text):
        problems.add("re3data", f"re3data {value} should be a re3data DOI (10.17616/R3…)")
        return None
    return "10.17616/" + text.split("/", 1)[1].upper()


def _opendoar(value: Any, problems: Problems) -> int | None:
    if value is None:
        return None
    text = bare_opendoar(str(value))
    if isinstance(value, bool) or not text.isdigit():
        problems.add("opendoar", f"OpenDOAR {value} should be a number")
        return None
    return int(text)


def _issn(value: Any, periodical: bool, problems: Problems) -> dict[str, str] | None:
    if value is None or not periodical:
        return None
    if not isinstance(value, dict):
        problems.add("issn", "Should be an object with issnl, electronic and print")
        return None
    issn: dict[str, str] = {}
    for key, label in ISSN_KEYS:
        item = clean_text(value.get(key))
        if item is None:
            continue
        if not isinstance(item, str) or not _ISSN.match(item):
            problems.add("issn", f"{label} {item} is in the wrong format.")
        else:
            issn[key] = item
    return issn or None


def _subjects(value: Any, disciplinary: bool, problems: Problems) -> list[dict[str, str]] | None:
    if value is None or not disciplinary:
        return None
    if not isinstance(value, list):
        problems.add("subjects", "Should be a list of subjects")
        return None
    subjects = []
    for item in value:
        if not isinstance(item, dict) or not all(
            isinstance(item.get(key), str) and item[key].strip() for key in SUBJECT_KEYS
        ):
            problems.add(
                "subjects",
                "Each subject needs subject, subjectScheme, schemeUri and classificationCode",
            )
            continue
        subjects.append({key: item[key].strip() for key in SUBJECT_KEYS})
    return subjects or None


def _service_contact(value: Any, problems: Problems) -> dict[str, Any] | None:
    keys = ("email", "givenName", "familyName")
    if value is None:
        return None
    if not isinstance(value, dict) or not all(isinstance(value.get(k), str | None) for k in keys):
        problems.add("service_contact", "Should be an object with email, givenName and familyName")
        return None
    contact = {key: clean_text(value.get(key)) for key in keys}
    if contact["email"] is not None and not is_email(contact["email"]):
        problems.add("service_contact", "service_contact email should be an email")
    return contact if any(contact.values()) else None


def check(state: dict[str, Any], provider_symbol: str | None, problems: Problems) -> AccountValues:
    """Check a merged repository state against its provider's symbol (``None``: unknown)."""
    _check_symbol(state.get("symbol"), provider_symbol, problems)
    if blank(state.get("name")):
        problems.add("name", "Can't be blank")
    system_email = state.get("systemEmail")
    if blank(system_email):
        problems.add("system_email", "Can't be blank")
    elif not is_email(system_email):
        problems.add("system_email", "system_email should be an email")
    for name in (
        "name",
        "alternateName",
        "description",
        "url",
        "software",
        "domains",
        "salesforceId",
    ):
        if state.get(name) is not None and not isinstance(state[name], str):
            problems.add(re.sub(r"([A-Z])", r"_\1", name).lower(), "Should be a string")
    client_type = state.get("clientType") or "repository"
    if client_type not in CLIENT_TYPES:
        problems.add("client_type", f"Client type {client_type} is not included in the list")
    repository_types = _choices(
        state.get("repositoryType"),
        REPOSITORY_TYPES,
        "repository_type",
        "Repository type",
        problems,
    )
    certificates = _choices(
        state.get("certificate"), CERTIFICATES, "certificate", "Certificate", problems
    )
    language = string_list(state.get("language"))
    if language is None:
        problems.add("language", "Should be a list of language codes")
    if state.get("globusUuid") is not None and not is_uuid(state["globusUuid"]):
        problems.add("globus_uuid", f"{state['globusUuid']} is not a valid UUID")
    extras: dict[str, Any] = {name: state.get(name) for name in EXTRA}
    extras.update(
        serviceContact=_service_contact(state.get("serviceContact"), problems),
        language=language or None,
        repositoryType=repository_types or None,
        certificate=certificates or None,
        re3data=_re3data(state.get("re3data"), problems),
        opendoar=_opendoar(state.get("opendoar"), problems),
        issn=_issn(state.get("issn"), client_type == "periodical", problems),
        subjects=_subjects(state.get("subjects"), "disciplinary" in repository_types, problems),
        fromSalesforce=as_bool(state.get("fromSalesforce"), False),
    )
    return AccountValues(
        columns={
            "symbol": state.get("symbol"),
            "name": state.get("name"),
            "system_email": system_email,
            "client_type": client_type,
            "domains": state.get("domains") or "*",
            "is_active": as_bool(state.get("isActive"), True),
        },
        attributes={key: value for key, value in extras.items() if value is not None},
    )
