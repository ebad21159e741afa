"""The staff account: its password from the CLI helper or the environment."""

from __future__ import annotations

import pytest
from tests.factories import Services

from doiregistry.domain.principal import Role
from doiregistry.registry.accounts import staff
from doiregistry.storage import accounts


def test_set_admin_password_creates_the_staff_account(services: Services) -> None:
    staff.set_admin_password(services.database, "s3cret-admin")
    principal = services.authenticator.authenticate("admin", "s3cret-admin")
    assert principal.role is Role.STAFF_ADMIN
    assert services.authenticator.authenticate("ADMIN", "wrong").is_anonymous


def test_a_new_password_replaces_the_old_one(services: Services) -> None:
    staff.set_admin_password(services.database, "first")
    staff.set_admin_password(services.database, "second")
    assert services.authenticator.authenticate("admin", "first").is_anonymous
    assert services.authenticator.authenticate("admin", "second").is_staff


def test_empty_password_is_refused(services: Services) -> None:
    with pytest.raises(ValueError, match="empty"):
        staff.set_admin_password(services.database, "")


def test_environment_password_is_applied_once(services: Services) -> None:
    environ = {staff.PASSWORD_ENV: "from-env"}
    assert staff.apply_admin_password_from_env(services.database, environ) is True
    with services.database.read() as connection:
        first = accounts.fetch_staff(connection, "admin")
    assert staff.apply_admin_password_from_env(services.database, environ) is False
    with services.database.read() as connection:
        again = accounts.fetch_staff(connection, "admin")
    assert first is not None and again is not None
    assert first.password_hash == again.password_hash
    assert services.authenticator.authenticate("admin", "from-env").is_staff


def test_no_environment_password_changes_nothing(services: Services) -> None:
    assert staff.apply_admin_password_from_env(services.database, {}) is False
    with services.database.read() as connection:
        assert accounts.fetch_staff(connection, "admin") is None
