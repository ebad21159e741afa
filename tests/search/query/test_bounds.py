"""The query bounds: what counts as a clause, a wildcard term, a leading wildcard, a level."""

from __future__ import annotations

import pytest

from doiregistry.search.query.bounds import QueryLimits, QueryTooExpensive, check_bounds
from doiregistry.search.query.errors import QuerySyntaxError
from doiregistry.search.query.parse import parse_query
from doiregistry.search.query.tree import MatchAll

TIGHT = QueryLimits(max_clauses=3, max_wildcards=2, max_leading_wildcards=1, max_depth=3)


def test_defaults_are_those_documented() -> None:
    assert QueryLimits() == QueryLimits(
        max_clauses=1024, max_wildcards=32, max_leading_wildcards=4, max_depth=20
    )


@pytest.mark.parametrize(
    "query",
    ["a b c", "a OR titles.title:b OR publicationYear:[2000 TO 2010]", "ab* *b", "a AND (b OR c)"],
)
def test_queries_within_the_limits_pass(query: str) -> None:
    check_bounds(parse_query(query), TIGHT)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            "a b c _exists_:titles",
            "The query has 4 clauses; at most 3 are allowed (DOIREGISTRY_MAX_QUERY_CLAUSES)",
        ),
        (
            "a* b? c*d",
            "The query has 3 wildcard terms; at most 2 are allowed "
            "(DOIREGISTRY_MAX_QUERY_WILDCARDS)",
        ),
        (
            "*a ?b",
            "The query has 2 terms that start with a wildcard; at most 1 are allowed "
            "(DOIREGISTRY_MAX_QUERY_LEADING_WILDCARDS)",
        ),
        (
            "a OR (b AND (c OR NOT d))",
            "The query is nested deeper than 3 levels (5; DOIREGISTRY_MAX_QUERY_DEPTH)",
        ),
    ],
)
def test_each_limit_names_itself_and_its_setting(query: str, message: str) -> None:
    with pytest.raises(QueryTooExpensive) as caught:
        parse_query(query, TIGHT)
    assert caught.value.message == message
    assert isinstance(caught.value, QuerySyntaxError)


def test_match_all_is_no_clause() -> None:
    check_bounds(MatchAll(), QueryLimits(max_clauses=0))
    assert parse_query("*:*") == MatchAll()


def test_a_field_wildcard_matching_everything_is_no_wildcard_term() -> None:
    # ``titles.title:*`` is an existence test, not a scan of every word
    check_bounds(parse_query("titles.title:* OR creators.name:*"), TIGHT)


def test_escaped_stars_are_not_wildcards() -> None:
    check_bounds(parse_query(r"\*a \*b \*c"), TIGHT)


def test_the_default_limits_apply_when_none_are_given() -> None:
    with pytest.raises(QueryTooExpensive, match="DOIREGISTRY_MAX_QUERY_WILDCARDS"):
        parse_query(" ".join(f"a{i}*" for i in range(33)))
