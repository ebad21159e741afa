"""BibTeX: entry type from the resource type, keyed by the DOI's resolver URL."""

from __future__ import annotations

from tests.formats.records import STAGE_SINGLE, recorded_record

from doiregistry.formats.bibtex import bibtex, bibtex_fields


def test_journal_article() -> None:
    text = bibtex(recorded_record("10.1016_s0191-6599_01_00017-1", STAGE_SINGLE))
    assert text == (
        "@article{https://doi.org/10.1016/s0191-6599(01)00017-1,\n"
        "  doi = {10.1016/s0191-6599(01)00017-1},\n"
        "  url = {https://www.tandfonline.com/doi/full/10.1016/S0191-6599%2801%2900017-1},\n"
        "  author = {Draper, Anthony J.},\n"
        "  title = {Cesare Beccaria's influence on English discussions of punishment, 1764–1789},\n"
        "  journal = {History of European Ideas},\n"
        "  volume = {26},\n"
        "  issue = {3-4},\n"
        "  pages = {177-199},\n"
        "  publisher = {Informa UK Limited},\n"
        "  year = {2012}\n"
        "}"
    )


def test_dataset_is_misc_with_keywords_and_organisation_authors() -> None:
    fields = bibtex_fields(recorded_record("10.4232_1.2745"))
    assert fields["author"] == "{Europäische Kommission}"
    assert fields["keywords"].startswith("KAT12 International Institutions, Relations, Conditions")
    assert fields["language"] == "en"
    assert fields["year"] == 1996
    assert bibtex(recorded_record("10.4232_1.2745")).startswith(
        "@misc{https://doi.org/10.4232/1.2745,\n"
    )


def test_many_authors_joined_with_and() -> None:
    fields = bibtex_fields(recorded_record("10.1594_pangaea.836178"))
    assert fields["author"].startswith("Johansson, Emma and Berglund, Sten and ")
    assert fields["copyright"] == "Creative Commons Attribution 3.0 Unported"
