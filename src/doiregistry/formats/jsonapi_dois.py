"""DOI resources in DataCite's JSON:API shape (spec §4.9): attribute order, detail mode, flags."""

from __future__ import annotations

import base64
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final

from doiregistry.domain.doi_record import DoiRecord
from doiregistry.formats.timestamps import iso_millis, iso_seconds
from doiregistry.metadata.presentation import present_property

#: metadata attributes in DataCite's order, with their empty value
_METADATA_ORDER: Final[tuple[tuple[str, Any], ...]] = (
    ("creators", []),
    ("titles", []),
    ("publisher", None),
    ("container", {}),
    ("publicationYear", None),
    ("subjects", []),
    ("contributors", []),
    ("dates", []),
    ("language", None),
    ("types", {}),
    ("relatedIdentifiers", []),
    ("relatedItems", []),
    ("sizes", []),
    ("formats", []),
    ("version", None),
    ("rightsList", []),
    ("descriptions", []),
    ("geoLocations", []),
    ("fundingReferences", []),
)
_COMPOSITE_OMITS: Final = frozenset(
    {"contributors", "fundingReferences", "relatedIdentifiers", "geoLocations", "subjects"}
)
_COUNTS: Final = (
    "viewCount",
    "downloadCount",
    "referenceCount",
    "citationCount",
    "partCount",
    "partOfCount",
    "versionCount",
    "versionOfCount",
)
_RELATION_NAMES: Final = ("references", "citations", "parts", "partOf", "versions", "versionOf")


@dataclass(frozen=True)
class DoiView:
    """How to render DOIs for one request."""

    detail: bool = False
    single: bool = False
    affiliation: bool = False
    publisher: bool = False
    composite: bool = False
    #: whether the caller may see the link-check results of a given record
    may_see_landing_page: Callable[[DoiRecord], bool] = lambda _record: False
    #: relation counts per record id (``citationCount`` …), zero when absent
    counts: Mapping[int, Mapping[str, int]] = field(default_factory=dict)
    #: related DOIs per record id and relationship (``citations`` …)
    related: Mapping[int, Mapping[str, list[str]]] = field(default_factory=dict)


def _identifiers(record: DoiRecord, presented: list[Any]) -> list[dict[str, Any]]:
    skip = {record.doi, f"https://doi.org/{record.doi}", (record.url or "").lower()}
    return [
        item
        for item in presented
        if isinstance(item, dict) and str(item.get("identifier") or "").lower() not in skip
    ]


def doi_attributes(record: DoiRecord, view: DoiView) -> dict[str, Any]:
    """The ``attributes`` object of one DOI, keys in DataCite's order."""
    values = record.attributes
    stamp: Callable[[datetime | None], str | None] = iso_millis if view.single else iso_seconds
    out: dict[str, Any] = {"doi": record.doi}
    if view.detail:
        out["prefix"] = record.prefix
        out["suffix"] = record.suffix
    identifiers = _identifiers(record, present_property("identifiers", values.get("identifiers")))
    out["identifiers"] = identifiers
    if view.detail:
        out["alternateIdentifiers"] = [
            {
                "alternateIdentifierType": i.get("identifierType"),
                "alternateIdentifier": i.get("identifier"),
            }
            for i in identifiers
        ]
    for key, empty in _METADATA_ORDER:
        if view.composite and key in _COMPOSITE_OMITS:
            continue
        value = values.get(key)
        if value is not None:
            value = present_property(
                key, value, affiliation=view.affiliation, publisher=view.publisher
            )
        out[key] = empty if value is None else value
    if view.detail:
        out["xml"] = (
            base64.b64encode(record.xml.encode("utf-8")).decode("ascii") if record.xml else None
        )
    out["url"] = record.url
    out["contentUrl"] = record.content_url
    out["metadataVersion"] = record.metadata_version
    out["schemaVersion"] = record.schema_version
    out["source"] = record.source
    out["isActive"] = record.is_active
    out["state"] = record.state
    out["reason"] = record.reason
    if view.may_see_landing_page(record):
        out["landingPage"] = record.landing_page
    counts = view.counts.get(record.id, {})
    for key in _COUNTS:
        out[key] = counts.get(key, 0)
        if view.detail and key == "viewCount":
            out["viewsOverTime"] = []
        if view.detail and key == "downloadCount":
            out["downloadsOverTime"] = []
        if view.detail and key == "citationCount":
            out["citationsOverTime"] = []
    out["created"] = stamp(record.created)
    out["registered"] = stamp(record.registered)
    out["published"] = record.published
    out["updated"] = stamp(record.updated)
    return out


def doi_relationships(record: DoiRecord, view: DoiView) -> dict[str, Any]:
    relationships: dict[str, Any] = {
        "client": {"data": {"id": record.client_id, "type": "clients"}}
    }
    if view.detail:
        relationships["provider"] = {"data": {"id": record.provider_id, "type": "providers"}}
        if view.single:
            relationships["media"] = {"data": {"id": record.doi, "type": "media"}}
        related = view.related.get(record.id, {})
        for name in _RELATION_NAMES:
            relationships[name] = {
                "data": [{"id": doi, "type": "dois"} for doi in related.get(name, [])]
            }
    return relationships


def doi_resource(record: DoiRecord, view: DoiView) -> dict[str, Any]:
    """One DOI as a JSON:API resource object."""
    return {
        "id": record.doi,
        "type": "dois",
        "attributes": doi_attributes(record, view),
        "relationships": doi_relationships(record, view),
    }


def sparse(resource: dict[str, Any], fields: set[str] | None) -> dict[str, Any]:
    """Apply a ``fields[dois]`` sparse fieldset to attributes and relationships (spec §1.4)."""
    if fields is None:
        return resource
    return {
        **resource,
        "attributes": {k: v for k, v in resource["attributes"].items() if k in fields},
        "relationships": {k: v for k, v in resource["relationships"].items() if k in fields},
    }
