"""Creator and contributor names, as DataCite tidies and splits them."""

from __future__ import annotations

import pytest

from doiregistry.metadata.read_names import build_person, split_personal_name, tidy_name


@pytest.mark.parametrize(
    ("raw", "tidy"),
    [
        ("Smith J.", "Smith, J."),
        ("Kepert C.J.", "Kepert, C.J."),
        ("Petit - Jean", "Petit-Jean"),
        # title-casing as in DataCite's recorded names (10.21956/gatesopenres.530.r190)
        ("lina patel", "Lina Patel"),
        ("Van der A, Ronald", "Van Der A, Ronald"),
        ("University of Chicago", "University Of Chicago"),
        ("o'neil, ann", "O'neil, Ann"),  # DataCite capitalises the apostrophe, not the n
        ("\n  Allaart, Marc\n", "   Allaart, Marc "),
    ],
)
def test_tidy_name(raw: str, tidy: str) -> None:
    assert tidy_name(raw) == tidy


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("Rhodes, C", ("C", "Rhodes")),
        ("Aglieri Rinella, Gianluca", ("Gianluca", "Aglieri Rinella")),
        ("Ганичева, А.В.", ("А.В.", "Ганичева")),
        ("Jan C. Refsgaard", ("Jan C.", "Refsgaard")),
        ("Christian von Mering", ("Christian", "von Mering")),
        ("Petit-Jean-Genaz, Christine (Ed.)", (None, None)),
        ("Plato", (None, None)),
    ],
)
def test_split_personal_name(name: str, parts: tuple[str | None, str | None]) -> None:
    assert split_personal_name(name) == parts


def test_personal_names_from_comma_or_orcid() -> None:
    # as DataCite stored "Rhodes, C" (akita recording of 10.17863/cam.10544)
    assert build_person(name="Rhodes, C") == {
        "nameType": "Personal",
        "name": "Rhodes, C",
        "givenName": "C",
        "familyName": "Rhodes",
    }
    orcid = [
        {"nameIdentifier": "https://orcid.org/0000-0003-3060-6241", "nameIdentifierScheme": "ORCID"}
    ]
    person = build_person(name="Guillaume Cabanac", name_identifiers=orcid)
    assert (person["name"], person["givenName"], person["familyName"]) == (
        "Cabanac, Guillaume",
        "Guillaume",
        "Cabanac",
    )


def test_names_that_are_not_split() -> None:
    assert build_person(name="Xiaoyong Pan") == {"name": "Xiaoyong Pan"}
    assert build_person(name="U.S. Forest Service", name_type="Organizational") == {
        "nameType": "Organizational",
        "name": "U.S. Forest Service",
    }
    assert build_person(name="Enos, R.; Fowler, A.") == {"name": "Enos, R.; Fowler, A."}
    assert build_person(name="Lab", given="Orphan") == {"name": "Lab"}


def test_family_and_given_names_rebuild_the_name() -> None:
    # recorded 10.5438/6423: creatorName "Dasler, Robin", givenName "Robn" → name "Dasler, Robn"
    assert (
        build_person(name="Dasler, Robin", given="Robn", family="Dasler")["name"] == "Dasler, Robn"
    )
