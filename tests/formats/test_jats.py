"""JATS: one ``element-citation`` per DOI."""

from __future__ import annotations

from lxml import etree
from tests.formats.records import STAGE_SINGLE, recorded_record

from doiregistry.formats.jats import jats, publication_type


def _parse(body: bytes) -> etree._Element:
    assert body.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    return etree.fromstring(body)


def test_journal_article() -> None:
    root = _parse(jats(recorded_record("10.1016_s0191-6599_01_00017-1", STAGE_SINGLE)))
    assert root.get("publication-type") == "journal"
    assert [child.tag for child in root] == [
        "person-group",
        "article-title",
        "source",
        "publisher-name",
        "year",
        "month",
        "day",
        "volume",
        "issue",
        "fpage",
        "lpage",
        "pub-id",
    ]
    assert root.findtext("person-group/name/surname") == "Draper"
    assert root.findtext("person-group/name/given-names") == "Anthony J."
    assert root.findtext("source") == "History of European Ideas"
    assert root.find("year").get("iso-8601-date") == "2012-01-03"  # type: ignore[union-attr]
    assert root.findtext("pub-id") == "10.1016/s0191-6599(01)00017-1"


def test_dataset_uses_data_title_and_publisher_as_source() -> None:
    record = recorded_record("10.1594_pangaea.836178")
    assert publication_type(record.attributes) == "data"
    root = _parse(jats(record))
    assert root.findtext("data-title") == (
        "Hydrological and meteorological investigations in a lake near Kangerlussuaq, "
        "west Greenland"
    )
    assert root.findtext("source") == "PANGAEA"
    assert root.find("publisher-name") is None
    assert root.findtext("year") == "2014"
    assert len(root.findall("person-group/name")) == 8


def test_software_names_without_family_name() -> None:
    root = _parse(jats(recorded_record("10.5281_zenodo.28518")))
    assert root.get("publication-type") == "software"
    assert [e.text for e in root.findall("person-group/string-name")] == [
        "Jake Vanderplas",
        "Alex Willmer",
    ]
    assert root.findtext("source") == "Supersmoother: Minor Bug Fix Release"
    assert root.findtext("version") == "v0.3.2"
