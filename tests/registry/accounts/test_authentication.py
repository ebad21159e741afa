"""Authentication with the login throttle: a refused attempt costs no scrypt work, and the
right password from another address still gets in."""

from __future__ import annotations

import pytest
from tests.seed import seed_repository

from doiregistry.domain.errors import TooManyRequests
from doiregistry.domain.principal import Role
from doiregistry.registry.accounts import authentication
from doiregistry.registry.accounts.authentication import Authenticator
from doiregistry.registry.accounts.login_throttle import LoginLimits, LoginThrottle
from doiregistry.storage.engine import Database

LIMITS = LoginLimits(address_attempts=4, account_attempts=20)


def test_a_guessing_address_is_refused_before_the_password_is_checked(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed_repository(database)
    checks: list[str] = []
    real_verify = authentication.verify_password

    def counting_verify(password: str, stored: str) -> bool:
        checks.append(password)
        return real_verify(password, stored)

    monkeypatch.setattr(authentication, "verify_password", counting_verify)
    authenticator = Authenticator(database, throttle=LoginThrottle(LIMITS))

    for number in range(LIMITS.address_attempts):
        guess = authenticator.authenticate("DATACITE.TEST", f"guess-{number}", "192.0.2.1")
        assert guess.is_anonymous
    assert len(checks) == LIMITS.address_attempts
    with pytest.raises(TooManyRequests):
        authenticator.authenticate("DATACITE.TEST", "secret", "192.0.2.1")
    assert len(checks) == LIMITS.address_attempts

    elsewhere = authenticator.authenticate("DATACITE.TEST", "secret", "198.51.100.7")
    assert elsewhere.role is Role.CLIENT_ADMIN and elsewhere.client_id == "datacite.test"


def test_unknown_accounts_count_as_failures_too(database: Database) -> None:
    authenticator = Authenticator(database, throttle=LoginThrottle(LIMITS))
    for number in range(LIMITS.address_attempts):
        assert authenticator.authenticate(f"nobody{number}", "x", "192.0.2.9").is_anonymous
    with pytest.raises(TooManyRequests):
        authenticator.authenticate("nobody", "x", "192.0.2.9")
