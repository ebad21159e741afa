"""DataCite XML: the stored XML comes back byte for byte."""

from __future__ import annotations

import dataclasses

from tests.formats.records import recorded_record

from doiregistry.formats.datacite_xml import datacite_xml


def test_stored_xml_verbatim() -> None:
    record = recorded_record("10.5438_6423")
    assert record.xml is not None
    assert datacite_xml(record) == record.xml.encode("utf-8")
    assert b'<identifier identifierType="DOI">10.5438/6423</identifier>' in datacite_xml(record)


def test_draft_without_metadata_is_empty() -> None:
    record = dataclasses.replace(recorded_record("10.5438_6423"), xml=None)
    assert datacite_xml(record) == b""
