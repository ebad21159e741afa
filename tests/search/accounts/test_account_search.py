"""The parts the repository and member lists share: checking the shared query values, the
shared filters on a row, and the sorts by name, creation and relevance."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import pytest

from doiregistry.domain.account_queries import AccountQuery
from doiregistry.domain.errors import BadRequest
from doiregistry.search.accounts.account_search import AccountSearch, name_orders
from doiregistry.search.accounts.match import AccountDocument
from doiregistry.search.accounts.query import AccountField, FieldCatalogue, FieldKind
from doiregistry.search.accounts.steps import Hit

FIELDS = FieldCatalogue(
    [AccountField("uid", FieldKind.KEYWORD), AccountField("name", FieldKind.TEXT)]
)


def row(account_id: str, name: str, created: datetime, consortium: str | None = None) -> Any:
    return SimpleNamespace(
        id=account_id, name=name, created=created, updated=created, consortium_id=consortium
    )


ROWS = [
    row("b", "Beta", datetime(2019, 5, 1, tzinfo=UTC), "cons"),
    row("a", "alpha", datetime(2021, 1, 1, tzinfo=UTC)),
    row("c", "Ćeta", datetime(2020, 3, 3, tzinfo=UTC), "cons"),
]


def document(item: Any) -> AccountDocument:
    return AccountDocument({"uid": [item.id], "name": [item.name]})


def found(query: AccountQuery, keep: Any = lambda item: True) -> list[str]:
    search = AccountSearch.of(query, FIELDS)
    hits = search.hits(
        ROWS,
        name_orders(lambda item: item.name),
        consortium_of=lambda item: item.consortium_id,
        keep=keep,
        document=document,
    )
    return [hit.item.id for hit in hits]


def test_the_default_sort_is_by_name_case_and_accent_insensitively() -> None:
    assert found(AccountQuery()) == ["a", "b", "c"]
    assert found(AccountQuery(sort="unknown")) == ["a", "b", "c"]
    assert found(AccountQuery(sort="-name")) == ["c", "b", "a"]


def test_sorts_by_creation() -> None:
    assert found(AccountQuery(sort="created")) == ["b", "c", "a"]
    assert found(AccountQuery(sort="-created")) == ["a", "c", "b"]


def test_relevance_goes_by_score_then_name() -> None:
    orders = name_orders(lambda item: item.name)
    key, descending = orders["relevance"]
    hits = [Hit(ROWS[0], 1.0), Hit(ROWS[1], 2.0), Hit(ROWS[2], 1.0)]
    assert [h.item.id for h in sorted(hits, key=key, reverse=descending)] == ["a", "b", "c"]


def test_shared_filters() -> None:
    assert found(AccountQuery(ids=["A", "c"])) == ["a", "c"]
    assert found(AccountQuery(year=["2019", "2020"])) == ["b", "c"]
    assert found(AccountQuery(from_date="2020-03-03")) == ["a", "c"]
    assert found(AccountQuery(until_date="2020-03-03")) == ["b", "c"]
    assert found(AccountQuery(consortium_id="CONS")) == ["b", "c"]
    assert found(AccountQuery(query="name:beta")) == ["b"]


def test_the_lists_own_filter_applies_too() -> None:
    assert found(AccountQuery(consortium_id="cons"), keep=lambda item: item.id != "b") == ["c"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (AccountQuery(query="name:(open", year=["x"]), "Unexpected end of expression"),
        (AccountQuery(year=["x"], from_date="soon"), "year must be a year"),
        (AccountQuery(from_date="soon", until_date="later"), "from-date must be a date"),
        (AccountQuery(until_date="later"), "until-date must be a date"),
    ],
)
def test_bad_values_are_bad_requests_in_order(query: AccountQuery, message: str) -> None:
    with pytest.raises(BadRequest, match=message):
        AccountSearch.of(query, FIELDS)
