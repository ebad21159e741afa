"""EDTF recognition for ``dates`` and the ``Issued`` date from ``publicationYear``."""

from __future__ import annotations

import pytest
from lxml import etree

from doiregistry.metadata.read_dates import UNKNOWN_INFORMATION, is_edtf, read_dates


@pytest.mark.parametrize(
    "value",
    [
        # level 0 (EDTF draft examples) and values DataCite kept in recorded responses
        "2016",
        "2016-12",
        "2016-12-15",
        "2000-02-29",
        "-0044-03-15",
        "2013-08-22T17:23:03+00:00",
        "2023-11-09T11:44:22Z",
        "2001-02-03T09:30:01",
        "2004-02-01/2005-02-08",
        "1964/2008",
        # level 1
        "1984?",
        "2004-06~",
        "2004-06-11?~",
        "199u",
        "19uu",
        "1999-uu",
        "1999-01-uu",
        "y170000002",
        "2001-21",
        "unknown/2006",
        "2004-06-01/open",
        "1984~/2004-06",
        # level 2
        "2004?-06-11",
        "2004-(06)?-11",
        "156u-12-25",
        "196x",
        "19xx",
        "[1667, 1668, 1670..1672]",
        "{1960, 1961}",
        "y17e7",
        "1950S2",
        "2001-29",
    ],
)
def test_edtf_accepted(value: str) -> None:
    assert is_edtf(value)


@pytest.mark.parametrize(
    "value",
    [
        # values DataCite's reader drops (recorded responses and bolognese behaviour)
        "2017-04-07 15:04:22.409791",
        "March 2011",
        "1970-04-01 / (:tba)",
        "2019-02-29",
        "2016-13",
        "2016-00-10",
        "2013-03-07T11:45:23.000Z",
        "2020-01-01T00:00",
        "2004-01-01T10:00:00Z/2004-02-01T10:00:00Z",
        "open/2006",
        "unknown/unknown",
        "16",
        "",
        "[]",
    ],
)
def test_edtf_rejected(value: str) -> None:
    assert not is_edtf(value)


def _resource(dates: str, year: str = "2015") -> etree._Element:
    return etree.fromstring(
        f'<resource xmlns="http://datacite.org/schema/kernel-4">'
        f"<publicationYear>{year}</publicationYear><dates>{dates}</dates></resource>"
    )


def test_dates_kept_dropped_and_issued_added() -> None:
    resource = _resource(
        '<date dateType="Available">\n  2014-04-25\n</date>'
        '<date dateType="Collected">1970-04-01 / (:tba)</date>'
        '<date dateType="Updated" dateInformation="v2">:tba</date>'
        "<date>2014</date>"
    )
    assert read_dates(resource, "2015") == [
        {"date": "2014-04-25", "dateType": "Available"},
        {"date": ":tba", "dateType": "Updated", "dateInformation": "v2"},
        {"date": "2015", "dateType": "Issued"},
    ]
    assert ":tba" in UNKNOWN_INFORMATION


def test_existing_issued_date_is_not_duplicated() -> None:
    resource = _resource('<date dateType="Issued">2014-01-01</date>')
    assert read_dates(resource, "2015") == [{"date": "2014-01-01", "dateType": "Issued"}]
    assert read_dates(_resource(""), None) == []
