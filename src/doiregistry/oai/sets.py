"""The ``set`` argument: a member (``PROVIDER``), a repository (``PROVIDER.REPOSITORY``),
and DataCite's query sets (``<spec>~<base64 query>``, the spec being optional).

Set specs are matched case-insensitively. The query of a query set is written
in the search query language (as ``query=`` of ``GET /dois``); its base64 may
be URL-safe or standard, with or without padding.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from typing import Final

from doiregistry.oai.errors import bad_argument

#: OAI-PMH ``setSpecType``
SET_SPEC: Final = re.compile(r"[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*")
_BASE64: Final = re.compile(r"[A-Za-z0-9+/\-_]*={0,2}")


@dataclass(frozen=True)
class SetSelection:
    """What a ``set`` argument selects: a member or repository, a query, or both."""

    spec: str | None = None
    query: str | None = None

    @property
    def provider_id(self) -> str | None:
        """The member selected by a spec without a dot."""
        if self.spec is None or "." in self.spec:
            return None
        return self.spec.lower()

    @property
    def client_id(self) -> str | None:
        """The repository selected by a spec with a dot."""
        if self.spec is None or "." not in self.spec:
            return None
        return self.spec.lower()

    @property
    def canonical(self) -> str:
        """The argument in one spelling: upper-case spec, unpadded URL-safe base64 query."""
        spec = self.spec or ""
        if self.query is None:
            return spec
        encoded = base64.urlsafe_b64encode(self.query.encode("utf-8")).rstrip(b"=")
        return f"{spec}~{encoded.decode('ascii')}"


def _decode_query(encoded: str, text: str) -> str | None:
    if _BASE64.fullmatch(encoded) is None:
        raise bad_argument(f"The query of the set '{text}' is not base64.")
    unified = encoded.rstrip("=").replace("+", "-").replace("/", "_")
    try:
        raw = base64.urlsafe_b64decode(unified + "=" * (-len(unified) % 4))
        query = raw.decode("utf-8")
    except (binascii.Error, ValueError):
        raise bad_argument(f"The query of the set '{text}' is not base64 of UTF-8 text.") from None
    return query if query.strip() else None


def parse_set(text: str) -> SetSelection:
    """The selection a ``set`` argument names, or ``badArgument``."""
    spec, tilde, encoded = text.partition("~")
    if spec and SET_SPEC.fullmatch(spec) is None:
        raise bad_argument(f"The value '{text}' of the argument 'set' is not a valid setSpec.")
    if not tilde:
        if not spec:
            raise bad_argument("The argument 'set' is empty.")
        return SetSelection(spec.upper(), None)
    return SetSelection(spec.upper() or None, _decode_query(encoded, text))
