"""The re3data and OpenDOAR ids of repositories, as sent and bare."""

from __future__ import annotations

import pytest

from doiregistry.domain.client_record import bare_opendoar, bare_re3data


@pytest.mark.parametrize(
    "sent",
    [
        "10.17616/R3abc",
        " https://doi.org/10.17616/R3abc ",
        "HTTPS://DOI.ORG/10.17616/R3abc",
        "http://doi.org/10.17616/R3abc",
        "doi:10.17616/R3abc",
    ],
)
def test_bare_re3data(sent: str) -> None:
    assert bare_re3data(sent) == "10.17616/R3abc"


@pytest.mark.parametrize(
    ("sent", "bare"),
    [
        ("123", "123"),
        (" https://v2.sherpa.ac.uk/id/repository/123/ ", "123"),
        ("http://v2.sherpa.ac.uk/id/repository/123", "http://v2.sherpa.ac.uk/id/repository/123"),
    ],
)
def test_bare_opendoar(sent: str, bare: str) -> None:
    assert bare_opendoar(sent) == bare
