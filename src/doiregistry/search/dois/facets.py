"""Facet definitions for ``GET /dois``: names, defaults, order, sizes, ids, titles (spec §4.7)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

from doiregistry.metadata.languages import find_language
from doiregistry.metadata.licenses import get_license
from doiregistry.search.accounts.facets import titleize as titleize
from doiregistry.search.columnar.facet_index import Bucket

DEFAULT_FACETS: Final = (
    "states",
    "resourceTypes",
    "created",
    "published",
    "registered",
    "providers",
    "clients",
    "affiliations",
    "prefixes",
    "certificates",
    "licenses",
    "schemaVersions",
    "linkChecksStatus",
    "subjects",
    "fieldsOfScience",
    "citations",
    "views",
    "downloads",
)
#: every facet, in DataCite's ``meta`` order
META_ORDER: Final = (
    "states",
    "resourceTypes",
    "created",
    "createdByMonth",
    "published",
    "registered",
    "providers",
    "clients",
    "clientTypes",
    "affiliations",
    "prefixes",
    "certificates",
    "licenses",
    "licensesWithMissing",
    "schemaVersions",
    "linkChecksStatus",
    "authors",
    "creatorsAndContributors",
    "subjects",
    "fieldsOfScience",
    "languages",
    "registrationAgencies",
    "citations",
    "views",
    "downloads",
    "citationCount",
    "viewCount",
    "downloadCount",
    "contentUrlCount",
    "openLicenses",
    "openLicensesCount",
    "funders",
)
CLIENT_TYPE_TITLES: Final = {
    "repository": "Repository",
    "periodical": "Periodical",
    "igsnCatalog": "IGSN ID Catalog",
    "raidRegistry": "RAiD Registry",
}
OPEN_LICENSES: Final = frozenset(
    {
        "cc-by-1.0",
        "cc-by-2.0",
        "cc-by-2.5",
        "cc-by-3.0",
        "cc-by-3.0-at",
        "cc-by-3.0-us",
        "cc-by-4.0",
        "cc-pddc",
        "cc0-1.0",
        "cc-pdm-1.0",
    }
)
_SNAKE: Final = re.compile(r"_([a-z])")


def facet_name(value: str) -> str:
    """A requested facet name in camelCase (``schema_versions`` → ``schemaVersions``)."""
    return _SNAKE.sub(lambda m: m.group(1).upper(), value.strip())


@dataclass(frozen=True)
class AccountNames:
    """What facets need to know about repositories and members."""

    providers: Mapping[str, str]
    clients: Mapping[str, str]
    client_types: Mapping[str, str]
    certificates: Mapping[str, list[str]]


def _item(key: str, title: str, count: int) -> dict[str, Any]:
    return {"id": key, "title": title, "count": count}


def top(buckets: list[Bucket], size: int, title: Callable[[Bucket], str]) -> list[dict[str, Any]]:
    return [_item(b.key, title(b), b.count) for b in buckets[:size]]


def years(buckets: list[Bucket], size: int) -> list[dict[str, Any]]:
    """Yearly histogram, newest first."""
    ordered = sorted(buckets, key=lambda b: b.key, reverse=True)
    return [_item(b.key, b.key, b.count) for b in ordered[:size]]


def published_years(buckets: list[Bucket], now: datetime | None = None) -> list[dict[str, Any]]:
    """Publication years up to this year, newest first, the first (year − 2010 + 1) kept."""
    current = (now or datetime.now(UTC)).year
    kept = [b for b in buckets if b.key.isdigit() and int(b.key) <= current]
    return years(kept, current - 2010 + 1)


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


def regroup(buckets: list[Bucket], by: Callable[[str], list[str]]) -> list[Bucket]:
    """Sum client buckets into buckets of a client property (certificates, client types)."""
    totals: dict[str, int] = {}
    for bucket in buckets:
        for key in by(bucket.key):
            totals[key] = totals.get(key, 0) + bucket.count
    regrouped = [Bucket(key, None, count) for key, count in totals.items()]
    regrouped.sort(key=lambda b: (-b.count, b.key))
    return regrouped


def requested(value: str | None, disabled: str | None, enabled_by_default: bool) -> list[str]:
    """The facets a request asks for (spec §4.7: ``facets=`` selects, ``disable-facets`` wins)."""
    if disabled is not None and disabled.strip().lower() in ("true", "1"):
        return []
    if value is not None:
        names = [facet_name(part) for part in value.split(",") if part.strip()]
        return [name for name in META_ORDER if name in names]
    if disabled is not None and disabled.strip().lower() == "false":
        return list(DEFAULT_FACETS)
    return list(DEFAULT_FACETS) if enabled_by_default else []
