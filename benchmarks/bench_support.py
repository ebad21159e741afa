"""What the benchmark scripts share: accounts made through the services, throwaway
PostgreSQL databases, and a description of the machine for the results."""

from __future__ import annotations

import os
import platform
import re
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from doiregistry.domain.principal import Principal, Role
from doiregistry.registry.accounts.client_rules import ClientPayload
from doiregistry.registry.accounts.clients import ClientService
from doiregistry.registry.accounts.provider_rules import ProviderPayload
from doiregistry.registry.accounts.providers import ProviderService
from doiregistry.registry.prefixes.service import PrefixService
from doiregistry.storage.engine import Database

STAFF = Principal(Role.STAFF_ADMIN, uid="bench")


class Accounts:
    """Members and repositories (each with its own prefix) of a benchmark store."""

    def __init__(self, database: Database) -> None:
        self.providers = ProviderService(database)
        self.prefixes = PrefixService(database)
        self.clients = ClientService(database)

    def member(self, symbol: str, name: str | None = None) -> None:
        name = name or f"Member {symbol}"
        attributes = {
            "symbol": symbol,
            "name": name,
            "displayName": name,
            "systemEmail": "bench@example.org",
            "memberType": "direct_member",
        }
        self.providers.create(STAFF, ProviderPayload(attributes))

    def repository(self, member: str, symbol: str, prefix: str, name: str | None = None) -> None:
        self.prefixes.add_to_pool(STAFF, prefix)
        self.prefixes.assign_to_provider(STAFF, member.lower(), prefix)
        attributes = {
            "symbol": symbol,
            "name": name or f"Repository {symbol}",
            "systemEmail": "bench@example.org",
        }
        self.clients.create(STAFF, ClientPayload(attributes))


def postgres_database(base: str, purpose: str, name: str | None = None) -> tuple[str, str]:
    """(URL, name) of a database on the server of ``base``: a new one, or ``name``
    (created when missing)."""
    name = name or f"doiregistry_{purpose}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(make_url(base), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        exists = connection.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
        ).first()
        if exists is None:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(base).set(database=name).render_as_string(hide_password=False), name


def drop_postgres_database(base: str, name: str) -> None:
    admin = create_engine(make_url(base), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def machine() -> str:
    """Cores, CPU model, memory, system and Python, for the results."""
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        match = re.search(r"MemTotal:\s+(\d+) kB", meminfo.read_text())
        if match:
            memory = f", {int(match.group(1)) / 1024 / 1024:.0f} GiB RAM"
    model = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        model = found.group(1).strip() if found else model
    return (
        f"{os.cpu_count()} cores ({model}){memory}, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    )
