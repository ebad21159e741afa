"""Query parameters of ``GET /dois`` → a :class:`DoiQuery` and the rendering options (spec §4).

Top-level names are read in dash-case and snake_case (DataCite normalises
``_`` to ``-``); the last of repeated parameters wins. Malformed integers,
years and ORCID iDs are 400s here; what needs the search's catalogue or store
(query syntax, sort and facet names) is checked by the search service.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from fastapi import Request

from doiregistry.api.jsonapi import flag
from doiregistry.api.rest.includes import include_names
from doiregistry.api.rest.integer_params import integer, leading_integer
from doiregistry.domain.doi_query import DoiFilters, DoiQuery, SampleGroup, Values, YearRange
from doiregistry.domain.errors import BadRequest

SAMPLE_GROUPS: Final = {
    "client": SampleGroup.CLIENT,
    "data-center": SampleGroup.CLIENT,
    "provider": SampleGroup.PROVIDER,
    "resource-type": SampleGroup.RESOURCE_TYPE,
}
_ORCID: Final = re.compile(r"(\d{4}-\d{4}-\d{4}-\d{3}[\dX])", re.I)
_YEAR: Final = re.compile(r"^\d{4}$")


@dataclass(frozen=True)
class DoiRendering:
    """How the list is rendered; only the serializer reads these."""

    affiliation: bool = False
    publisher: bool = False
    composite: bool = False
    #: related resources to include (``include=client``)
    include: frozenset[str] = frozenset()
    #: ``fields[dois]``: the attributes to keep (``None``: all)
    fields: frozenset[str] | None = None


def request_params(request: Request, **fixed: str) -> dict[str, str]:
    """Query parameters with DataCite's ``_`` → ``-`` normalisation of top-level names;
    ``fixed`` (from the path) override them."""
    params: dict[str, str] = {}
    for key, value in request.query_params.multi_items():
        name = key if "[" in key else key.replace("_", "-")
        params[name] = value
    return {**params, **fixed}


def switched_on(value: str | None) -> bool:
    """DataCite's "any value" switches (``detail``, ``composite``), except that ``false``
    means false (fixes Q5)."""
    return value is not None and value.strip().lower() not in ("false", "0")


def _comma_list(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


def _values(params: Mapping[str, str], name: str) -> Values:
    """A comma-separated filter; absent or blank is ``None``."""
    value = params.get(name)
    if value is None or not value.strip():
        return None
    return _comma_list(value)


def _text(params: Mapping[str, str], name: str) -> str | None:
    value = params.get(name)
    return value.strip() if value is not None and value.strip() else None


def _int(params: Mapping[str, str], name: str) -> int | None:
    return integer(name, params.get(name))


def _years(params: Mapping[str, str], name: str) -> YearRange | None:
    value = params.get(name)
    if value is None or not value.strip():
        return None
    years = _comma_list(value)
    if not years or not all(_YEAR.match(year) for year in years):
        raise BadRequest(f"{name} takes years such as 2018 or 2018,2020, not {value!r}")
    return YearRange(int(min(years)), int(max(years)))


def _orcid(params: Mapping[str, str]) -> str | None:
    value = params.get("user-id")
    if value is None or not value.strip():
        return None
    match = _ORCID.search(value)
    if not match:
        raise BadRequest(f"user-id {value!r} is not an ORCID iD")
    return match.group(1).upper()


def _at_least(params: Mapping[str, str], name: str) -> int | None:
    """``has-citations=N``: DataCite's ``to_i``, so ``true`` counts as 0."""
    value = params.get(name)
    if value is None or not value.strip():
        return None
    return leading_integer(value)


def resource_type_slug(value: str) -> str:
    """``StudyRegistration``/``study_registration`` → ``study-registration`` (spec §4.2)."""
    underscored = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", value.strip()).lower()
    return underscored.replace("_", "-")


def doi_filters(params: Mapping[str, str]) -> DoiFilters:
    """The §4.2 filters of a request."""
    ids = params.get("ids")
    resource_type_ids = _values(params, "resource-type-id")
    return DoiFilters(
        ids=None if ids is None else _comma_list(ids),
        id=params.get("id") or None,
        states=_values(params, "state") or None,
        provider_ids=_values(params, "provider-id"),
        client_ids=_values(params, "client-id"),
        consortium_id=_text(params, "consortium-id"),
        prefixes=_values(params, "prefix"),
        resource_type_ids=None
        if resource_type_ids is None
        else tuple(resource_type_slug(value) for value in resource_type_ids),
        resource_types=_values(params, "resource-type"),
        created=_years(params, "created"),
        registered=_years(params, "registered"),
        published=_years(params, "published"),
        schema_version=_text(params, "schema-version"),
        subjects=_values(params, "subject"),
        fields_of_science=_values(params, "field-of-science"),
        licenses=_values(params, "license"),
        user_orcid=_orcid(params),
        affiliation_ids=_values(params, "affiliation-id"),
        funder_ids=_values(params, "funder-id"),
        sources=_values(params, "source"),
        certificates=_values(params, "certificate"),
        client_types=_values(params, "client-type"),
        # DataCite: any value, even an empty one
        has_person="has-person" in params,
        has_affiliation="has-affiliation" in params,
        has_organization="has-organization" in params,
        has_funder="has-funder" in params,
        min_citations=_at_least(params, "has-citations"),
        min_references=_at_least(params, "has-references"),
        min_parts=_at_least(params, "has-parts"),
        min_part_of=_at_least(params, "has-part-of"),
        min_versions=_at_least(params, "has-versions"),
        min_version_of=_at_least(params, "has-version-of"),
        min_views=_at_least(params, "has-views"),
        min_downloads=_at_least(params, "has-downloads"),
    )


def _disable_facets(value: str | None) -> bool | None:
    if value is None:
        return None
    if value.strip().lower() in ("true", "1"):
        return True
    return False if value.strip().lower() == "false" else None


def doi_query(params: Mapping[str, str]) -> DoiQuery:
    """The search a request asks for."""
    facets = params.get("facets")
    size, number = _int(params, "page[size]"), _int(params, "page[number]")
    return DoiQuery(
        query=params.get("query"),
        filters=doi_filters(params),
        sort=params.get("sort"),
        page_size=DoiQuery.page_size if size is None else size,
        page_number=DoiQuery.page_number if number is None else number,
        cursor=params.get("page[cursor]"),
        random=params.get("random", "").strip().lower() == "true",
        seed=_int(params, "seed"),
        sample=_int(params, "sample"),
        sample_group=SAMPLE_GROUPS.get(params.get("sample-group", "")),
        facets=None if facets is None else _comma_list(facets),
        disable_facets=_disable_facets(params.get("disable-facets")),
        detail=switched_on(params.get("detail")),
    )


def doi_rendering(params: Mapping[str, str]) -> DoiRendering:
    """The rendering options of a request."""
    fields = params.get("fields[dois]")
    return DoiRendering(
        affiliation=flag(params.get("affiliation")),
        publisher=flag(params.get("publisher")),
        composite=switched_on(params.get("composite")),
        include=include_names(params.get("include")),
        fields=None if fields is None else frozenset(_comma_list(fields)),
    )
