"""HTTP Basic credentials → :class:`Principal`, with verification cached and guessing throttled.

The cache remembers, for a short time, that a password matched a given stored
hash. Its key includes the stored hash, so a changed password (in this or any
other process) is never served from the cache; only the slow scrypt step is
skipped on repeated requests. Wrong passwords are counted by a
:class:`~doiregistry.registry.accounts.login_throttle.LoginThrottle`, which
refuses a locked-out account or address before any password is checked.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from typing import Any

from sqlalchemy import Connection, Row

from doiregistry.domain.principal import ANONYMOUS, Principal, Role
from doiregistry.registry.accounts.login_throttle import LoginThrottle
from doiregistry.registry.accounts.passwords import verify_password
from doiregistry.storage import accounts
from doiregistry.storage.engine import Database

STAFF_ACCOUNT = "admin"
_MEMBER_ROLES = {"consortium": Role.CONSORTIUM_ADMIN}


class VerificationCache:
    """A small thread-safe LRU of (account, stored hash, password digest) triples that matched."""

    def __init__(self, size: int = 4096, ttl: float = 300.0) -> None:
        self._entries: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()
        self._size = size
        self._ttl = ttl

    @staticmethod
    def _key(account: str, stored: str, password: str) -> str:
        return hashlib.sha256(f"{account}\0{stored}\0{password}".encode()).hexdigest()

    def verify(self, account: str, password: str, stored: str | None) -> bool:
        if not stored:
            return False
        key = self._key(account, stored, password)
        now = time.monotonic()
        with self._lock:
            expires = self._entries.get(key)
            if expires is not None and expires > now:
                self._entries.move_to_end(key)
                return True
        if not verify_password(password, stored):
            return False
        with self._lock:
            self._entries[key] = now + self._ttl
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)
        return True


class Authenticator:
    """Turns a username and password into the caller's :class:`Principal`."""

    def __init__(
        self,
        database: Database,
        cache: VerificationCache | None = None,
        throttle: LoginThrottle | None = None,
    ) -> None:
        self.database = database
        self.cache = cache or VerificationCache()
        self.throttle = throttle or LoginThrottle()

    def authenticate(self, username: str, password: str, address: str | None = None) -> Principal:
        """The principal for these credentials, or :data:`ANONYMOUS` when they are wrong.

        As at DataCite, wrong Basic credentials make the caller anonymous; writes
        then fail with 401 (spec §2.1). ``address`` is the client's; when it or
        the account is locked out, :class:`~doiregistry.domain.errors.TooManyRequests`
        is raised and the password is not checked.
        """
        account = username.strip().lower()
        self.throttle.check(account, address)
        principal = self._verified(account, password)
        if principal.is_anonymous:
            self.throttle.failed(account, address)
        return principal

    def _verified(self, account: str, password: str) -> Principal:
        with self.database.read() as connection:
            if "." in account:
                client = accounts.fetch_client(connection, account)
                if client is None or not self.cache.verify(account, password, client.password_hash):
                    return ANONYMOUS
                provider = accounts.fetch_provider(connection, client.provider_id)
                return Principal(
                    Role.CLIENT_ADMIN,
                    uid=client.id,
                    client_id=client.id,
                    provider_ids=frozenset({client.provider_id}),
                    is_active=bool(
                        client.is_active and provider is not None and provider.is_active
                    ),
                )
            if account == STAFF_ACCOUNT:
                staff = accounts.fetch_staff(connection, account)
                if staff is None or not self.cache.verify(account, password, staff.password_hash):
                    return ANONYMOUS
                return Principal(Role.STAFF_ADMIN, uid=account)
            provider = accounts.fetch_provider(connection, account)
            if provider is None or not self.cache.verify(account, password, provider.password_hash):
                return ANONYMOUS
            return self._member_principal(provider, connection)

    @staticmethod
    def _member_principal(provider: Row[Any], connection: Connection) -> Principal:
        role = _MEMBER_ROLES.get(provider.member_type, Role.PROVIDER_ADMIN)
        managed = {provider.id}
        if role is Role.CONSORTIUM_ADMIN:
            managed.update(accounts.consortium_member_ids(connection, provider.id))
        return Principal(
            role,
            uid=provider.id,
            provider_ids=frozenset(managed),
            is_active=bool(provider.is_active),
        )
