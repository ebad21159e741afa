"""Exceptions raised by the metadata layer."""

from __future__ import annotations


class MetadataError(Exception):
    """Base class for every error the metadata layer raises on bad input."""


class MetadataParseError(MetadataError):
    """Input that cannot be read: not well-formed, too large, undecodable.

    ``line`` and ``column`` are 1-based positions in the decoded document when
    known (``None`` otherwise).
    """

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        self.message = message
        self.line = line
        self.column = column
        where = f" at line {line}, column {column}" if line is not None else ""
        super().__init__(f"{message}{where}")


class SchemaResourceError(LookupError):
    """A packaged XML Schema file was asked for that the package does not ship.

    This signals a programming or packaging fault, not bad user input: every
    schema the validator selects is part of the package data.
    """


class MetadataFormatError(MetadataError):
    """Well-formed input that is not the expected metadata format.

    Raised, for example, when an XML document has no DataCite ``resource``
    element.
    """
