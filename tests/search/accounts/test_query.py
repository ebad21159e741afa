"""The query language of the account lists: parsing, Python evaluation, scores, facet titles."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from doiregistry.search.accounts.facets import terms, titleize, years
from doiregistry.search.accounts.match import AccountDocument, matches, score
from doiregistry.search.accounts.query import (
    AccountField,
    FieldCatalogue,
    FieldKind,
    parse_account_query,
)
from doiregistry.search.query.parse import QuerySyntaxError
from doiregistry.search.query.tree import And, Exists, MatchAll, Not, Or, Phrase, Term, Wildcard

T, K, N, D = FieldKind.TEXT, FieldKind.KEYWORD, FieldKind.NUMBER, FieldKind.DATE
CATALOGUE = FieldCatalogue(
    [
        AccountField("symbol", K, 10),
        AccountField("name", T, 5),
        AccountField("system_email", T, 5, aliases=("contact_email",)),
        AccountField("description", T),
        AccountField("certificate", K, 3),
        AccountField("year", N),
        AccountField("created", D),
    ]
)
DOC = AccountDocument(
    {
        "symbol": ["DATACITE.TEST"],
        "name": ["Zürich Open Repository and Archive"],
        "system_email": ["support@zora.example.org"],
        "description": ["Research data of the university", None],
        "certificate": ["CoreTrustSeal", "WDS"],
        "year": [2019],
        "created": [datetime(2019, 5, 3, 12, tzinfo=UTC)],
    }
)


def test_parse_shapes() -> None:
    assert parse_account_query(None, CATALOGUE) == MatchAll()
    assert parse_account_query("  ", CATALOGUE) == MatchAll()
    assert parse_account_query("*", CATALOGUE) == MatchAll()
    assert parse_account_query("open data", CATALOGUE) == And(
        (Term(None, "open"), Term(None, "data"))
    )
    assert parse_account_query("a OR NOT b", CATALOGUE) == Or(
        (Term(None, "a"), Not(Term(None, "b")))
    )
    assert parse_account_query('name:"open repository"', CATALOGUE) == Phrase(
        ("name",), "open repository"
    )
    # camelCase and aliases resolve to the catalogue name
    assert parse_account_query("systemEmail:x", CATALOGUE) == Term(("system_email",), "x")
    assert parse_account_query("contact_email:x", CATALOGUE) == Term(("system_email",), "x")
    assert parse_account_query("symbol:DATA*", CATALOGUE) == Wildcard(("symbol",), "DATA*")
    assert parse_account_query("name:*", CATALOGUE) == Exists(("name",))
    assert parse_account_query("_exists_:description", CATALOGUE) == Exists(("description",))
    # URLs and e-mail addresses need no escaping
    assert parse_account_query("system_email:a@b.org", CATALOGUE) == Term(
        ("system_email",), "a@b.org"
    )


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("name:(open", "Unexpected end of expression"),
        ("colour:red", "Unknown field colour"),
        ("year:twenty", "year is a number field"),
        ("created:[yesterday TO *]", "created is a date field"),
        ("name:[a TO b]", "Ranges are not supported on the text field name"),
        ("[1 TO 2]", "A range needs a field"),
        ("name~2", "Fuzzy queries"),
        ('"a b"~2', "Proximity queries"),
        ("name:foo:bar", "Field foo inside another field"),
        ("x" * 5000, "longer than"),
        ("(" * 2000 + "a" + ")" * 2000, "nested too deeply"),
        ("NOT " * 1000 + "a", "nested too deeply"),
        ("-" * 4000 + "a", "nested too deeply"),
    ],
)
def test_syntax_errors_name_the_problem(query: str, message: str) -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        parse_account_query(query, CATALOGUE)
    assert message in str(caught.value)


def test_unknown_field_error_lists_the_fields_and_position() -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        parse_account_query("open AND colour:red", CATALOGUE)
    assert caught.value.position == 9
    assert "certificate, created, description, name, symbol, system_email, year" in str(
        caught.value
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("zurich", True),  # accents and case folded
        ("ZÜRICH archive", True),  # AND of words anywhere
        ("zurich missing", False),
        ("zurich OR missing", True),
        ("NOT zurich", False),
        ("-missing", True),
        ('"open repository"', True),  # consecutive words
        ('"repository open"', False),
        ("repos*", True),  # wildcard within a word
        ("re?earch", True),
        ("name:research", False),  # only the name field
        ("description:research", True),
        ("symbol:datacite.test", True),  # keywords: whole value, any case
        ("symbol:datacite", False),
        ("symbol:DATACITE.*", True),
        ("certificate:coretrustseal", True),
        ("certificate:core", False),
        ("coretrustseal", True),  # keywords are among the default fields
        ("support@zora.example.org", True),
        ("year:2019", True),
        ("year:[2015 TO 2018]", False),
        ("year:[2015 TO *]", True),
        ("year:>2018", True),
        ("year:<2019", False),
        ("created:2019-05", True),
        ("created:[2019 TO 2019]", True),  # an inclusive upper bound takes the whole year
        ("created:{2019 TO *]", False),  # an exclusive lower bound skips the whole year
        ("_exists_:description", True),
        ("_exists_:year AND NOT _exists_:name", False),
        ("certificate:[c TO d]", True),
    ],
)
def test_matching(query: str, expected: bool) -> None:
    assert matches(parse_account_query(query, CATALOGUE), DOC, CATALOGUE) is expected


def test_restricted_values_left_out_are_not_found() -> None:
    hidden = AccountDocument({"name": ["Zora"], "system_email": []})
    tree = parse_account_query("support@zora.example.org", CATALOGUE)
    assert not matches(tree, hidden, CATALOGUE)


def test_scores_add_the_boosts_of_the_fields_that_matched() -> None:
    other = AccountDocument({"symbol": ["X.Y"], "description": ["An archive"]})
    tree = parse_account_query("archive", CATALOGUE)
    assert score(tree, DOC, CATALOGUE) == 5.0  # name
    assert score(tree, other, CATALOGUE) == 1.0  # description
    assert score(parse_account_query("archive OR wds", CATALOGUE), DOC, CATALOGUE) == 8.0
    assert score(parse_account_query("NOT archive", CATALOGUE), DOC, CATALOGUE) is None
    assert score(MatchAll(), DOC, CATALOGUE) == 0.0


def test_rails_titleize() -> None:
    assert [titleize(v) for v in ("CoreTrustSeal", "WDS", "RatSWD", "DIN 31644")] == [
        "Core Trust Seal",
        "Wds",
        "Rat Swd",
        "Din 31644",
    ]
    assert titleize("project-related") == "Project Related"
    assert titleize("for-profit_provider") == "For Profit Provider"
    assert titleize("researchInstitution") == "Research Institution"
    assert titleize("with-repository") == "With Repository"


def test_term_buckets_by_count_then_id_and_top_ten() -> None:
    rows = [["b"], ["a"], ["b", "b"], ["c"], ["a"]] + [[f"z{i:02}"] for i in range(12)]
    buckets = terms(rows, str.upper)
    assert buckets[:3] == [
        {"id": "a", "title": "A", "count": 2},
        {"id": "b", "title": "B", "count": 2},  # a row counts once per value
        {"id": "c", "title": "C", "count": 1},
    ]
    assert len(buckets) == 10


def test_year_buckets_newest_first() -> None:
    stamps = [datetime(year, 1, 2, tzinfo=UTC) for year in range(2005, 2020)] + [
        datetime(2019, 6, 1, tzinfo=UTC)
    ]
    buckets = years(stamps)
    assert buckets[0] == {"id": "2019", "title": "2019", "count": 2}
    assert [b["id"] for b in buckets] == [str(y) for y in range(2019, 2009, -1)]
