"""OECD Fields of Science subjects from FOS and ANZSRC FOR subjects."""

from __future__ import annotations

import pytest

from doiregistry.metadata.fields_of_science import (
    FOS_SCHEME,
    FOS_SCHEME_URI,
    fos_for_anzsrc_code,
    fos_for_label,
    fos_for_subject,
    fos_labels,
    fos_subject,
)


def test_extra_subject_shape_from_the_spec() -> None:
    assert fos_subject("Mathematics") == {
        "subject": "FOS: Mathematics",
        "subjectScheme": "Fields of Science and Technology (FOS)",
        "schemeUri": "http://www.oecd.org/science/inno/38235147.pdf",
    }
    assert (FOS_SCHEME, FOS_SCHEME_URI) == (
        "Fields of Science and Technology (FOS)",
        "http://www.oecd.org/science/inno/38235147.pdf",
    )


def test_fos_labels() -> None:
    assert len(fos_labels()) == 48
    assert fos_for_label("Computer and information sciences") == "Computer and information sciences"
    assert (
        fos_for_label("FOS: Computer and information sciences")
        == "Computer and information sciences"
    )
    assert fos_for_label("computer and information sciences") is None


@pytest.mark.parametrize(
    ("subject", "field"),
    [
        # pairs DataCite stored (recorded responses 10.6084/m9.figshare.4234751.v1,
        # 10.4225/03/5a6931f57c654, 10.6084/m9.figshare.4906367.v1, 10.4121/uuid:…)
        (
            {"subject": "60102 Bioinformatics", "subjectScheme": "FOR"},
            "Computer and information sciences",
        ),
        ({"subject": "60114 Systems Biology", "subjectScheme": "FOR"}, "Biological sciences"),
        ({"subject": "90301 Biomaterials", "subjectScheme": "FOR"}, "Medical engineering"),
        (
            {"subject": "80704 Information Retrieval and Web Search", "subjectScheme": "FOR"},
            "Media and communications",
        ),
        ({"subject": "Information Systems"}, "Computer and information sciences"),
        ({"subject": "Business and Management"}, "Economics and business"),
        (
            {"subject": "FOS: Computer and information sciences"},
            "Computer and information sciences",
        ),
    ],
)
def test_subjects_datacite_mapped(subject: dict[str, str], field: str) -> None:
    assert fos_for_subject(subject) == field


def test_subjects_without_a_field() -> None:
    assert (
        fos_for_subject({"subject": "Library and Information Studies", "subjectScheme": "FOR"})
        is None
    )
    assert fos_for_subject({"subject": "80705 Informetrics", "subjectScheme": "FOR"}) == (
        "Media and communications"
    )
    assert fos_for_subject({"subject": "Psychology"}) == "Psychology"
    assert fos_for_subject({"subject": "Social Sciences"}) is None
    assert fos_for_subject({"subjectScheme": "FOR"}) is None


def test_anzsrc_codes_are_padded() -> None:
    assert fos_for_anzsrc_code("60102") == "Computer and information sciences"
    assert fos_for_anzsrc_code("030405") == "Basic medicine"
    assert fos_for_anzsrc_code("0101") is None  # padded to 000101
    assert fos_for_anzsrc_code("") is None
