"""Derived resource types (schema.org, citeproc, BibTeX, RIS)."""

from __future__ import annotations

import pytest

from doiregistry.metadata.resource_types import (
    build_types,
    complete_types,
    crossref_key,
    derive_types,
    schema_org_type,
)


def test_dataset_example_from_the_spec() -> None:
    # spec §5.3: Dataset → Dataset/dataset/misc/DATA
    assert derive_types("Dataset") == {
        "schemaOrg": "Dataset",
        "citeproc": "dataset",
        "bibtex": "misc",
        "ris": "DATA",
    }


def test_defaults_from_the_spec() -> None:
    # spec §5.3: defaults CreativeWork/article/misc/GEN
    assert derive_types(None) == {
        "schemaOrg": "CreativeWork",
        "citeproc": "article",
        "bibtex": "misc",
        "ris": "GEN",
    }
    assert derive_types("StudyRegistration", "XML") == derive_types(None)


@pytest.mark.parametrize(
    ("general", "specific", "expected"),
    [
        # values DataCite returned for these records (json/api recordings)
        ("Text", "BlogPosting", ("ScholarlyArticle", "article-journal", "article", "RPRT")),
        ("Text", "Monograph", ("Book", "book", "book", "BOOK")),
        ("Text", "JournalArticle", ("ScholarlyArticle", "article-journal", "article", "JOUR")),
        ("Software", "XML", ("SoftwareSourceCode", "article", "misc", "COMP")),
        ("Collection", "Project", ("Collection", "article", "misc", "GEN")),
        ("Audiovisual", None, ("MediaObject", "article", "misc", "MPCT")),
        ("Preprint", "Article", ("CreativeWork", "article", "misc", "GEN")),
        ("JournalArticle", "Article", ("ScholarlyArticle", "article-journal", "article", "JOUR")),
        ("InteractiveResource", "InteractiveResource", ("CreativeWork", "article", "misc", "GEN")),
    ],
)
def test_values_datacite_returns(
    general: str, specific: str | None, expected: tuple[str, str, str, str]
) -> None:
    derived = derive_types(general, specific)
    assert (
        derived["schemaOrg"],
        derived["citeproc"],
        derived["bibtex"],
        derived["ris"],
    ) == expected


def test_free_text_type_is_matched_like_rails_camelize() -> None:
    assert crossref_key("journal-article") == "JournalArticle"
    assert crossref_key("JournalArticle") == "JournalArticle"
    assert crossref_key("dataset") == "Dataset"
    assert crossref_key("Journal Article") == "Journal article"  # no match, as in DataCite
    assert schema_org_type("Text", "journal-article") == "ScholarlyArticle"


def test_report_ris_type_is_fixed() -> None:
    assert derive_types("Report")["ris"] == "RPRT"


def test_article_citeproc_type_is_never_empty() -> None:
    assert derive_types("ConferencePaper") == {
        "schemaOrg": "Article",
        "citeproc": "article",
        "bibtex": "article",
        "ris": "GEN",
    }


def test_build_types_leaves_out_what_is_missing() -> None:
    assert build_types("Dataset", None) == {
        "resourceTypeGeneral": "Dataset",
        **derive_types("Dataset"),
    }
    assert "resourceTypeGeneral" not in build_types(None, "Thing")


def test_complete_types_keeps_given_values() -> None:
    given = {"resourceTypeGeneral": "Text", "schemaOrg": "BlogPosting", "citeproc": None}
    assert complete_types(given) == {
        "resourceTypeGeneral": "Text",
        "schemaOrg": "BlogPosting",
        "citeproc": "article-journal",
        "bibtex": "article",
        "ris": "RPRT",
    }
