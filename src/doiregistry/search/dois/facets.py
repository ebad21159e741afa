"""The ``GET /dois`` facets (spec §4.7): one registry of names, defaults, order, sizes, titles.

:data:`FACETS` lists every facet in DataCite's ``meta`` order; those marked
``default`` are what a request gets unless it names its own. Adding a facet is
one entry here (and a kind in :mod:`.facet_kinds` if none counts it yet).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from doiregistry.search.dois.facet_kinds import (
    AccountProperty,
    CitationCount,
    CitationsByYear,
    Facet,
    LicensesWithMissing,
    Matched,
    NoUsage,
    OpenLicenses,
    OpenLicensesCount,
    PublicationYears,
    RegistrationAgencies,
    TopAccounts,
    TopValues,
    Years,
)
from doiregistry.search.dois.facet_titles import (
    CLIENT_TYPE_TITLES as CLIENT_TYPE_TITLES,
)
from doiregistry.search.dois.facet_titles import (
    client_type_title,
    key_title,
    language_title,
    license_title,
    resource_type_title,
    schema_title,
    stored_title,
    titleized_key,
)
from doiregistry.search.sql.budget import Deadline

#: every facet, in DataCite's ``meta`` order
FACETS: Final[tuple[Facet, ...]] = (
    TopValues("states", "state", 3, titleized_key, default=True),
    TopValues("resourceTypes", "resource_type", 34, resource_type_title, default=True),
    Years("created", "created", default=True),
    Years("createdByMonth", "created_month"),
    PublicationYears("published", default=True),
    Years("registered", "registered", default=True),
    TopAccounts("providers", "provider", lambda names: names.providers, default=True),
    TopAccounts("clients", "client", lambda names: names.clients, default=True),
    AccountProperty(
        "clientTypes",
        4,
        lambda names, client: [names.client_types.get(client, "repository")],
        client_type_title,
    ),
    TopValues("affiliations", "affiliations", 10, stored_title, default=True),
    TopValues("prefixes", "prefix", 10, key_title, default=True),
    AccountProperty(
        "certificates",
        10,
        lambda names, client: list(names.certificates.get(client, [])),
        titleized_key,
        default=True,
    ),
    TopValues("licenses", "licenses", 10, license_title, default=True),
    LicensesWithMissing("licensesWithMissing"),
    TopValues("schemaVersions", "schema_version", 10, schema_title, default=True),
    TopValues("linkChecksStatus", "link_check_status", 10, key_title, default=True),
    TopValues("authors", "authors", 10, stored_title),
    TopValues("creatorsAndContributors", "creators_and_contributors", 10, stored_title),
    TopValues("subjects", "subjects", 10, titleized_key, default=True),
    TopValues("fieldsOfScience", "fields_of_science", 10, stored_title, default=True),
    TopValues("languages", "language", 10, language_title),
    RegistrationAgencies("registrationAgencies"),
    CitationsByYear("citations", default=True),
    NoUsage("views", as_list=True, default=True),
    NoUsage("downloads", as_list=True, default=True),
    CitationCount("citationCount"),
    NoUsage("viewCount", as_list=False),
    NoUsage("downloadCount", as_list=False),
    NoUsage("contentUrlCount", as_list=False),
    OpenLicenses("openLicenses"),
    OpenLicensesCount("openLicensesCount"),
    TopValues("funders", "funders", 200, stored_title),
)
FACETS_BY_NAME: Final = {facet.name: facet for facet in FACETS}
DEFAULT_FACETS: Final = tuple(facet.name for facet in FACETS if facet.default)
_SNAKE: Final = re.compile(r"_([a-z])")


def facet_name(value: str) -> str:
    """A requested facet name in camelCase (``schema_versions`` → ``schemaVersions``)."""
    return _SNAKE.sub(lambda m: m.group(1).upper(), value.strip())


def requested(
    asked: Sequence[str] | None, disabled: bool | None, enabled_by_default: bool
) -> list[str]:
    """The facets a request asks for, in ``meta`` order (spec §4.7: ``facets=`` selects,
    ``disable-facets`` wins; unknown names are ignored)."""
    if disabled:
        return []
    if asked is not None:
        names = {facet_name(name) for name in asked}
        return [facet.name for facet in FACETS if facet.name in names]
    if disabled is False or enabled_by_default:
        return list(DEFAULT_FACETS)
    return []


@dataclass
class FacetCounts:
    """The ``meta`` entries of the counted facets, and the names of those the budget cut off."""

    counts: dict[str, Any] = field(default_factory=dict)
    timed_out: list[str] = field(default_factory=list)


def count_facets(
    wanted: Sequence[str], matched: Matched, deadline: Deadline | None = None
) -> FacetCounts:
    """The wanted facets (names from :func:`requested`), counted one after another
    until ``deadline`` passes; the rest are reported as timed out, not dropped."""
    result = FacetCounts()
    for name in wanted:
        if deadline is not None and deadline.passed():
            result.timed_out.append(name)
        else:
            result.counts[name] = FACETS_BY_NAME[name].count(matched)
    return result
