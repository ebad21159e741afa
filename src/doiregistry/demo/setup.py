"""Everything ``doiregistry serve --demo`` does before serving."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from typing import Final

from doiregistry.demo.accounts import DEMO_REPOSITORY, ensure_demo_accounts
from doiregistry.demo.loader import load_demo_records
from doiregistry.harvest.outcomes import ImportReport
from doiregistry.storage.engine import Database

PASSWORD_ENV: Final = "DOIREGISTRY_DEMO_PASSWORD"


@dataclass(frozen=True)
class DemoSetup:
    """The credentials of the demo repository and what loading its records did."""

    username: str
    password: str
    report: ImportReport


def demo_password() -> str:
    """``DOIREGISTRY_DEMO_PASSWORD``, else a new random password."""
    return os.environ.get(PASSWORD_ENV) or secrets.token_urlsafe(12)


def set_up_demo(database: Database, password: str | None = None) -> DemoSetup:
    """Make the demo accounts and records (idempotent) and return the credentials."""
    password = password or demo_password()
    ensure_demo_accounts(database, password)
    report = load_demo_records(database)
    return DemoSetup(DEMO_REPOSITORY, password, report)
