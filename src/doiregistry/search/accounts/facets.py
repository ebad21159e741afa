"""Facets of the repository, member and prefix lists (spec §6.3, §7, §8), counted in Python.

Buckets are ``{"id", "title", "count"}``. Term facets keep the 10 largest
buckets, by count descending and then by id (as OpenSearch orders ties);
year facets keep the 10 newest years, newest first, as lupo's yearly
histograms with ``order: {_key: desc}`` and a bucket size of 10 do. Titles
follow lupo's facet helpers: Rails ``titleize`` for enumerations
(``CoreTrustSeal`` → ``Core Trust Seal``, ``WDS`` → ``Wds``,
``with-repository`` → ``With Repository``), names for providers and
repositories, the software name as entered.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any, Final

FACET_SIZE: Final = 10
_CAMEL_RUN: Final = re.compile(r"([A-Z]+)(?=[A-Z][a-z])|([a-z\d])(?=[A-Z])")
_WORD_START: Final = re.compile(r"\b(?<!\w['’`()])[a-z]")

Bucket = dict[str, Any]


def underscore(value: str) -> str:
    """Rails' ``underscore``: ``CoreTrustSeal`` → ``core_trust_seal``, ``-`` → ``_``."""
    spaced = _CAMEL_RUN.sub(lambda m: (m.group(1) or m.group(2)) + "_", value.replace("::", "/"))
    return spaced.replace("-", "_").lower()


def humanize(value: str) -> str:
    """Rails' ``humanize``: leading underscores and an ``_id`` suffix dropped,
    underscores as spaces, the first letter capitalised."""
    text = value.lstrip("_")
    text = text.removesuffix("_id").replace("_", " ").lower()
    return text[:1].upper() + text[1:]


def titleize(value: str) -> str:
    """Rails' ``titleize`` (``humanize(underscore(value))`` with every word capitalised),
    as lupo's ``facet_by_key`` titles its buckets."""
    return _WORD_START.sub(lambda m: m.group(0).upper(), humanize(underscore(value)))


def bucket(key: str, title: str, count: int) -> Bucket:
    return {"id": key, "title": title, "count": count}


def terms(
    values: Iterable[Iterable[str]],
    title: Callable[[str], str],
    *,
    key: Callable[[str], str] = str,
    size: int = FACET_SIZE,
) -> list[Bucket]:
    """Count rows per value (a row counts once per distinct value); the largest ``size``."""
    counts: Counter[str] = Counter()
    for row in values:
        counts.update(set(row))
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [bucket(key(value), title(value), count) for value, count in ordered[:size]]


def years(stamps: Iterable[datetime], size: int = FACET_SIZE) -> list[Bucket]:
    """Rows per year of ``stamps``, the newest ``size`` years first."""
    counts = Counter(str(stamp.year) for stamp in stamps)
    newest = sorted(counts.items(), key=lambda item: item[0], reverse=True)[:size]
    return [bucket(year, year, count) for year, count in newest]


def named(names: Mapping[str, str]) -> Callable[[str], str]:
    """The title of an account bucket: its name, else its id (an account since removed)."""
    return lambda key: names.get(key) or key


def one(value: str | None) -> list[str]:
    """A single optional value as the values of a row."""
    return [value] if value else []
