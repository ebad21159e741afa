"""Holding back password guessing: too many wrong passwords lock an address or an account out.

Failures are counted per client address and per account name within a
window; when a count reaches its limit that address (or account) is refused
for the lock-out time, before any password is checked, so a refused attempt
costs no scrypt work and does not count again. The account limit is higher
than the address limit, so one guessing address is locked out long before the
account is, and the right password from elsewhere still gets in.

The state is in memory, per process, and bounded: at most ``max_tracked``
addresses and accounts are remembered, the least recently seen forgotten
first. Behind a load balancer each process throttles on its own.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from doiregistry.domain.errors import TooManyRequests

#: what every refused sign-in is told (the wait is in ``Retry-After`` too)
LOCKED_OUT: Final = "Too many failed sign-in attempts; try again in {seconds} seconds."


@dataclass(frozen=True)
class LoginLimits:
    """How many wrong passwords are allowed, within what time, and how long a lock-out lasts."""

    #: wrong passwords from one client address within ``window`` seconds
    address_attempts: int = 10
    #: wrong passwords for one account (from any address) within ``window`` seconds
    account_attempts: int = 50
    window: float = 300.0
    lockout: float = 900.0
    max_tracked: int = 100_000


@dataclass
class _Failures:
    since: float
    count: int = 0
    locked_until: float = 0.0


class LoginThrottle:
    """Counts wrong passwords per address and per account; refuses locked-out ones."""

    def __init__(
        self, limits: LoginLimits | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limits = limits or LoginLimits()
        self._clock = clock
        self._entries: OrderedDict[tuple[str, str], _Failures] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def _keys(account: str, address: str | None) -> list[tuple[str, str]]:
        keys = [("account", account)]
        if address:
            keys.append(("address", address))
        return keys

    def _limit(self, key: tuple[str, str]) -> int:
        kind = key[0]
        return self.limits.account_attempts if kind == "account" else self.limits.address_attempts

    def check(self, account: str, address: str | None) -> None:
        """Raise :class:`TooManyRequests` when the account or the address is locked out."""
        now = self._clock()
        with self._lock:
            waits = [
                entry.locked_until - now
                for key in self._keys(account, address)
                if (entry := self._entries.get(key)) is not None and entry.locked_until > now
            ]
        if waits:
            seconds = math.ceil(max(waits))
            raise TooManyRequests(LOCKED_OUT.format(seconds=seconds), retry_after=seconds)

    def failed(self, account: str, address: str | None) -> None:
        """Count a wrong password; a count reaching its limit starts a lock-out."""
        now = self._clock()
        with self._lock:
            for key in self._keys(account, address):
                entry = self._entries.get(key)
                if entry is None or now - entry.since > self.limits.window:
                    entry = _Failures(since=now, locked_until=entry.locked_until if entry else 0.0)
                    self._entries[key] = entry
                self._entries.move_to_end(key)
                entry.count += 1
                if entry.count >= self._limit(key):
                    entry.locked_until = now + self.limits.lockout
                    entry.count = 0
                    entry.since = now
            while len(self._entries) > self.limits.max_tracked:
                self._entries.popitem(last=False)

    def tracked(self) -> int:
        """How many addresses and accounts are remembered now."""
        with self._lock:
            return len(self._entries)
