"""How much one ``GET /dois`` search may cost: query bounds and time budgets (settings)."""

from __future__ import annotations

from dataclasses import dataclass, field

from doiregistry.search.query.bounds import QueryLimits


@dataclass(frozen=True)
class SearchBudgets:
    """The bounds a query must keep and the time its statements and facets may take."""

    query_limits: QueryLimits = field(default_factory=QueryLimits)
    #: statements of one search (SQLite: all of them; PostgreSQL: each one)
    time_budget_ms: int = 10_000
    #: counting the facets of one search; facets not counted in time are reported
    facet_time_budget_ms: int = 2_000
