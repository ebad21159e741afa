"""A numpy array with amortised appends, for the in-memory search indexes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt


class Growable:
    """A numpy array with amortised appends."""

    def __init__(self, dtype: type[np.generic], fill: int | float = 0) -> None:
        self.data: npt.NDArray[Any] = np.full(1024, fill, dtype=dtype)
        self.size = 0
        self.fill = fill

    def append(self, value: int | float) -> None:
        if self.size == len(self.data):
            grown = np.full(len(self.data) * 2, self.fill, dtype=self.data.dtype)
            grown[: self.size] = self.data[: self.size]
            self.data = grown
        self.data[self.size] = value
        self.size += 1

    def extend(self, values: Sequence[int]) -> None:
        needed = self.size + len(values)
        if needed > len(self.data):
            grown = np.full(max(needed, len(self.data) * 2), self.fill, dtype=self.data.dtype)
            grown[: self.size] = self.data[: self.size]
            self.data = grown
        self.data[self.size : needed] = values
        self.size = needed

    @classmethod
    def of(
        cls,
        values: Sequence[int | float] | npt.NDArray[Any],
        dtype: type[np.generic],
        fill: int | float = 0,
    ) -> Growable:
        """A growable array holding ``values`` (bulk construction)."""
        grown = cls(dtype, fill)
        grown.data = np.array(values, dtype=dtype) if len(values) else grown.data
        if len(values) == 0:
            grown.data = np.full(1024, fill, dtype=dtype)
        grown.size = len(values)
        return grown

    @property
    def view(self) -> npt.NDArray[Any]:
        return self.data[: self.size]
