"""Formatted citations with citeproc-py: APA by default, other styles and locales, fallbacks."""

from __future__ import annotations

import dataclasses
import warnings

import pytest
from tests.formats.records import STAGE_SINGLE, recorded_record

from doiregistry.formats.citation import citation, citeproc_py_item, locale_name, style_path


def test_apa_journal_article() -> None:
    text = citation(recorded_record("10.1016_s0191-6599_01_00017-1", STAGE_SINGLE))
    assert text == (
        "Draper, A. J. (2012). Cesare Beccaria's influence on English discussions of punishment, "
        "1764–1789. <i>History of European Ideas</i>, <i>26</i>(3-4), 177–199. "
        "https://doi.org/10.1016/s0191-6599(01)00017-1"
    )


def test_apa_dataset_and_software() -> None:
    dataset = citation(recorded_record("10.15125_bath-00114"))
    assert dataset.startswith("Bimbo, N., &amp; Ting, V. (2015). <i>Dataset for")
    assert "(Version 1) [Dataset]. University of Bath. https://doi.org/10.15125/bath-00114" in (
        dataset
    )
    software = citation(recorded_record("10.5281_zenodo.28518"))
    assert software == (
        "Jake Vanderplas, &amp; Alex Willmer. (2015). <i>Supersmoother: Minor Bug Fix Release</i> "
        "(Version v0.3.2). Zenodo. https://doi.org/10.5281/zenodo.28518"
    )


def test_ieee_has_initials_first_and_no_citation_number() -> None:
    text = citation(recorded_record("10.1016_s0191-6599_01_00017-1", STAGE_SINGLE), "ieee")
    assert text.startswith("A. J. Draper, “Cesare Beccaria")
    assert not text.startswith("[1]")


def test_other_styles() -> None:
    record = recorded_record("10.1594_pangaea.836178")
    harvard = citation(record, "harvard-cite-them-right")
    assert harvard.startswith("Johansson, E. <i>et al.</i> (2014) “Hydrological")
    chicago = citation(record, "chicago-author-date")
    assert chicago.startswith("Johansson, E., S. Berglund, T. Lindborg, et al. 2014.")


def test_unknown_style_falls_back_to_apa_in_us_english() -> None:
    record = recorded_record("10.5281_zenodo.28518")
    apa = citation(record)
    assert citation(record, "no-such-style") == apa
    assert citation(record, "../../../etc/passwd") == apa
    assert citation(record, "/etc/passwd", "de-DE") == apa
    assert citation(record, None, "xx-XX") == apa


def test_locale_is_used() -> None:
    record = recorded_record("10.1594_pangaea.836178")
    assert "[Dataset]" in citation(record, "apa", "en-US")
    german = citation(record, "apa", "de-DE")
    assert german.startswith("Johansson, E., Berglund, S.")
    assert "[Datensatz]" in german


def test_record_text_is_html_escaped() -> None:
    record = recorded_record("10.5281_zenodo.28518")
    titles = [{"title": "a < b & <i>c</i>"}]
    changed = dataclasses.replace(record, attributes={**record.attributes, "titles": titles})
    assert "<i>a &lt; b &amp; &lt;i&gt;c&lt;/i&gt;</i>" in citation(changed)


def test_citeproc_py_gets_no_unsupported_keys() -> None:
    record = recorded_record("10.15125_bath-00114")
    item = citeproc_py_item(
        {
            "id": "x",
            "type": "dataset",
            "categories": ["a"],
            "copyright": "c",
            "contributor": [{"literal": "X"}],
            "issued": {"date-parts": [[]]},
            "author": [{"given": "A", "literal": "B"}, {}],
        }
    )
    assert item == {"id": "x", "type": "dataset", "author": [{"literal": "B"}]}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        citation(record)


@pytest.mark.parametrize(
    "name", ["apa", "ieee", "harvard-cite-them-right", "modern-language-association"]
)
def test_style_path(name: str) -> None:
    path = style_path(name)
    assert path is not None and path.endswith(f"{name}.csl")


def test_locale_name() -> None:
    assert locale_name("de-DE") == "de-DE"
    assert locale_name("de") == "de"
    assert locale_name("../x") == "en-US"
    assert locale_name(None) == "en-US"
