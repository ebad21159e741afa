"""A DOI's media (what MDS ``/media`` stores) as DataCite's JSON:API ``media`` resources,
shaped as the recorded ``/dois/{doi}/media`` responses (spec §5)."""

from __future__ import annotations

from typing import Any

from doiregistry.domain.doi_record import DoiRecord
from doiregistry.formats.timestamps import iso_millis
from doiregistry.registry.dois.mds import MediaItem


def media_resource(item: MediaItem, record: DoiRecord) -> dict[str, Any]:
    """One media row; the DOI relationship names the DOI upper-cased, as DataCite does."""
    return {
        "id": item.id,
        "type": "media",
        "attributes": {
            "version": item.version,
            "url": item.url,
            "mediaType": item.media_type,
            "created": iso_millis(item.created),
            "updated": iso_millis(item.updated),
        },
        "relationships": {"doi": {"data": {"id": record.doi.upper(), "type": "dois"}}},
    }
