"""Generated DOI names for ``GET /dois/random`` (spec §5.7)."""

from __future__ import annotations

import pytest

from doiregistry.metadata.doi import generate_doi
from doiregistry.registry.dois.random_names import MAX_NAMES, InvalidParameter, random_names


@pytest.mark.parametrize("prefix", [None, ""])
def test_a_prefix_is_required(prefix: str | None) -> None:
    with pytest.raises(InvalidParameter) as raised:
        random_names(prefix, 1)
    assert (raised.value.status, raised.value.title) == (422, "Parameter prefix is required")


@pytest.mark.parametrize("prefix", ["10.aaaa03", "11.5438", "10.5438x/shoulder"])
def test_the_prefix_must_be_a_doi_prefix(prefix: str) -> None:
    with pytest.raises(InvalidParameter) as raised:
        random_names(prefix, 1)
    assert raised.value.title == f"Prefix {prefix} is not a valid DOI prefix"


def test_a_seed_makes_the_names_deterministic() -> None:
    names = random_names("10.14454", 3, 122149076)
    assert names == [generate_doi("10.14454", 122149076 + index) for index in range(3)]
    assert names == random_names("10.14454", 3, 122149076)


def test_a_shoulder_is_kept_and_the_count_is_capped() -> None:
    assert all(name.startswith("10.5438/lab-") for name in random_names("10.5438/lab", 2))
    assert len(random_names("10.5438", MAX_NAMES + 5, 1)) == MAX_NAMES
