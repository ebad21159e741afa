"""The kinds of ``GET /dois`` facet (spec §4.7), each counting from the columnar facet index.

A :class:`Facet` has a name, says whether it is one of the default facets
and counts the matched records; the registry in :mod:`.facets` holds one
instance per facet. A new facet is one instance there (and, if no kind here
counts it, one subclass).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

import numpy as np

from doiregistry.search.columnar.facet_index import Bucket, FacetIndex, Int64Array
from doiregistry.search.dois.account_names import AccountNames
from doiregistry.search.dois.facet_titles import license_title

Items = list[dict[str, Any]]
Title = Callable[[Bucket], str]
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


@dataclass(frozen=True)
class Matched:
    """The matched records as facet-index slots (read under the index lock), and account names."""

    index: FacetIndex
    slots: Int64Array
    names: AccountNames


def _item(key: str, title: str, count: int) -> dict[str, Any]:
    return {"id": key, "title": title, "count": count}


def top(buckets: list[Bucket], size: int, title: Title) -> Items:
    return [_item(b.key, title(b), b.count) for b in buckets[:size]]


def years(buckets: list[Bucket], size: int) -> Items:
    """Yearly histogram, newest first."""
    ordered = sorted(buckets, key=lambda b: b.key, reverse=True)
    return [_item(b.key, b.key, b.count) for b in ordered[:size]]


def published_years(buckets: list[Bucket], now: datetime | None = None) -> Items:
    """Publication years up to this year, newest first, the first (year − 2010 + 1) kept."""
    current = (now or datetime.now(UTC)).year
    kept = [b for b in buckets if b.key.isdigit() and int(b.key) <= current]
    return years(kept, current - 2010 + 1)


def regroup(buckets: list[Bucket], by: Callable[[str], list[str]]) -> list[Bucket]:
    """Sum client buckets into buckets of a client property (certificates, client types)."""
    totals: dict[str, int] = {}
    for bucket in buckets:
        for key in by(bucket.key):
            totals[key] = totals.get(key, 0) + bucket.count
    regrouped = [Bucket(key, None, count) for key, count in totals.items()]
    regrouped.sort(key=lambda b: (-b.count, b.key))
    return regrouped


class Facet(ABC):
    """One entry of ``meta``: its name, whether it is a default facet, how it counts."""

    def __init__(self, name: str, *, default: bool = False) -> None:
        self.name = name
        self.default = default

    @abstractmethod
    def count(self, matched: Matched) -> Any:
        """The facet's value for the matched records."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name!r})"


class TopValues(Facet):
    """The most frequent values of a facet column, most frequent first."""

    def __init__(
        self, name: str, column: str, size: int, title: Title, *, default: bool = False
    ) -> None:
        super().__init__(name, default=default)
        self.column, self.size, self.title = column, size, title

    def count(self, matched: Matched) -> Items:
        return top(matched.index.counts(self.column, matched.slots), self.size, self.title)


class TopAccounts(Facet):
    """The members or repositories with most records, titled with their names."""

    def __init__(
        self,
        name: str,
        column: str,
        names_of: Callable[[AccountNames], Mapping[str, str]],
        *,
        default: bool = False,
    ) -> None:
        super().__init__(name, default=default)
        self.column, self.names_of = column, names_of

    def count(self, matched: Matched) -> Items:
        names = self.names_of(matched.names)
        buckets = matched.index.counts(self.column, matched.slots)
        return top(buckets, 10, lambda b: names.get(b.key, b.key))


class AccountProperty(Facet):
    """Repository buckets summed by a property of the repository (certificates, type)."""

    def __init__(
        self,
        name: str,
        size: int,
        properties: Callable[[AccountNames, str], list[str]],
        title: Title,
        *,
        default: bool = False,
    ) -> None:
        super().__init__(name, default=default)
        self.size, self.properties, self.title = size, properties, title

    def count(self, matched: Matched) -> Items:
        grouped = regroup(
            matched.index.counts("client", matched.slots),
            lambda client: self.properties(matched.names, client),
        )
        return top(grouped, self.size, self.title)


class Years(Facet):
    """The newest ten years (or months) of a date column."""

    def __init__(self, name: str, column: str, *, default: bool = False) -> None:
        super().__init__(name, default=default)
        self.column = column

    def count(self, matched: Matched) -> Items:
        return years(matched.index.counts(self.column, matched.slots), 10)


class PublicationYears(Facet):
    """Publication years from 2010 up to this year, newest first."""

    def count(self, matched: Matched) -> Items:
        return published_years(matched.index.counts("published", matched.slots))


class LicensesWithMissing(Facet):
    """The top licenses, then the records without one and those with another license."""

    def count(self, matched: Matched) -> Items:
        index, slots = matched.index, matched.slots
        offsets = index.multi_offsets["licenses"].view
        without = int(np.count_nonzero(offsets[slots + 1] == offsets[slots]))
        with_license = len(slots) - without
        shown = top(index.counts("licenses", slots), 10, license_title)
        other = with_license - sum(item["count"] for item in shown)
        if without:
            shown.append(_item("__missing__", "Unknown", without))
        if other > 0:
            shown.append(_item("__other__", "Other", other))
        return shown


class OpenLicenses(Facet):
    """The open (Creative Commons) licenses of the matched records."""

    def count(self, matched: Matched) -> Items:
        return top(open_license_buckets(matched), 10, license_title)


class OpenLicensesCount(Facet):
    """How many license values of the matched records are open licenses."""

    def count(self, matched: Matched) -> int:
        return int(sum(bucket.count for bucket in open_license_buckets(matched)))


def open_license_buckets(matched: Matched) -> list[Bucket]:
    buckets = matched.index.counts("licenses", matched.slots)
    return [bucket for bucket in buckets if bucket.key in OPEN_LICENSES]


class RegistrationAgencies(Facet):
    """Every record here is registered with DataCite."""

    def count(self, matched: Matched) -> Items:
        return [_item("datacite", "DataCite", len(matched.slots))]


class CitationsByYear(Facet):
    """Citation counts of the matched records summed per publication year (newest 10)."""

    def count(self, matched: Matched) -> Items:
        index, slots = matched.index, matched.slots
        per_record = index.relation_counts("citations")[slots]
        cited = per_record > 0
        codes, vocabulary = index.single_codes("published")
        year_codes = codes[slots][cited]
        known = year_codes >= 0
        tally = np.bincount(
            year_codes[known], weights=per_record[cited][known], minlength=len(vocabulary)
        )
        by_year = {key: int(tally[code]) for key, code in vocabulary.items() if tally[code]}
        ordered = sorted(by_year.items(), reverse=True)[:10]
        return [_item(year, year, count) for year, count in ordered]


class CitationCount(Facet):
    """The citations of all matched records."""

    def count(self, matched: Matched) -> int:
        return int(matched.index.relation_counts("citations")[matched.slots].sum())


class NoUsage(Facet):
    """Usage statistics (views, downloads, content URLs) that we do not collect: empty or 0."""

    def __init__(self, name: str, *, as_list: bool, default: bool = False) -> None:
        super().__init__(name, default=default)
        self.as_list = as_list

    def count(self, matched: Matched) -> Items | int:
        return [] if self.as_list else 0
