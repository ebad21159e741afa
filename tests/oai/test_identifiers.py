"""Record identifiers: ``doi:`` plus the lower-case DOI, and the configured ``oai:`` form."""

from __future__ import annotations

import pytest

from doiregistry.oai.errors import OaiError
from doiregistry.oai.identifiers import doi_of, identifier_of


def test_identifiers_are_doi_and_the_lower_case_doi() -> None:
    assert identifier_of("10.5072/ABC") == "doi:10.5072/abc"
    assert doi_of("doi:10.5072/ABC") == "10.5072/abc"
    assert doi_of("DOI:10.5072/abc") == "10.5072/abc"


def test_oai_identifiers_only_when_configured() -> None:
    assert doi_of("oai:oai.example.org:10.5072/abc", "oai.example.org") == "10.5072/abc"
    with pytest.raises(OaiError):
        doi_of("oai:oai.example.org:10.5072/abc")
    with pytest.raises(OaiError):
        doi_of("oai:other.org:10.5072/abc", "oai.example.org")


@pytest.mark.parametrize(
    "identifier",
    [
        "10.5072/abc",
        "",
        "doi:",
        "doi:abc",
        "xyz:10.5072/abc",
        "oai:oai.datacite.org:12425",
        "doi:10.5072/a b",
        "doi:10.5072/" + "x" * 300,
    ],
)
def test_unknown_or_illegal_identifiers(identifier: str) -> None:
    with pytest.raises(OaiError) as caught:
        doi_of(identifier, "oai.example.org")
    assert caught.value.code == "idDoesNotExist"
    assert identifier in caught.value.message
