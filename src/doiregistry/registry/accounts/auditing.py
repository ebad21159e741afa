"""The ``changes`` recorded in the audit trail for provider and repository writes (spec §9).

As at DataCite, contact details, e-mail addresses, billing details and
passwords are not audited; a create or delete records the audited values, an
update records ``[old, new]`` for each audited attribute that changed.
"""

from __future__ import annotations

from typing import Any, Final

PROVIDER_AUDITED: Final = (
    "symbol",
    "name",
    "displayName",
    "website",
    "description",
    "region",
    "country",
    "logoUrl",
    "memberType",
    "organizationType",
    "focusArea",
    "nonProfitStatus",
    "consortium",
    "isActive",
    "joined",
    "twitterHandle",
    "rorId",
)
CLIENT_AUDITED: Final = (
    "symbol",
    "provider",
    "name",
    "alternateName",
    "description",
    "language",
    "clientType",
    "repositoryType",
    "certificate",
    "domains",
    "re3data",
    "opendoar",
    "issn",
    "url",
    "software",
    "subjects",
    "isActive",
)


def snapshot(view: dict[str, Any], audited: tuple[str, ...]) -> dict[str, Any]:
    """The audited values that are set (a create or delete)."""
    return {name: view[name] for name in audited if view.get(name) is not None}


def difference(
    before: dict[str, Any], after: dict[str, Any], audited: tuple[str, ...]
) -> dict[str, Any]:
    """``{name: [old, new]}`` for each audited value that changed (an update)."""
    return {
        name: [before.get(name), after.get(name)]
        for name in audited
        if before.get(name) != after.get(name)
    }
