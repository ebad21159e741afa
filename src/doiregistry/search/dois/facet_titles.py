"""Titles of ``GET /dois`` facet buckets (spec §4.7): states, resource types, licenses,
languages, repository types."""

from __future__ import annotations

from typing import Final

from doiregistry.metadata.languages import find_language
from doiregistry.metadata.licenses import get_license
from doiregistry.search.accounts.facets import titleize as titleize
from doiregistry.search.columnar.facet_index import Bucket

CLIENT_TYPE_TITLES: Final = {
    "repository": "Repository",
    "periodical": "Periodical",
    "igsnCatalog": "IGSN ID Catalog",
    "raidRegistry": "RAiD Registry",
}


def key_title(bucket: Bucket) -> str:
    return bucket.key


def titleized_key(bucket: Bucket) -> str:
    return titleize(bucket.key)


def stored_title(bucket: Bucket) -> str:
    """The display name kept with the key (names, affiliations, funders), else the key."""
    return bucket.title or bucket.key


def schema_title(bucket: Bucket) -> str:
    return f"Schema {bucket.key}"


def resource_type_title(bucket: Bucket) -> str:
    if bucket.key == "__missing__":
        return "Missing"
    return titleize(bucket.title or bucket.key.replace("-", "_"))


def license_title(bucket: Bucket) -> str:
    found = get_license(bucket.key)
    return found.id if found else bucket.key


def language_title(bucket: Bucket) -> str:
    found = find_language(bucket.key)
    return found.english_name.split(";")[0].split(",")[0].strip() if found else bucket.key


def client_type_title(bucket: Bucket) -> str:
    return CLIENT_TYPE_TITLES.get(bucket.key, bucket.key)
