"""Accounts and prefixes for tests, made through the services.

``make_repository(registry)`` leaves a provider ``datacite``, the prefix
``10.5438`` in the pool and held by that provider, and a repository
``datacite.test`` (password ``secret``) that holds the prefix, so that it can
register DOIs under it. ``registry`` is the application's
:class:`~doiregistry.registry.container.Registry` or anything with the same
``providers``, ``clients`` and ``prefixes`` services.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any, Protocol

from doiregistry.domain.errors import NotFound
from doiregistry.domain.principal import Principal, Role
from doiregistry.domain.provider_record import ProviderRecord
from doiregistry.registry.accounts.authentication import Authenticator
from doiregistry.registry.accounts.client_rules import ClientPayload
from doiregistry.registry.accounts.clients import ClientService
from doiregistry.registry.accounts.provider_rules import UNSET, ProviderPayload
from doiregistry.registry.accounts.providers import ProviderService
from doiregistry.registry.prefixes.service import PrefixService
from doiregistry.storage.engine import Database

STAFF = Principal(Role.STAFF_ADMIN, uid="admin")


class AccountServices(Protocol):
    providers: ProviderService
    clients: ClientService
    prefixes: PrefixService


@dataclass
class Services:
    """The account and prefix services over one store (what ``Registry`` holds for them)."""

    database: Database
    authenticator: Authenticator
    providers: ProviderService
    clients: ClientService
    prefixes: PrefixService

    @classmethod
    def over(cls, database: Database) -> Services:
        return cls(
            database=database,
            authenticator=Authenticator(database),
            providers=ProviderService(database),
            clients=ClientService(database),
            prefixes=PrefixService(database),
        )


def document(kind: str, attributes: dict[str, Any], **related: str | None) -> dict[str, Any]:
    """A JSON:API write document; each keyword is a to-one relationship (``None``: null)."""
    data: dict[str, Any] = {"type": kind, "attributes": attributes}
    if related:
        data["relationships"] = {
            name: {"data": None if value is None else {"type": "x", "id": value}}
            for name, value in related.items()
        }
    return {"data": data}


def basic(username: str, password: str) -> dict[str, str]:
    """An ``Authorization`` header for HTTP Basic."""
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


def make_provider(
    registry: AccountServices,
    provider: str = "datacite",
    *,
    password: str | None = None,
    member_type: str = "direct_member",
    consortium: str | None = None,
    **attributes: Any,
) -> ProviderRecord:
    """Create a provider as staff (``attributes`` override the defaults)."""
    values: dict[str, Any] = {
        "symbol": provider.upper(),
        "name": f"{provider.upper()} member",
        "displayName": f"{provider.upper()} member",
        "systemEmail": f"support@{provider.lower()}.example.org",
        "memberType": member_type,
    }
    if password is not None:
        values["passwordInput"] = password
    values.update(attributes)
    return registry.providers.create(
        STAFF, ProviderPayload(values, consortium.lower() if consortium else UNSET)
    )


def add_prefix(registry: AccountServices, prefix: str) -> None:
    """Put ``prefix`` into the pool unless it is there already."""
    try:
        registry.prefixes.get_prefix(prefix)
    except NotFound:
        registry.prefixes.add_to_pool(STAFF, prefix)


def make_repository(
    registry: AccountServices,
    provider: str = "datacite",
    repository: str = "datacite.test",
    password: str = "secret",
    prefix: str = "10.5438",
) -> None:
    """A provider (created if missing) with a repository that holds ``prefix``."""
    try:
        registry.providers.get(STAFF, provider)
    except NotFound:
        make_provider(registry, provider)
    add_prefix(registry, prefix)
    held = registry.prefixes.get_prefix(prefix)
    if held.provider_id is None:
        registry.prefixes.assign_to_provider(STAFF, provider.lower(), prefix)
    created = registry.clients.create(
        STAFF,
        ClientPayload(
            {
                "symbol": repository.upper(),
                "name": f"Repository {repository}",
                "systemEmail": f"support@{repository.lower()}.example.org",
                "passwordInput": password,
            },
            provider_id=provider.lower(),
        ),
    )
    if prefix not in created.prefixes:
        registry.prefixes.assign_to_client(STAFF, created.id, prefix)


def insert_doi_row(database: Database, doi: str, client_id: str, provider_id: str) -> None:
    """A bare draft DOI row, for tests about accounts and prefixes that hold DOIs.

    Written straight to the table so that these tests do not depend on the DOI
    service and its metadata pipeline.
    """
    from doiregistry.domain.clock import SYSTEM_CLOCK
    from doiregistry.storage.tables import dois

    now = SYSTEM_CLOCK.now()
    with database.write() as connection:
        connection.execute(
            dois.insert().values(
                doi=doi.lower(),
                prefix=doi.split("/", 1)[0].lower(),
                client_id=client_id,
                provider_id=provider_id,
                state="draft",
                attributes={},
                metadata_version=0,
                created=now,
                updated=now,
                change_seq=0,
            )
        )


ADMIN = ("admin", "admin-secret")


def make_staff(database: Database, password: str = ADMIN[1]) -> None:
    """The staff account ``admin`` with ``password``."""
    from doiregistry.registry.accounts.staff import set_admin_password

    set_admin_password(database, password)
