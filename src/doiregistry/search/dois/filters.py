"""DataCite's ``GET /dois`` filters (spec §4.2) as query trees.

Each filter becomes one tree; the values of a comma list are an OR within the
filter and different filters are combined with AND (we fix DataCite's quirk
Q4, which ORs some of them together).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Final

from doiregistry.domain.doi_query import DoiFilters, YearRange
from doiregistry.metadata.doi import parse_doi
from doiregistry.search.dois.account_names import AccountNames
from doiregistry.search.extract import ror_id
from doiregistry.search.query.tree import Or, Phrase, Query, Range, Term

FUNDER_PREFIX: Final = "https://doi.org/10.13039/"
#: ``min_citations`` and the like → the relation count field of the query language
_AT_LEAST: Final = {
    "min_citations": "citationCount",
    "min_references": "referenceCount",
    "min_parts": "partCount",
    "min_part_of": "partOfCount",
    "min_versions": "versionCount",
    "min_version_of": "versionOfCount",
    "min_views": "viewCount",
    "min_downloads": "downloadCount",
}


def funder_identifier(value: str) -> str:
    text = value.strip()
    doi = parse_doi(text)
    if doi:
        return f"https://doi.org/{doi}"
    return FUNDER_PREFIX + text.removeprefix("10.13039/")


def _any(field: str, values: Iterable[str], make: Callable[[str], str] = lambda v: v) -> Query:
    return Or(tuple(Term((field,), make(v)) for v in values))


def _phrases(field: str, values: Iterable[str]) -> Query:
    return Or(tuple(Phrase((field,), value) for value in values))


def _both(suffix: str, value: str) -> Query:
    return Or((Term((f"creators.{suffix}",), value), Term((f"contributors.{suffix}",), value)))


def _years(field: str, years: YearRange) -> Query:
    return Range((field,), f"{years.first:04d}", f"{years.last:04d}", True, True)


def filter_trees(filters: DoiFilters, names: AccountNames) -> dict[str, Query]:
    """One tree per filter given, by its :class:`DoiFilters` field name.

    ``ids``, ``id`` and ``states`` are not trees: they go with visibility.
    """
    f = filters
    trees: dict[str, Query] = {}
    lists: dict[str, tuple[Callable[[Iterable[str]], Query], tuple[str, ...] | None]] = {
        "provider_ids": (lambda v: _any("provider_id", v), f.provider_ids),
        "client_ids": (lambda v: _any("client_id", v), f.client_ids),
        "prefixes": (lambda v: _any("prefix", v), f.prefixes),
        "resource_type_ids": (lambda v: _any("resource_type_id", v), f.resource_type_ids),
        "resource_types": (lambda v: _phrases("types.resourceType", v), f.resource_types),
        "subjects": (lambda v: _phrases("subjects.subject", v), f.subjects),
        "fields_of_science": (
            lambda v: _any("fields_of_science", v, str.lower),
            f.fields_of_science,
        ),
        "licenses": (lambda v: _any("rightsList.rightsIdentifier", v), f.licenses),
        "affiliation_ids": (lambda v: _any("affiliation_id", v, ror_id), f.affiliation_ids),
        "funder_ids": (
            lambda v: _any("fundingReferences.funderIdentifier", v, funder_identifier),
            f.funder_ids,
        ),
        "sources": (lambda v: _any("source", v), f.sources),
    }
    for name, (build, values) in lists.items():
        if values is not None:
            trees[name] = build(values)
    if f.consortium_id is not None:
        trees["consortium_id"] = Term(("consortium_id",), f.consortium_id)
    for name, field, years in (
        ("created", "created", f.created),
        ("registered", "registered", f.registered),
        ("published", "publicationYear", f.published),
    ):
        if years is not None:
            trees[name] = _years(field, years)
    if f.schema_version is not None:
        trees["schema_version"] = Term(
            ("schemaVersion",), f"http://datacite.org/schema/kernel-{f.schema_version}"
        )
    if f.user_orcid is not None:
        trees["user_orcid"] = Term(
            ("creators.nameIdentifiers.nameIdentifier",), f"https://orcid.org/{f.user_orcid}"
        )
    if f.has_person:
        trees["has_person"] = Term(("creators.nameIdentifiers.nameIdentifierScheme",), "ORCID")
    if f.has_affiliation:
        trees["has_affiliation"] = _both("affiliation.affiliationIdentifierScheme", "ROR")
    if f.has_organization:
        trees["has_organization"] = _both("nameIdentifiers.nameIdentifierScheme", "ROR")
    if f.has_funder:
        trees["has_funder"] = Term(
            ("fundingReferences.funderIdentifierType",), "Crossref Funder ID"
        )
    for name, field in _AT_LEAST.items():
        at_least: int | None = getattr(f, name)
        if at_least is not None:
            trees[name] = Range((field,), str(at_least), None, True, True)
    for name, wanted, lookup in (
        ("certificates", f.certificates, names.clients_with_certificate),
        ("client_types", f.client_types, names.clients_of_type),
    ):
        if wanted is not None:
            ids = lookup(wanted)
            trees[name] = _any("client_id", ids) if ids else Or(())
    return trees
