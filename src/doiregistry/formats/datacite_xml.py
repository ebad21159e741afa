"""DataCite XML (``application/vnd.datacite.datacite+xml``): the stored XML, verbatim."""

from __future__ import annotations

from doiregistry.domain.doi_record import DoiRecord


def datacite_xml(record: DoiRecord) -> bytes:
    """The XML as stored; empty for a draft that has no metadata yet (spec §10)."""
    return (record.xml or "").encode("utf-8")
