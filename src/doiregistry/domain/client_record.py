"""A repository (DataCite "client") as the services hand it out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final

from doiregistry.domain.account_access import PUBLIC, Access

#: bases stripped from re3data and OpenDOAR ids on input and put back on output
RE3DATA_BASE: Final = "https://doi.org/"
OPENDOAR_BASE: Final = "https://v2.sherpa.ac.uk/id/repository/"
_RE3DATA_BASES: Final = (RE3DATA_BASE, "http://doi.org/", "doi:")


def bare_re3data(value: str) -> str:
    """A re3data id as sent, trimmed and without ``https://doi.org/``, ``http://doi.org/``
    or ``doi:`` in front (any case)."""
    text = value.strip()
    for base in _RE3DATA_BASES:
        if text.lower().startswith(base):
            text = text[len(base) :]
    return text


def bare_opendoar(value: str) -> str:
    """An OpenDOAR id as sent, trimmed and without the OpenDOAR base URL (or a final ``/``)."""
    text = value.strip().rstrip("/")
    return text[len(OPENDOAR_BASE) :] if text.startswith(OPENDOAR_BASE) else text


@dataclass(frozen=True)
class ClientRecord:
    """One repository row plus its prefixes and the consortium of its provider.

    ``attributes`` holds every JSON:API attribute without a column of its own,
    keyed in camelCase (``description``, ``re3data``, ``serviceContact`` …).
    ``doi_count`` is filled only where a response shows it.
    """

    id: str
    symbol: str
    provider_id: str
    consortium_id: str | None
    name: str
    system_email: str | None
    client_type: str
    domains: str
    has_password: bool
    is_active: bool
    attributes: dict[str, Any]
    created: datetime
    updated: datetime
    prefixes: tuple[str, ...] = ()
    access: Access = field(default=PUBLIC)
    doi_count: int | None = None

    @property
    def year(self) -> int:
        return self.created.year

    def state(self) -> dict[str, Any]:
        """Every writable attribute by its JSON:API name (the base an update is merged onto)."""
        values = dict(self.attributes)
        values.update(
            symbol=self.symbol,
            name=self.name,
            systemEmail=self.system_email,
            clientType=self.client_type,
            domains=self.domains,
            isActive=self.is_active,
        )
        return values
