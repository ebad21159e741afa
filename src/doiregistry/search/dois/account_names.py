"""What DOI lists need to know about repositories and members: names for facet titles,
repository types and certificates for the ``client-type`` and ``certificate`` filters."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection

from doiregistry.storage import account_lookups


@dataclass(frozen=True)
class AccountNames:
    providers: Mapping[str, str]
    clients: Mapping[str, str]
    client_types: Mapping[str, str]
    certificates: Mapping[str, list[str]]

    def clients_with_certificate(self, wanted: Sequence[str]) -> list[str]:
        return sorted(c for c, certs in self.certificates.items() if set(certs) & set(wanted))

    def clients_of_type(self, wanted: Sequence[str]) -> list[str]:
        return sorted(c for c, kind in self.client_types.items() if kind in wanted)


def account_names(connection: Connection) -> AccountNames:
    clients = account_lookups.client_facet_rows(connection)
    return AccountNames(
        providers=account_lookups.provider_names(connection),
        clients={row.id: row.name for row in clients},
        client_types={row.id: row.client_type for row in clients},
        certificates={row.id: row.certificates for row in clients},
    )
