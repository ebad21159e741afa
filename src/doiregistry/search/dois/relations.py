"""Relation counts and related DOIs of listed or single records (``citationCount``, …).

The SQL is in :mod:`doiregistry.search.sql.relations`; this turns its related
record ids into the counts and (in detail mode) DOI lists the records render.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from sqlalchemy import Connection, select

from doiregistry.domain.doi_record import DoiRecord
from doiregistry.search.columnar.facet_index import FacetIndex
from doiregistry.search.sql.relations import related
from doiregistry.storage.tables import dois

COUNT_NAMES: Final = {
    "citations": "citationCount",
    "references": "referenceCount",
    "parts": "partCount",
    "partOf": "partOfCount",
    "versions": "versionCount",
    "versionOf": "versionOfCount",
}
#: related DOIs listed per group in detail mode
MAX_RELATED: Final = 25


@dataclass
class Relations:
    #: doi id → {"citationCount": n, …}; empty groups are left out (a missing count reads as 0)
    counts: dict[int, dict[str, int]] = field(default_factory=dict)
    #: doi id → {"citations": [doi, …], …}, only ``with_dois``; empty groups are left out
    related: dict[int, dict[str, list[str]]] = field(default_factory=dict)


def relations_of(
    connection: Connection, index: FacetIndex, records: Sequence[DoiRecord], *, with_dois: bool
) -> Relations:
    """Relation counts and, ``with_dois`` (detail mode), related DOIs (at most 25 per group)."""
    findable = None
    if index.seq >= 0:  # built by this process: its states spare a join per relation
        index.refresh()
        findable = index.findable
    found = related(connection, {record.id: record.doi for record in records}, findable)
    result = Relations(
        counts={
            x: {COUNT_NAMES[group]: len(ys) for group, ys in groups.items() if ys}
            for x, groups in found.items()
        }
    )
    if with_dois:
        wanted = {y for groups in found.values() for ys in groups.values() for y in ys}
        doi_of: dict[int, str] = {}
        if wanted:
            doi_of = {
                int(doi_id): doi
                for doi_id, doi in connection.execute(
                    select(dois.c.id, dois.c.doi).where(dois.c.id.in_(sorted(wanted)))
                )
            }
        result.related = {
            x: {
                group: sorted(doi_of[y] for y in ys)[:MAX_RELATED]
                for group, ys in groups.items()
                if ys
            }
            for x, groups in found.items()
        }
    return result
