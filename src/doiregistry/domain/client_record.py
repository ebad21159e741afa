"""A repository (DataCite "client") as the services hand it out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final

from doiregistry.domain.account_access import PUBLIC, Access

#: bases stripped from re3data and OpenDOAR ids on input and put back on output
RE3DATA_BASE: Final = "https://doi.org/"
OPENDOAR_BASE: Final = "https://v2.sherpa.ac.uk/id/repository/"


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
