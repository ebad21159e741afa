"""DataCite's ``GET /dois`` filter parameters (spec §4.2) as query trees.

Each parameter becomes one tree; a comma list is an OR within the parameter
and different parameters are combined with AND (we fix DataCite's quirk Q4,
which ORs some of them together).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Final

from doiregistry.metadata.doi import parse_doi
from doiregistry.search.extract import ror_id
from doiregistry.search.query.parse import QuerySyntaxError
from doiregistry.search.query.tree import Or, Phrase, Query, Range, Term

FUNDER_PREFIX: Final = "https://doi.org/10.13039/"
_ORCID: Final = re.compile(r"(\d{4}-\d{4}-\d{4}-\d{3}[\dX])", re.I)
_YEAR: Final = re.compile(r"^\d{4}$")


def comma_list(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def resource_type_slug(value: str) -> str:
    """``StudyRegistration``/``study_registration`` → ``study-registration`` (spec §4.2)."""
    underscored = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", value.strip()).lower()
    return underscored.replace("_", "-")


def funder_identifier(value: str) -> str:
    text = value.strip()
    doi = parse_doi(text)
    if doi:
        return f"https://doi.org/{doi}"
    return FUNDER_PREFIX + text.removeprefix("10.13039/")


def orcid_url(value: str) -> str:
    match = _ORCID.search(value)
    if not match:
        raise QuerySyntaxError(f"user-id {value!r} is not an ORCID iD")
    return f"https://orcid.org/{match.group(1).upper()}"


def _any(field: str, values: list[str], make: Callable[[str], str] = lambda v: v) -> Query:
    return Or(tuple(Term((field,), make(v)) for v in values))


def _both(suffix: str, value: str) -> Query:
    return Or((Term((f"creators.{suffix}",), value), Term((f"contributors.{suffix}",), value)))


def _years(field: str, parameter: str, value: str) -> Query:
    years = comma_list(value)
    if not years or not all(_YEAR.match(year) for year in years):
        raise QuerySyntaxError(f"{parameter} takes years such as 2018 or 2018,2020, not {value!r}")
    return Range((field,), min(years), max(years), True, True)


def _count(field: str, value: str) -> Query:
    match = re.match(r"^\s*(\d+)", value)  # DataCite's to_i: "true" counts as 0
    return Range((field,), match.group(1) if match else "0", None, True, True)


_SIMPLE: Final[dict[str, Callable[[str], Query]]] = {
    "provider-id": lambda v: _any("provider_id", comma_list(v)),
    "client-id": lambda v: _any("client_id", comma_list(v)),
    "consortium-id": lambda v: Term(("consortium_id",), v.strip()),
    "prefix": lambda v: _any("prefix", comma_list(v)),
    "resource-type-id": lambda v: _any("resource_type_id", comma_list(v), resource_type_slug),
    "resource-type": lambda v: Or(tuple(Phrase(("types.resourceType",), t) for t in comma_list(v))),
    "created": lambda v: _years("created", "created", v),
    "registered": lambda v: _years("registered", "registered", v),
    "published": lambda v: _years("publicationYear", "published", v),
    "schema-version": lambda v: Term(
        ("schemaVersion",), f"http://datacite.org/schema/kernel-{v.strip()}"
    ),
    "subject": lambda v: Or(tuple(Phrase(("subjects.subject",), s) for s in comma_list(v))),
    "field-of-science": lambda v: _any("fields_of_science", comma_list(v), str.lower),
    "license": lambda v: _any("rightsList.rightsIdentifier", comma_list(v)),
    "user-id": lambda v: Term(("creators.nameIdentifiers.nameIdentifier",), orcid_url(v)),
    "affiliation-id": lambda v: _any("affiliation_id", comma_list(v), ror_id),
    "funder-id": lambda v: _any(
        "fundingReferences.funderIdentifier", comma_list(v), funder_identifier
    ),
    "source": lambda v: _any("source", comma_list(v)),
    "has-person": lambda v: Term(("creators.nameIdentifiers.nameIdentifierScheme",), "ORCID"),
    "has-affiliation": lambda v: _both("affiliation.affiliationIdentifierScheme", "ROR"),
    "has-organization": lambda v: _both("nameIdentifiers.nameIdentifierScheme", "ROR"),
    "has-funder": lambda v: Term(("fundingReferences.funderIdentifierType",), "Crossref Funder ID"),
    "has-citations": lambda v: _count("citationCount", v),
    "has-references": lambda v: _count("referenceCount", v),
    "has-parts": lambda v: _count("partCount", v),
    "has-part-of": lambda v: _count("partOfCount", v),
    "has-versions": lambda v: _count("versionCount", v),
    "has-version-of": lambda v: _count("versionOfCount", v),
    "has-views": lambda v: _count("viewCount", v),
    "has-downloads": lambda v: _count("downloadCount", v),
}
#: parameters whose mere presence matters (DataCite: "any value")
PRESENCE_ONLY: Final = frozenset(
    {"has-person", "has-affiliation", "has-organization", "has-funder"}
)
FILTER_NAMES: Final = frozenset(_SIMPLE) | {"state", "certificate", "client-type"}


def filters(
    params: Mapping[str, str],
    *,
    clients_by_certificate: Callable[[list[str]], list[str]],
    clients_by_type: Callable[[list[str]], list[str]],
) -> dict[str, Query]:
    """One tree per filter parameter present, by name (``state`` goes with visibility)."""
    trees: dict[str, Query] = {}
    for name, build in _SIMPLE.items():
        value = params.get(name)
        if value is None or (value.strip() == "" and name not in PRESENCE_ONLY):
            continue
        trees[name] = build(value)
    for name, lookup in (("certificate", clients_by_certificate), ("client-type", clients_by_type)):
        value = params.get(name)
        if value:
            ids = lookup(comma_list(value))
            trees[name] = _any("client_id", ids) if ids else Or(())
    return trees
