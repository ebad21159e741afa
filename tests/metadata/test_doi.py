"""DOI syntax, case rules and suffix generation (spec §1.2, §5.5, §5.7)."""

from __future__ import annotations

import pytest

from doiregistry.metadata import doi


@pytest.mark.parametrize(
    ("number", "suffix"),
    [
        (123456, "003r-j076"),
        (1234578, "015n-mj18"),
        (1234579, "015n-mk15"),
        (122149076, "3mfp-6m52"),
    ],
)
def test_suffix_test_vectors(number: int, suffix: str) -> None:
    assert doi.encode_suffix(number) == suffix
    assert doi.generate_doi("10.14454", number) == f"10.14454/{suffix}"


def test_shoulder_test_vector() -> None:
    assert doi.generate_doi("10.14454/fk2", 123456) == "10.14454/fk2-003r-j076"


def test_random_doi_has_datacite_length_and_is_valid() -> None:
    generated = {doi.generate_doi("10.14454") for _ in range(50)}
    assert len(generated) > 45
    for value in generated:
        assert len(value) == 18
        assert doi.is_valid_new_doi(value)


def test_large_number_groups_in_fours_from_the_right() -> None:
    code = doi.encode_suffix(2**40)
    assert code.replace("-", "").startswith(doi.encode_base32(2**40))
    assert all(len(group) == 4 for group in code.split("-")[1:])


def test_seed_joins_all_digits() -> None:
    assert doi.seed_from_text("12-34x5") == 12345
    assert doi.seed_from_text("abc") is None


def test_checksum_matches_mod_97_10() -> None:
    for number in (0, 1, 97, 123456, 10**9):
        assert (number * 100 + doi.checksum(number)) % 97 == 1


@pytest.mark.parametrize(
    "value",
    ["10.5438/0012", "10.14454/fk2-003r-j076", "10.5072/a(b)c;d:e*f~g$h=i", "10.123456789/x"],
)
def test_valid_new_dois(value: str) -> None:
    assert doi.is_valid_new_doi(value)


@pytest.mark.parametrize(
    "value",
    ["10.aaaa03/x", "10.123/x", "11.5438/x", "10.5438/", "10.5438/with space", "10.5438/ä"],
)
def test_invalid_new_dois(value: str) -> None:
    assert not doi.is_valid_new_doi(value)


def test_generate_rejects_malformed_prefix() -> None:
    with pytest.raises(ValueError, match="not a DOI prefix"):
        doi.generate_doi("10.aaaa03")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("10.5438/ABCD", "10.5438/abcd"),
        ("doi:10.5438/ABCD", "10.5438/abcd"),
        ("https://doi.org/10.5438/Ab", "10.5438/ab"),
        ("http://dx.doi.org/10.5438/x/y", "10.5438/x/y"),
        ("not a doi", None),
    ],
)
def test_parse_doi_is_case_insensitive_and_lenient(value: str, expected: str | None) -> None:
    assert doi.parse_doi(value) == expected


def test_split_doi_lower_cases() -> None:
    assert doi.split_doi("10.5438/Foo/Bar") == ("10.5438", "foo/bar")
