"""The query language on a corpus of real records, on both backends, against the reference.

The reference evaluator (:mod:`doiregistry.search.query.reference`) states what a
query means over the stored JSON; the SQL of each backend must select exactly
those records. Queries come from the issue's list and from hypothesis.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.search.corpus import Corpus, reference_records

from doiregistry.api.rest.doi_params import doi_filters, doi_query
from doiregistry.domain.doi_query import DoiFilters, DoiQuery
from doiregistry.domain.errors import BadRequest
from doiregistry.domain.principal import Principal, Role
from doiregistry.search.columnar.filters import columnar_slots
from doiregistry.search.dois.account_names import account_names
from doiregistry.search.dois.filters import filter_trees
from doiregistry.search.dois.service import DoiSearch
from doiregistry.search.query.fields import FIELDS, Kind, Store
from doiregistry.search.query.parse import parse_query
from doiregistry.search.query.reference import Record, matches
from doiregistry.search.query.tokens import words
from doiregistry.search.query.tree import And, MatchAll

STAFF = Principal(Role.STAFF_ADMIN, uid="admin")
SEED_QUERIES = (
    "publicationYear:2016",
    "creators.nameIdentifiers.nameIdentifierScheme:ORCID",
    "climate",
    "creators.nameIdentifiers.nameIdentifier:*",
    "creators.familyName:mil*",
    "titles.title:(climate +change)",
    "(titles.title:(climate AND change) OR descriptions.description:(climate AND change)) "
    "AND (publicationYear:2023)",
    "publisher:DataCite",
    "doi:10.11570/18.0006",
    "creators.affiliation.name:DataCite",
    'titles.title:"CrowdoMeter Tweets"',
    "types.resourceTypeGeneral:Software AND types.resourceType:XML",
    "publisher:DataCite AND types.resourceTypeGeneral:(Text OR Dataset)",
    "subjects.subject:robot*",
    'creators.name:"Fenner, Martin" AND relatedIdentifiers.relationType:HasPart',
    "updated:[2023-01-01 TO 2023-03-31]",
    "publicationYear:[2010 TO *]",
    "_exists_:fundingReferences",
)
#: queries over this corpus that must find something (so that agreement is not vacuous)
NON_EMPTY = (
    "creators.nameIdentifiers.nameIdentifierScheme:ORCID",
    "creators.nameIdentifiers.nameIdentifier:*",
    "publisher:DataCite",
    "publicationYear:[2010 TO *]",
    "_exists_:fundingReferences",
    "creators.affiliation.name:DataCite",
    "publisher:DataCite AND types.resourceTypeGeneral:(Text OR Dataset)",
    "example",
    "titles.title:example*",
    "subjects.subject:*",
    "relatedIdentifiers.relationType:HasPart",
    "citationCount:[1 TO *]",
    "types.resourceTypeGeneral:Dataset AND NOT publicationYear:2020",
    "creators_and_contributors.nameIdentifiers.nameIdentifierScheme:ORCID",
    "geoLocations.geoLocationPoint.pointLatitude:[-90 TO 90]",
)


@pytest.fixture(scope="module")
def records(corpus: Corpus) -> list[Record]:
    return reference_records(corpus.database)


@pytest.fixture(scope="module")
def search(corpus: Corpus) -> DoiSearch:
    return DoiSearch(corpus.database)


def found(search: DoiSearch, query: str) -> set[str]:
    result = search.search(STAFF, DoiQuery(query=query, page_size=1000, disable_facets=True))
    assert result.total == len(result.records)
    return {record.doi for record in result.records}


def expected(records: list[Record], query: str) -> set[str]:
    tree = parse_query(query)
    return {r.columns["doi"] for r in records if matches(tree, r)}


@pytest.mark.parametrize("query", SEED_QUERIES + NON_EMPTY)
def test_queries_agree_with_the_reference(
    search: DoiSearch, records: list[Record], query: str
) -> None:
    assert found(search, query) == expected(records, query)


@pytest.mark.parametrize("query", NON_EMPTY)
def test_corpus_queries_find_something(records: list[Record], query: str) -> None:
    assert expected(records, query)


def test_default_fields_use_and(search: DoiSearch, records: list[Record]) -> None:
    both = found(search, "example title")
    assert both == found(search, "example AND title")
    assert both <= found(search, "example") & found(search, "title")


def test_doi_and_url_need_no_escaping(search: DoiSearch, corpus: Corpus) -> None:
    target = corpus.dois[2]
    assert found(search, f"doi:{target}") == {target}
    assert found(search, target.upper()) >= {target}
    assert found(search, "url:https://example.org/2") == {target}


def test_errors_name_the_problem_and_position(search: DoiSearch) -> None:
    for query, text in (
        ("nonsense:x", "Unknown field nonsense (at position 0)"),
        ("publicationYear:abc", "publicationYear expects a number"),
        ("titles.title:(a OR", "(at position 18)"),
        ("updated:[yesterday TO *]", "is not a date"),
        ("title~2", "Fuzzy queries"),
        ("creators:x", "creators is an object"),
    ):
        with pytest.raises(BadRequest) as caught:
            search.search(STAFF, DoiQuery(query=query))
        assert text in caught.value.title


# -- generated queries -------------------------------------------------------------------

SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/ ])')


def escape(value: str) -> str:
    return SPECIAL.sub(r"\\\1", value)


def _values(records: list[Record]) -> dict[str, list[Any]]:
    values: dict[str, list[Any]] = {}
    for record in records:
        for row in record.entry.values:
            if FIELDS[row.path].kind is not Kind.TEXT:
                values.setdefault(row.path, []).append(
                    row.value_num if row.value_num is not None else row.value
                )
        for name, field in FIELDS.items():
            if field.kind is Kind.TEXT and field.code in record.entry.words:
                for value in record.entry.words[field.code]:
                    if value:
                        values.setdefault(name, []).append(value)
    return values


class Pool(dict[str, list[Any]]):
    """Corpus values by field (short repr, so hypothesis reports stay readable)."""

    def __repr__(self) -> str:
        return f"<values of {len(self)} fields>"


@st.composite
def leaf(draw: st.DrawFn, values: Pool) -> str:
    name = draw(st.sampled_from(sorted(values)))
    field = FIELDS[name]
    value = draw(st.sampled_from(values[name]))
    shape = draw(st.sampled_from(["term", "wildcard", "range", "exists", "phrase"]))
    if shape == "exists":
        path = name if draw(st.booleans()) else name.split(".")[0]
        return f"_exists_:{path}"
    if field.kind is Kind.TEXT:
        assert isinstance(value, list)
        start = draw(st.integers(0, len(value) - 1))
        if shape == "phrase" and len(value) > 1:
            return f'{name}:"{" ".join(value[start : start + 2])}"'
        word = value[start]
        if shape == "wildcard" and len(word) > 1:
            cut = draw(st.integers(1, len(word) - 1))
            pattern = word[:cut] + draw(st.sampled_from(["*", "?" * (len(word) - cut)]))
            return f"{name}:{pattern}"
        return f"{name}:{escape(word)}"
    text = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    if shape == "range" and field.store is Store.VALUES and value is not None:
        other = str(draw(st.sampled_from(values[name])))
        low, high = (
            sorted([text, other])
            if field.kind is not Kind.NUMBER
            else sorted([float(text), float(other)])
        )
        brackets = draw(st.sampled_from(["[]", "{}", "[}"]))
        return f"{name}:{brackets[0]}{escape(str(low))} TO {escape(str(high))}{brackets[1]}"
    if shape == "wildcard" and len(text) > 2 and field.kind is not Kind.NUMBER:
        return f"{name}:{escape(text[: len(text) // 2])}*"
    return f'{name}:"{text}"' if " " in text else f"{name}:{escape(text)}"


def combine(parts: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        parts,
        st.tuples(parts, parts).map(lambda p: f"({p[0]} AND {p[1]})"),
        st.tuples(parts, parts).map(lambda p: f"({p[0]} OR {p[1]})"),
        parts.map(lambda p: f"NOT {p}"),
        st.tuples(parts, parts).map(lambda p: f"{p[0]} -{p[1]}"),
    )


def test_generated_queries_agree_with_the_reference(
    search: DoiSearch, records: list[Record]
) -> None:
    values = Pool(_values(records))
    queries = st.recursive(leaf(values), combine, max_leaves=4)

    @settings(max_examples=250, deadline=None, suppress_health_check=list(HealthCheck))
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        query = data.draw(queries, label="query")
        assert found(search, query) == expected(records, query), query

    check()


def test_words_of_generated_text_survive_the_tokenizer() -> None:
    assert words("Zürich-Nord, 2024!") == ["zurich", "nord", "2024"]


@pytest.mark.parametrize(
    "query", ["(" * 100 + "a" + ")" * 100, "-" * 3000 + "a", "NOT " * 900 + "a"]
)
def test_deep_nesting_is_a_400(search: DoiSearch, query: str) -> None:
    with pytest.raises(BadRequest, match="nested deeper"):
        search.search(STAFF, DoiQuery(query=query))


def _filter_values(records: list[Record]) -> list[dict[str, str]]:
    """One request per §4.2 filter, each with a value that the corpus holds."""

    def first(path: str) -> str:
        for record in records:
            for value in _leaf_values(record.attributes, path.split(".")):
                if value:
                    return str(value)
        return "none"

    return [
        {"affiliation-id": first("creators.affiliation.affiliationIdentifier")},
        {"funder-id": first("fundingReferences.funderIdentifier")},
        {"license": first("rightsList.rightsIdentifier")},
        {"subject": first("subjects.subject")},
        {"resource-type": first("types.resourceType")},
        {"has-person": "true"},
        {"has-affiliation": ""},
        {"has-organization": "yes"},
        {"has-funder": "true"},
        {"has-person": "true", "resource-type-id": "dataset"},
        {
            "affiliation-id": first("creators.affiliation.affiliationIdentifier"),
            "published": "2020",
        },
    ]


def _leaf_values(node: Any, parts: list[str]) -> list[Any]:
    if isinstance(node, list):
        return [value for item in node for value in _leaf_values(item, parts)]
    if not parts:
        return [node]
    if not isinstance(node, dict):
        return []
    return _leaf_values(node.get(parts[0]), parts[1:])


def test_filters_agree_with_the_reference_on_both_paths(
    search: DoiSearch, records: list[Record]
) -> None:
    """Numpy masks (default order) and SQL (DOI order) select what the reference selects."""
    with search.database.read() as connection:
        accounts = account_names(connection)
    sizes = []
    for params in _filter_values(records):
        filters = doi_filters(params)
        trees = filter_trees(filters, accounts)
        wanted = {
            r.columns["doi"] for r in records if all(matches(tree, r) for tree in trees.values())
        }
        sizes.append(len(wanted))
        for order in ({}, {"sort": "name"}):
            request = {**params, **order, "page[size]": "1000", "disable-facets": "true"}
            result = search.search(STAFF, doi_query(request))
            assert result.total == len(wanted), (params, order)
            assert {record.doi for record in result.records} == wanted, (params, order)
        tree = And((MatchAll(), *trees.values()))
        numpy_path = columnar_slots(search.facet_index, STAFF, DoiFilters(), tree)
        assert numpy_path is not None, params  # every one of these is answered from masks
    assert sum(1 for size in sizes if size) >= 8, sizes
