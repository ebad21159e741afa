"""What a ``GET /dois`` search returns: one page of records, totals, next page, facets, counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from doiregistry.domain.doi_record import DoiRecord


@dataclass
class DoiSearchResult:
    records: list[DoiRecord]
    total: int
    total_pages: int
    #: the page number (``None`` on a cursor walk)
    page: int | None
    next_cursor: str | None = None
    next_page: int | None = None
    facets: dict[str, Any] = field(default_factory=dict)
    #: wanted facets that were not counted within the facet time budget
    facets_timed_out: list[str] = field(default_factory=list)
    #: relation counts of the returned records: doi id → {"citationCount": n, …}
    counts: dict[int, dict[str, int]] = field(default_factory=dict)
    #: related DOIs of the returned records: doi id → {"citations": [doi, …], …}
    related: dict[int, dict[str, list[str]]] = field(default_factory=dict)
