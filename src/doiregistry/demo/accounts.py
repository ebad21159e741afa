"""The demo member ``DEMO``, its repository ``DEMO.REPO`` and the prefix ``10.5072``.

Made through the account and prefix services, as staff would make them, and
only where missing, so that every start of ``serve --demo`` leaves the same
accounts. The repository's password is set to the given one each time.
"""

from __future__ import annotations

from typing import Final

from doiregistry.domain.errors import NotFound
from doiregistry.domain.principal import Principal, Role
from doiregistry.registry.accounts.client_rules import ClientPayload
from doiregistry.registry.accounts.clients import ClientService
from doiregistry.registry.accounts.provider_rules import ProviderPayload
from doiregistry.registry.accounts.providers import ProviderService
from doiregistry.registry.prefixes.service import PrefixService
from doiregistry.storage.engine import Database

DEMO_PROVIDER: Final = "DEMO"
DEMO_REPOSITORY: Final = "DEMO.REPO"
DEMO_PREFIX: Final = "10.5072"
DEMO_STAFF: Final = Principal(Role.STAFF_ADMIN, uid="demo-setup")


class DemoSetupError(Exception):
    """The store holds something that conflicts with the demo accounts."""


def _ensure_provider(providers: ProviderService) -> None:
    try:
        providers.get(DEMO_STAFF, DEMO_PROVIDER)
    except NotFound:
        providers.create(
            DEMO_STAFF,
            ProviderPayload(
                {
                    "symbol": DEMO_PROVIDER,
                    "name": "Demo member",
                    "displayName": "Demo member",
                    "systemEmail": "demo@example.org",
                    "memberType": "direct_member",
                }
            ),
        )


def _ensure_provider_prefix(prefixes: PrefixService) -> None:
    try:
        held = prefixes.get_prefix(DEMO_PREFIX)
    except NotFound:
        held = prefixes.add_to_pool(DEMO_STAFF, DEMO_PREFIX)
    if held.provider_id is None:
        prefixes.assign_to_provider(DEMO_STAFF, DEMO_PROVIDER.lower(), DEMO_PREFIX)
    elif held.provider_id != DEMO_PROVIDER.lower():
        raise DemoSetupError(f"Prefix {DEMO_PREFIX} already belongs to member {held.provider_id}")


def _ensure_repository(clients: ClientService, prefixes: PrefixService, password: str) -> None:
    repository = DEMO_REPOSITORY.lower()
    try:
        clients.get(DEMO_STAFF, repository)
    except NotFound:
        clients.create(
            DEMO_STAFF,
            ClientPayload(
                {
                    "symbol": DEMO_REPOSITORY,
                    "name": "Demo repository",
                    "systemEmail": "demo@example.org",
                    "passwordInput": password,
                }
            ),
        )
    else:
        clients.update(DEMO_STAFF, repository, ClientPayload({"passwordInput": password}))
    held = prefixes.get_prefix(DEMO_PREFIX)
    if held.client_id is None:
        prefixes.assign_to_client(DEMO_STAFF, repository, DEMO_PREFIX)
    elif held.client_id != repository:
        raise DemoSetupError(f"Prefix {DEMO_PREFIX} is already assigned to {held.client_id}")


def ensure_demo_accounts(database: Database, password: str) -> None:
    """Create what is missing of the demo accounts and set the repository's password."""
    prefixes = PrefixService(database)
    _ensure_provider(ProviderService(database))
    _ensure_provider_prefix(prefixes)
    _ensure_repository(ClientService(database), prefixes, password)
