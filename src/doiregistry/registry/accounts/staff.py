"""The staff account ``admin``: setting its password, from the CLI or at start-up.

``DOIREGISTRY_ADMIN_PASSWORD``, when set, is applied each time the application
starts; the stored hash is only replaced when the password differs, so a
restart does not churn the row or invalidate cached verifications.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Final

from doiregistry.registry.accounts.authentication import STAFF_ACCOUNT
from doiregistry.registry.accounts.passwords import hash_password, verify_password
from doiregistry.storage import accounts
from doiregistry.storage.engine import Database

PASSWORD_ENV: Final = "DOIREGISTRY_ADMIN_PASSWORD"


def set_admin_password(database: Database, password: str) -> None:
    """Create the staff account or give it a new password (a slow salted hash is stored)."""
    if not password:
        raise ValueError("the staff password must not be empty")
    password_hash = hash_password(password)
    with database.write() as connection:
        accounts.set_staff_password(
            connection, STAFF_ACCOUNT, password_hash, now=database.clock.now()
        )


def admin_password_matches(database: Database, password: str) -> bool:
    """True if the staff account exists and ``password`` is its password."""
    with database.read() as connection:
        row = accounts.fetch_staff(connection, STAFF_ACCOUNT)
    return row is not None and verify_password(password, row.password_hash)


def apply_admin_password_from_env(
    database: Database, environ: Mapping[str, str] | None = None
) -> bool:
    """Apply ``DOIREGISTRY_ADMIN_PASSWORD`` if set; True when the stored password changed."""
    password = (os.environ if environ is None else environ).get(PASSWORD_ENV, "")
    if not password or admin_password_matches(database, password):
        return False
    set_admin_password(database, password)
    return True
