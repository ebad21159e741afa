"""Counts derived from DOI relations between records in the store (spec §4.2 ``has-*``).

``X`` has a citation from ``Y`` when ``Y`` says it cites/references ``X`` or
``X`` says it is cited/referenced by ``Y``; likewise for references, parts and
versions. Only findable records count, each at most once.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final

from sqlalchemy import Connection, Select, any_, bindparam, func, literal, select, union
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.sql.elements import ColumnElement

from doiregistry.storage.tables import doi_relations, dois

#: group → (relation types on X pointing at Y, relation types on Y pointing at X)
GROUPS: Final[dict[str, tuple[frozenset[str], frozenset[str]]]] = {
    "references": (frozenset({"References", "Cites"}), frozenset({"IsReferencedBy", "IsCitedBy"})),
    "citations": (frozenset({"IsReferencedBy", "IsCitedBy"}), frozenset({"References", "Cites"})),
    "parts": (frozenset({"HasPart"}), frozenset({"IsPartOf"})),
    "partOf": (frozenset({"IsPartOf"}), frozenset({"HasPart"})),
    "versions": (frozenset({"HasVersion"}), frozenset({"IsVersionOf"})),
    "versionOf": (frozenset({"IsVersionOf"}), frozenset({"HasVersion"})),
}
#: groups that no local data feeds (usage statistics): always zero
ALWAYS_ZERO: Final = frozenset({"views", "downloads"})
OPERATORS: Final[dict[str, Callable[[Any, Any], Any]]] = {
    "==": operator.eq,
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
}


def pairs(group: str, subjects: Sequence[int] | None = None) -> Select[int, int]:
    """Distinct (x, y) record-id pairs of ``group``, optionally only for x in ``subjects``."""
    outgoing, incoming = GROUPS[group]
    target, source, subject = dois.alias("target"), dois.alias("source"), dois.alias("subject")
    forward = (
        select(doi_relations.c.doi_id.label("x"), target.c.id.label("y"))
        .join(target, target.c.doi == doi_relations.c.related_doi)
        .where(
            doi_relations.c.relation_type.in_(sorted(outgoing)),
            target.c.state == "findable",
            target.c.id != doi_relations.c.doi_id,
        )
    )
    backward = (
        select(subject.c.id.label("x"), doi_relations.c.doi_id.label("y"))
        .join(subject, subject.c.doi == doi_relations.c.related_doi)
        .join(source, source.c.id == doi_relations.c.doi_id)
        .where(
            doi_relations.c.relation_type.in_(sorted(incoming)),
            source.c.state == "findable",
            subject.c.id != doi_relations.c.doi_id,
        )
    )
    if subjects is not None:
        forward = forward.where(doi_relations.c.doi_id.in_(list(subjects)))
        backward = backward.where(subject.c.id.in_(list(subjects)))
    combined = union(forward, backward).subquery()
    return select(combined.c.x, combined.c.y)


def _one_of(column: ColumnElement[Any], values: list[Any], postgres: bool) -> ColumnElement[bool]:
    """``column IN values``; on PostgreSQL ``= ANY(array)``: one parameter instead of a
    thousand, so the driver parses (and caches) a short statement."""
    if postgres:
        return column == any_(bindparam(None, values, type_=ARRAY(column.type)))
    return column.in_(values)


def related(
    connection: Connection,
    subjects: Mapping[int, str],
    findable: Callable[[set[int]], set[int]] | None = None,
) -> dict[int, dict[str, set[int]]]:
    """For records ``{id: doi}``: their related record ids per group (two queries in all).

    ``findable`` picks the findable ones among record ids (from an in-memory
    index); without it the queries join ``dois`` to read each related
    record's state, which on a large PostgreSQL store means a heap fetch per
    relation.
    """
    found: dict[int, dict[str, set[int]]] = {x: {g: set() for g in GROUPS} for x in subjects}
    if not subjects:
        return found
    relation = doi_relations
    target, source = dois.alias("target"), dois.alias("source")
    postgres = connection.dialect.name == "postgresql"
    forward = (
        select(relation.c.doi_id, target.c.id, relation.c.relation_type)
        .select_from(relation)
        .join(target, target.c.doi == relation.c.related_doi)
        .where(_one_of(relation.c.doi_id, list(subjects), postgres))
    )
    id_of = {doi: doi_id for doi_id, doi in subjects.items()}
    backward = select(relation.c.related_doi, relation.c.doi_id, relation.c.relation_type).where(
        _one_of(relation.c.related_doi, list(id_of), postgres)
    )
    if findable is None:
        forward = forward.where(target.c.state == "findable")
        backward = backward.join(source, source.c.id == relation.c.doi_id).where(
            source.c.state == "findable"
        )
    rows: list[tuple[int, int, str, bool]] = [
        (int(x), int(y), kind, True) for x, y, kind in connection.execute(forward)
    ]
    rows += [(id_of[doi], int(y), kind, False) for doi, y, kind in connection.execute(backward)]
    if findable is not None:
        visible = findable({y for _, y, _, _ in rows})
        rows = [row for row in rows if row[1] in visible]
    for x, y, kind, outward in rows:
        if x == y:
            continue
        for group, (outgoing, incoming) in GROUPS.items():
            if kind in (outgoing if outward else incoming):
                found[x][group].add(y)
    return found


def counts(group: str, subjects: Sequence[int] | None = None) -> Select[int, int]:
    """(x, count) for every record with a non-zero count in ``group``."""
    pair_rows = pairs(group, subjects).subquery()
    return select(pair_rows.c.x, func.count().label("c")).group_by(pair_rows.c.x)


def count_condition(group: str, op: str, number: float) -> ColumnElement[bool]:
    """A condition on ``dois.id``: the record's count in ``group`` compares ``op`` ``number``."""
    compare = OPERATORS[op]
    zero_matches = bool(compare(0, number))
    if group in ALWAYS_ZERO:
        return literal(zero_matches)
    grouped = counts(group).subquery()
    condition: ColumnElement[bool] = dois.c.id.in_(
        select(grouped.c.x).where(compare(grouped.c.c, number))
    )
    if zero_matches:
        condition = condition | dois.c.id.not_in(select(grouped.c.x))
    return condition


def citation_count_key() -> ColumnElement[Any]:
    """A record's citation count as a sort key (``sort=citations``), 0 when uncited."""
    grouped = counts("citations").subquery()
    return func.coalesce(
        select(grouped.c.c).where(grouped.c.x == dois.c.id).scalar_subquery(), 0
    ).label("citations")
