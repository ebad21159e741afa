"""What a caller asks of the DOI list (``GET /dois``, spec §4), as plain values.

The HTTP layer fills a :class:`DoiQuery` from query parameters; the search
service applies it. Values the search checks against its field catalogue or
its store (the query language, sort names, facet names) are kept as given.
Filters combine with AND; the values of one comma-separated filter with OR.
``None`` means "not asked for"; an empty tuple means "asked for, with no
value" (which matches nothing, as DataCite's empty ``terms`` filter does).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from doiregistry.domain.listing import DEFAULT_PAGE_SIZE

Values = tuple[str, ...] | None


class SampleGroup(Enum):
    """What ``sample-group`` groups a sample by."""

    CLIENT = "client"
    PROVIDER = "provider"
    RESOURCE_TYPE = "resource-type"


@dataclass(frozen=True)
class YearRange:
    """The years of a ``created``/``registered``/``published`` filter, both ends included."""

    first: int
    last: int


@dataclass(frozen=True)
class DoiFilters:
    """The filters of spec §4.2 (``state`` is applied with visibility, only when signed in)."""

    ids: Values = None
    id: str | None = None
    states: Values = None
    provider_ids: Values = None
    client_ids: Values = None
    consortium_id: str | None = None
    prefixes: Values = None
    resource_type_ids: Values = None
    resource_types: Values = None
    created: YearRange | None = None
    registered: YearRange | None = None
    published: YearRange | None = None
    schema_version: str | None = None
    subjects: Values = None
    fields_of_science: Values = None
    licenses: Values = None
    #: the bare ORCID iD (``0000-0002-1825-0097``)
    user_orcid: str | None = None
    affiliation_ids: Values = None
    funder_ids: Values = None
    sources: Values = None
    certificates: Values = None
    client_types: Values = None
    has_person: bool = False
    has_affiliation: bool = False
    has_organization: bool = False
    has_funder: bool = False
    #: ``has-citations=N`` and the like: at least N related records of the kind
    min_citations: int | None = None
    min_references: int | None = None
    min_parts: int | None = None
    min_part_of: int | None = None
    min_versions: int | None = None
    min_version_of: int | None = None
    min_views: int | None = None
    min_downloads: int | None = None


@dataclass(frozen=True)
class DoiQuery:
    """One ``GET /dois`` request: query, filters, order, page or sample, facets, detail."""

    query: str | None = None
    filters: DoiFilters = field(default_factory=DoiFilters)
    #: a sort expression such as ``-created``, checked by the search
    sort: str | None = None
    page_size: int = DEFAULT_PAGE_SIZE
    page_number: int = 1
    #: ``None``: numbered pages; ``""``: the first page of a cursor walk
    cursor: str | None = None
    random: bool = False
    seed: int | None = None
    #: records per group of a sample (1 when not given)
    sample: int | None = None
    sample_group: SampleGroup | None = None
    #: facet names as asked for (``None``: the default facets)
    facets: tuple[str, ...] | None = None
    #: ``True``: no facets; ``False``: the default facets even where they are off by default
    disable_facets: bool | None = None
    #: the stored XML and the related DOIs too
    detail: bool = False

    @property
    def cursor_mode(self) -> bool:
        return self.cursor is not None
