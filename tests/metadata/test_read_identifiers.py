"""Recognising DOIs, ORCID iDs, ROR ids, Crossref Funder IDs and URLs."""

from __future__ import annotations

import pytest

from doiregistry.metadata.read_identifiers import (
    clean_url,
    doi_as_url,
    identifier_type,
    normalize_id,
    normalize_orcid,
    normalize_ror,
    validate_doi,
    validate_funder_doi,
    validate_orcid,
)


@pytest.mark.parametrize(
    "value",
    [
        "10.5438/0000-00SS",
        "doi:10.5438/0000-00ss",
        "https://doi.org/10.5438/0000-00SS",
        "http://dx.doi.org/10.5438/0000-00ss",
        "https://handle.test.datacite.org/10.5438/0000-00ss",
        "10.5438/0000-\u200b00ss",
    ],
)
def test_dois_are_recognised_and_lower_cased(value: str) -> None:
    assert validate_doi(value) == "10.5438/0000-00ss"


@pytest.mark.parametrize(
    "value", ["", None, "10.123/x", "https://example.org/10.5438/x", " 10.5438/x"]
)
def test_not_dois(value: str | None) -> None:
    assert validate_doi(value) is None


def test_doi_url() -> None:
    assert (
        doi_as_url("10.1016/s0191-6599(01)00017-1")
        == "https://doi.org/10.1016/s0191-6599(01)00017-1"
    )
    assert normalize_id("10.5281/ZENODO.1239") == "https://doi.org/10.5281/zenodo.1239"


@pytest.mark.parametrize(
    "value",
    [
        # funder identifiers as written in recorded XML; DataCite stored the URL form
        "https://doi.org/10.13039/501100000780",
        "http://dx.doi.org/10.13039/501100000780",
        "10.13039/501100000780",
        "501100000780",
    ],
)
def test_crossref_funder_ids(value: str) -> None:
    assert validate_funder_doi(value) == "https://doi.org/10.13039/501100000780"
    assert validate_funder_doi("not a funder") is None


def test_orcid() -> None:
    assert normalize_orcid("0000-0002-9829-091X") == "https://orcid.org/0000-0002-9829-091X"
    assert normalize_orcid("http://orcid.org/0000-0003-1419-2405") == (
        "https://orcid.org/0000-0003-1419-2405"
    )
    assert validate_orcid("0000 0003 1419 2405") == "0000-0003-1419-2405"
    assert normalize_orcid("456xyz") is None
    assert normalize_orcid(None) is None


def test_ror() -> None:
    assert normalize_ror("013meh722") == "https://ror.org/013meh722"
    assert normalize_ror("https://ror.org/04wxnsj81") == "https://ror.org/04wxnsj81"
    assert normalize_ror("ror.org/04wxnsj81/") == "https://ror.org/04wxnsj81"
    assert normalize_ror("grid.268117.b") is None


def test_urls() -> None:
    assert (
        clean_url("HTTPS://Grid.AC:443/institutes//grid.1/") == "https://grid.ac/institutes/grid.1"
    )
    assert clean_url("http://example.org:8080/a?b=1#frag") == "http://example.org:8080/a?b=1"
    assert clean_url("ftp://example.org/x") is None
    assert clean_url("www.google.com") is None
    assert clean_url("http://[::1") is None


def test_identifier_types() -> None:
    assert identifier_type("isbn") == "ISBN"
    assert identifier_type("arxiv") == "arXiv"
    assert identifier_type("Local accession number") == "Local accession number"
    assert identifier_type(None) is None
