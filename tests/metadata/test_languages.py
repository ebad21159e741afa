"""``language`` reduced to ISO 639-1 codes."""

from __future__ import annotations

import pytest

from doiregistry.metadata.languages import find_language, normalize_language


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        # pairs from recorded DataCite responses (XML value → stored language)
        ("eng", "en"),
        ("deu", "de"),
        ("en-us", "en"),
        ("en-US", "en"),
        ("en", "en"),
        ("ru", "ru"),
        ("nl", "nl"),
        # ISO 639-2 bibliographic code and English name
        ("ger", "de"),
        ("English", "en"),
        ("german", "de"),
    ],
)
def test_recognised_languages(given: str, stored: str) -> None:
    assert normalize_language(given) == stored


def test_codes_are_matched_case_sensitively() -> None:
    assert normalize_language("ENG") == "ENG"


def test_tags_without_iso_639_1_code_are_kept() -> None:
    assert normalize_language("gsw") == "gsw"  # ISO 639-2 only
    assert normalize_language("x-klingon") == "x-klingon"
    assert normalize_language("tlh-Latn") == "tlh-Latn"


def test_invalid_values_are_dropped() -> None:
    assert normalize_language("English (US)") is None
    assert normalize_language("12") is None
    assert normalize_language("") is None
    assert normalize_language(None) is None


def test_find_language() -> None:
    entry = find_language("fre")
    assert entry is not None and (entry.alpha2, entry.alpha3_terminologic) == ("fr", "fra")
    dutch = find_language("Dutch; Flemish")
    assert dutch is not None and dutch.alpha2 == "nl"
    assert find_language("Dutch") is None
