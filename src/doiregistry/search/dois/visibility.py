"""Who sees which DOIs in lists (no leak of other repositories' drafts, spec Q1).

Everyone sees findable records; staff see every record; a repository admin
also sees its repository's records, a member or consortium admin those of its
members. :func:`scope_of` states that rule once; :func:`visible` renders it as
SQL, and the columnar filters render it as a numpy mask over the facet index.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, or_, true

from doiregistry.domain.principal import Principal, Role
from doiregistry.storage.tables import dois


@dataclass(frozen=True)
class Scope:
    """Besides the findable records: everything, or the records of some repositories or members."""

    everything: bool = False
    client_id: str | None = None
    provider_ids: tuple[str, ...] = ()


def scope_of(principal: Principal) -> Scope:
    if principal.is_staff:
        return Scope(everything=True)
    if principal.role is Role.CLIENT_ADMIN and principal.client_id:
        return Scope(client_id=principal.client_id)
    if principal.role in (Role.PROVIDER_ADMIN, Role.CONSORTIUM_ADMIN) and principal.provider_ids:
        return Scope(provider_ids=tuple(sorted(principal.provider_ids)))
    return Scope()


def visible(principal: Principal) -> ColumnElement[bool]:
    """The SQL condition on ``dois`` of the records the caller may list."""
    scope = scope_of(principal)
    findable = dois.c.state == "findable"
    if scope.everything:
        return true()
    if scope.client_id is not None:
        return or_(findable, dois.c.client_id == scope.client_id)
    if scope.provider_ids:
        return or_(findable, dois.c.provider_id.in_(scope.provider_ids))
    return findable
