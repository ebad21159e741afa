"""Direct storage-level seeding of accounts and prefixes for DOI tests."""

from __future__ import annotations

import uuid

from doiregistry.domain.clock import SYSTEM_CLOCK
from doiregistry.registry.accounts.passwords import hash_password
from doiregistry.storage import accounts
from doiregistry.storage.engine import Database
from doiregistry.storage.tables import client_prefixes, prefixes, provider_prefixes


def seed_repository(
    database: Database,
    repository: str = "datacite.test",
    password: str = "secret",
    prefix: str = "10.5438",
    domains: str = "*",
    provider_password: str | None = None,
) -> None:
    """A member, its repository with a password, and a prefix assigned to the repository."""
    provider = repository.split(".")[0]
    now = SYSTEM_CLOCK.now()
    with database.write() as connection:
        if accounts.fetch_provider(connection, provider) is None:
            accounts.insert_provider(
                connection,
                {
                    "id": provider,
                    "symbol": provider.upper(),
                    "name": provider.title(),
                    "display_name": provider.title(),
                    "system_email": f"{provider}@example.org",
                    "member_type": "direct_member",
                    "password_hash": hash_password(provider_password)
                    if provider_password
                    else None,
                    "is_active": True,
                    "attributes": {},
                    "created": now,
                    "updated": now,
                },
            )
        accounts.insert_client(
            connection,
            {
                "id": repository,
                "symbol": repository.upper(),
                "provider_id": provider,
                "name": repository,
                "system_email": f"{repository}@example.org",
                "client_type": "repository",
                "domains": domains,
                "password_hash": hash_password(password),
                "is_active": True,
                "attributes": {},
                "created": now,
                "updated": now,
            },
        )
        connection.execute(prefixes.insert().values(prefix=prefix, created=now))
        provider_prefix = str(uuid.uuid4())
        connection.execute(
            provider_prefixes.insert().values(
                id=provider_prefix, provider_id=provider, prefix=prefix, created=now, updated=now
            )
        )
        connection.execute(
            client_prefixes.insert().values(
                id=str(uuid.uuid4()),
                client_id=repository,
                provider_prefix_id=provider_prefix,
                prefix=prefix,
                created=now,
                updated=now,
            )
        )
