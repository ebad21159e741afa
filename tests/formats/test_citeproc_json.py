"""Citeproc JSON: one CSL-JSON item per DOI."""

from __future__ import annotations

from tests.formats.records import STAGE_SINGLE, recorded_record

from doiregistry.formats.citeproc_json import citeproc


def test_journal_article_with_container() -> None:
    item = citeproc(recorded_record("10.1016_s0191-6599_01_00017-1", STAGE_SINGLE))
    assert item["type"] == "article-journal"
    assert item["id"] == "https://doi.org/10.1016/s0191-6599(01)00017-1"
    assert item["DOI"] == "10.1016/s0191-6599(01)00017-1"
    assert item["author"] == [{"family": "Draper", "given": "Anthony J."}]
    assert item["container-title"] == "History of European Ideas"
    assert (item["volume"], item["issue"], item["page"], item["page-first"]) == (
        "26",
        "3-4",
        "177-199",
        "177",
    )
    assert item["issued"] == {"date-parts": [[2012, 1, 3]]}
    assert item["publisher"] == "Informa UK Limited"


def test_software_with_version_is_a_book() -> None:
    item = citeproc(recorded_record("10.5281_zenodo.28518"))
    assert item["type"] == "book"
    assert item["author"] == [{"literal": "Jake Vanderplas"}, {"literal": "Alex Willmer"}]
    assert item["version"] == "v0.3.2"
    assert item["copyright"] == "Open Access"


def test_dataset_year_only_and_categories() -> None:
    item = citeproc(recorded_record("10.1594_pangaea.836178"))
    assert item["type"] == "dataset"
    assert item["issued"] == {"date-parts": [[2014]]}
    assert item["categories"] == [
        "Multiple investigations",
        "GReenland Analogue Surface Project (GRASP)",
    ]
    assert item["URL"] == "https://doi.pangaea.de/10.1594/PANGAEA.836178"


def test_editors_and_other_contributors() -> None:
    proceedings = citeproc(recorded_record("10.18429_jacow-ipac2016-tupmy003"))
    assert proceedings["editor"][0] == {"literal": "Petit-Jean-Genaz, Christine (Ed.)"}
    assert "contributor" not in proceedings
    dataset = citeproc(recorded_record("10.15125_bath-00114"))
    assert dataset["contributor"] == [{"literal": "University Of Bath"}]
    assert "editor" not in dataset
