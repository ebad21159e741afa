"""The DataCite attribute lists derived from ``presentation.XML_METADATA_ATTRIBUTES``.

Each derived list is compared with the literal it replaced, so the derivation
provably changes nothing (the audit list as a set: its order was never stored,
PostgreSQL's JSONB does not keep key order).
"""

from __future__ import annotations

from doiregistry.metadata.presentation import ATTRIBUTE_ORDER
from doiregistry.registry.dois.payload import METADATA_KEYS
from doiregistry.registry.dois.service import AUDITED

OLD_METADATA_KEYS = (
    "identifiers",
    "creators",
    "titles",
    "publisher",
    "container",
    "publicationYear",
    "subjects",
    "contributors",
    "dates",
    "language",
    "types",
    "relatedIdentifiers",
    "relatedItems",
    "sizes",
    "formats",
    "version",
    "rightsList",
    "descriptions",
    "geoLocations",
    "fundingReferences",
)
OLD_ATTRIBUTE_ORDER = ("doi", *OLD_METADATA_KEYS, "schemaVersion")
OLD_AUDITED = (
    "url",
    "creators",
    "contributors",
    "titles",
    "publisher",
    "publicationYear",
    "types",
    "descriptions",
    "container",
    "sizes",
    "formats",
    "version",
    "language",
    "dates",
    "identifiers",
    "relatedIdentifiers",
    "relatedItems",
    "fundingReferences",
    "geoLocations",
    "rightsList",
    "subjects",
    "schemaVersion",
    "contentUrl",
    "landingPage",
    "state",
    "source",
    "reason",
)


def test_presentation_order_is_unchanged() -> None:
    assert ATTRIBUTE_ORDER == OLD_ATTRIBUTE_ORDER


def test_metadata_keys_are_unchanged() -> None:
    assert METADATA_KEYS == OLD_METADATA_KEYS


def test_audited_fields_are_unchanged() -> None:
    assert len(AUDITED) == len(set(AUDITED))
    assert set(AUDITED) == set(OLD_AUDITED)
