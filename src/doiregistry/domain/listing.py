"""Page requests and paged results shared by the account and prefix services."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final, Generic, TypeVar

T = TypeVar("T")

DEFAULT_PAGE_SIZE: Final = 25
MAX_PAGE_SIZE: Final = 1000
#: keeps the row offset far inside a 64-bit integer
MAX_PAGE_NUMBER: Final = 1_000_000_000


@dataclass(frozen=True)
class Page:
    """Which page of a list to return (1-based ``number``; ``size`` 0 counts only)."""

    number: int = 1
    size: int = DEFAULT_PAGE_SIZE

    @classmethod
    def clamped(cls, number: int | None, size: int | None) -> Page:
        """Size defaults to 25 and is clamped to 0–1000; number is clamped to 1–10⁹."""
        wanted = DEFAULT_PAGE_SIZE if size is None else size
        return cls(
            number=max(1, min(MAX_PAGE_NUMBER, number or 1)),
            size=max(0, min(MAX_PAGE_SIZE, wanted)),
        )

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size


@dataclass(frozen=True)
class Listing(Generic[T]):
    """One page of results, how many matched in all and the facets of all that matched
    (``{name: [{"id", "title", "count"}, ...]}``, empty when nothing matched)."""

    total: int
    items: list[T] = field(default_factory=list)
    page: Page = field(default_factory=Page)
    facets: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    @property
    def total_pages(self) -> int:
        return -(-self.total // self.page.size) if self.page.size else 0
