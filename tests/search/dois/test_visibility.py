"""Who sees which DOIs in lists: the rule per role, and its SQL and numpy renderings
selecting the same records as the reference (both backends)."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from tests.search.corpus import Corpus, principal, reference_records

from doiregistry.domain.doi_query import DoiFilters
from doiregistry.domain.principal import ANONYMOUS, Principal, Role
from doiregistry.search.columnar.filters import columnar_slots
from doiregistry.search.dois.service import DoiSearch
from doiregistry.search.dois.visibility import Scope, scope_of, visible
from doiregistry.search.query.tree import MatchAll
from doiregistry.storage.tables import dois

STAFF = Principal(Role.STAFF_ADMIN, uid="admin")
MEMBER = Principal(Role.PROVIDER_ADMIN, uid="datacite", provider_ids=frozenset({"datacite"}))


def test_scope_per_role() -> None:
    assert scope_of(STAFF) == Scope(everything=True)
    assert scope_of(ANONYMOUS) == Scope()
    assert scope_of(principal("example.repo")) == Scope(client_id="example.repo")
    assert scope_of(MEMBER) == Scope(provider_ids=("datacite",))
    consortium = Principal(Role.CONSORTIUM_ADMIN, uid="c", provider_ids=frozenset({"b", "a"}))
    assert scope_of(consortium) == Scope(provider_ids=("a", "b"))
    # an admin without an account to manage sees what everyone sees
    assert scope_of(Principal(Role.CLIENT_ADMIN, uid="x")) == Scope()
    assert scope_of(Principal(Role.PROVIDER_ADMIN, uid="y")) == Scope()


@pytest.mark.parametrize(
    "who", [STAFF, ANONYMOUS, MEMBER, principal("example.repo"), principal("datacite.test")]
)
def test_sql_and_facet_index_agree_with_the_rule(corpus: Corpus, who: Principal) -> None:
    records = reference_records(corpus.database)
    wanted = {
        r.columns["doi"]
        for r in records
        if who.is_staff
        or r.columns["state"] == "findable"
        or r.columns["client_id"] == who.client_id
        or r.columns["provider_id"] in who.provider_ids
    }
    with corpus.database.read() as connection:
        in_sql = set(connection.execute(select(dois.c.doi).where(visible(who))).scalars())
    assert in_sql == wanted
    search = DoiSearch(corpus.database)
    found = columnar_slots(search.facet_index, who, DoiFilters(), MatchAll())
    assert found is not None
    with corpus.database.read() as connection:
        ids = [int(i) for i in found.ids]
        in_index = set(connection.execute(select(dois.c.doi).where(dois.c.id.in_(ids))).scalars())
    assert in_index == wanted
    assert len(wanted) < len(records) or who.is_staff
