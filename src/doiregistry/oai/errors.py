"""OAI-PMH protocol errors: an error code from the protocol and a message for people.

Protocol errors are answered in-band (HTTP 200, ``<error code="…">``); the
service raises :class:`OaiError` and the HTTP layer renders it.
"""

from __future__ import annotations

from typing import Final, Literal

ErrorCode = Literal[
    "badArgument",
    "badResumptionToken",
    "badVerb",
    "cannotDisseminateFormat",
    "idDoesNotExist",
    "noMetadataFormats",
    "noRecordsMatch",
    "noSetHierarchy",
]

#: errors after which ``<request>`` carries no attributes (OAI-PMH 2.0, section 3.2)
REQUEST_NOT_ECHOED: Final = frozenset({"badVerb", "badArgument"})


class OaiError(Exception):
    """One protocol error; ``code`` is the OAI-PMH error code."""

    def __init__(self, code: ErrorCode, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code: ErrorCode = code
        self.message = message

    @property
    def echoes_request(self) -> bool:
        """Whether the response may repeat the request's arguments."""
        return self.code not in REQUEST_NOT_ECHOED


def bad_argument(message: str) -> OaiError:
    return OaiError("badArgument", message)
