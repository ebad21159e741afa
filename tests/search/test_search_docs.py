"""docs/search.md names every field of the query language and every ``GET /dois`` facet."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final

import pytest

from doiregistry.search.dois.facets import DEFAULT_FACETS, FACETS
from doiregistry.search.query.fields import FIELDS

SEARCH_DOCS: Final = Path(__file__).resolve().parents[2] / "docs" / "search.md"


@pytest.fixture(scope="module")
def documented() -> set[str]:
    """Every ``code span`` of the page."""
    return set(re.findall(r"`([^`\n]+)`", SEARCH_DOCS.read_text()))


def test_every_query_field_is_documented(documented: set[str]) -> None:
    assert sorted(name for name in FIELDS if name not in documented) == []


def test_every_facet_is_documented(documented: set[str]) -> None:
    assert sorted(facet.name for facet in FACETS if facet.name not in documented) == []


def test_the_default_facets_are_listed_as_such() -> None:
    text = SEARCH_DOCS.read_text()
    listed = text.split("default facets:", 1)[1].split("On request", 1)[0]
    assert re.findall(r"`([^`]+)`", listed) == list(DEFAULT_FACETS)
