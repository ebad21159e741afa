"""What an import reports: records accepted (created, updated, unchanged) and rejected, with why."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

_DOI_TITLE: Final = re.compile(r"^(\w+: )DOI \S+: ")
_DOI_OR_PREFIX: Final = re.compile(r"\b10\.\d{4,9}(?:/\S*[^\s.,;:)])?")
_POSITION: Final = re.compile(r" at line \d+, column \d+")


class ImportRefused(Exception):
    """The import cannot start at all (unknown or inactive repository, unknown state)."""


@dataclass(frozen=True)
class Rejection:
    """One input record that was not stored: where it came from and every reason."""

    location: str
    doi: str | None
    reasons: tuple[str, ...]

    def describe(self) -> str:
        """``location (doi): reason; reason`` on one line."""
        where = f"{self.location} ({self.doi})" if self.doi else self.location
        return f"{where}: {'; '.join(self.reasons)}"


@dataclass
class ImportReport:
    """Running totals of one import; complete when :meth:`Importer.run` returns."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    #: prefixes added to the repository by ``assign_prefixes``
    assigned_prefixes: list[str] = field(default_factory=list)

    @property
    def accepted(self) -> int:
        return self.created + self.updated + self.unchanged

    @property
    def rejected(self) -> int:
        return len(self.rejections)

    @property
    def processed(self) -> int:
        return self.accepted + self.rejected


def common_reasons(rejections: Iterable[Rejection], limit: int = 10) -> list[tuple[str, int]]:
    """The most frequent rejection reasons, with DOIs, prefixes and positions generalised."""
    counts: Counter[str] = Counter()
    for rejection in rejections:
        for reason in rejection.reasons:
            general = _DOI_TITLE.sub(r"\1", reason)
            general = _POSITION.sub("", _DOI_OR_PREFIX.sub("…", general))
            counts[general] += 1
    return counts.most_common(limit)
