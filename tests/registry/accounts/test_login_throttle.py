"""The login throttle: wrong passwords lock an address or an account out for a while,
in bounded memory."""

from __future__ import annotations

import pytest

from doiregistry.domain.errors import TooManyRequests
from doiregistry.registry.accounts.login_throttle import LoginLimits, LoginThrottle

LIMITS = LoginLimits(address_attempts=3, account_attempts=5, window=60, lockout=120)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def throttle(clock: FakeClock) -> LoginThrottle:
    return LoginThrottle(LIMITS, clock=clock)


def test_an_address_is_refused_after_its_limit_with_the_wait(throttle: LoginThrottle) -> None:
    for _ in range(LIMITS.address_attempts):
        throttle.check("datacite.test", "10.0.0.1")
        throttle.failed("datacite.test", "10.0.0.1")
    with pytest.raises(TooManyRequests) as refused:
        throttle.check("datacite.test", "10.0.0.1")
    assert refused.value.status == 429
    assert refused.value.retry_after == 120
    assert refused.value.title == "Too many failed sign-in attempts; try again in 120 seconds."
    # the same account from another address is not refused
    throttle.check("datacite.test", "10.0.0.2")
    # the locked-out address is refused for every account
    with pytest.raises(TooManyRequests):
        throttle.check("other.repo", "10.0.0.1")


def test_the_lock_out_ends_and_the_wait_counts_down(
    throttle: LoginThrottle, clock: FakeClock
) -> None:
    for _ in range(LIMITS.address_attempts):
        throttle.failed("a.b", "10.0.0.1")
    clock.now += 100.5
    with pytest.raises(TooManyRequests) as refused:
        throttle.check("a.b", "10.0.0.1")
    assert refused.value.retry_after == 20
    clock.now += 20
    throttle.check("a.b", "10.0.0.1")


def test_failures_older_than_the_window_do_not_count(
    throttle: LoginThrottle, clock: FakeClock
) -> None:
    for _ in range(LIMITS.address_attempts - 1):
        throttle.failed("a.b", "10.0.0.1")
    clock.now += LIMITS.window + 1
    throttle.failed("a.b", "10.0.0.1")
    throttle.check("a.b", "10.0.0.1")


def test_an_account_is_refused_after_failures_from_many_addresses(throttle: LoginThrottle) -> None:
    for number in range(LIMITS.account_attempts):
        throttle.failed("a.b", f"10.0.1.{number}")
    with pytest.raises(TooManyRequests):
        throttle.check("a.b", "10.9.9.9")
    throttle.check("c.d", "10.9.9.9")


def test_memory_is_bounded(clock: FakeClock) -> None:
    throttle = LoginThrottle(LoginLimits(max_tracked=10), clock=clock)
    for number in range(100):
        throttle.failed(f"account-{number}", f"10.0.0.{number}")
    assert throttle.tracked() == 10


def test_without_an_address_only_the_account_counts(throttle: LoginThrottle) -> None:
    for _ in range(LIMITS.account_attempts):
        throttle.failed("a.b", None)
    with pytest.raises(TooManyRequests):
        throttle.check("a.b", None)
