"""Real DOIs for the serialiser tests, built from DataCite's recorded single-DOI responses.

The recorded ``xml`` attribute is read with the registry's own XML reader and
normalised as on save, so a record here holds what the store would hold after
registering that XML; state, URL, owner and dates come from the response.
"""

from __future__ import annotations

import base64
import json
from datetime import datetime
from pathlib import Path
from typing import Any

from doiregistry.domain.doi_record import DoiRecord
from doiregistry.metadata.normalize import normalize_attributes
from doiregistry.metadata.reader import xml_to_attributes

TESTDATA = Path(__file__).resolve().parents[2].parent / "shared" / "datacite-testdata"
SINGLE = TESTDATA / "json" / "api" / "api.datacite.org" / "dois-single"
STAGE_SINGLE = TESTDATA / "json" / "api" / "api.stage.datacite.org" / "dois-single"


def _time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None


def recorded_response(name: str, folder: Path = SINGLE) -> dict[str, Any]:
    """The recorded JSON:API document of one DOI (file name without ``.json``)."""
    document: dict[str, Any] = json.loads((folder / f"{name}.json").read_text("utf-8"))
    return document


def recorded_record(name: str, folder: Path = SINGLE, state: str | None = None) -> DoiRecord:
    """A :class:`DoiRecord` holding one recorded DOI."""
    data = recorded_response(name, folder)["data"]
    attributes = data["attributes"]
    xml = base64.b64decode(attributes["xml"]).decode("utf-8")
    metadata = normalize_attributes(xml_to_attributes(xml))
    doi = str(attributes["doi"]).lower()
    prefix, _, suffix = doi.partition("/")
    client = data.get("relationships", {}).get("client", {}).get("data") or {}
    client_id = str(client.get("id") or "datacite.test")
    created = _time(attributes.get("created")) or datetime(2020, 1, 1)
    return DoiRecord(
        id=1,
        doi=doi,
        prefix=prefix,
        suffix=suffix,
        client_id=client_id,
        provider_id=client_id.split(".")[0],
        state=state or str(attributes.get("state") or "findable"),
        url=attributes.get("url"),
        xml=xml,
        attributes=metadata,
        schema_version=metadata.get("schemaVersion"),
        metadata_version=1,
        source=None,
        reason=None,
        content_url=attributes.get("contentUrl"),
        landing_page=None,
        published=attributes.get("published"),
        created=created,
        updated=_time(attributes.get("updated")) or created,
        registered=_time(attributes.get("registered")),
    )
