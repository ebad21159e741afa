"""The error of a query the server cannot run, shared by the parser and its checks."""

from __future__ import annotations


class QuerySyntaxError(ValueError):
    """A query the server cannot run; ``position`` is 0-based in the original query."""

    def __init__(self, message: str, position: int | None = None) -> None:
        where = f" (at position {position})" if position is not None else ""
        super().__init__(f"{message}{where}")
        self.message = message
        self.position = position
