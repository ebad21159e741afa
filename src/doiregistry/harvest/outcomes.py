"""What an import reports: records accepted (created, updated, unchanged) and rejected, with why."""

from __future__ import annotations

from dataclasses import dataclass, field


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
