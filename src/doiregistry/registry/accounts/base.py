"""What provider and repository writes share: the first gate of every account or prefix write,
random symbols, and the steps of a create, an update and a soft delete (merge the write onto
the stored state, validate, write, audit, reload) with the account specifics as hooks.
"""

from __future__ import annotations

import secrets
import string
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from sqlalchemy import Connection, Row, Table

from doiregistry.domain.errors import BadRequest, Forbidden, NotFound, Unauthorized
from doiregistry.domain.principal import Principal
from doiregistry.registry.accounts import auditing
from doiregistry.registry.accounts.field_checks import AccountValues, Problems
from doiregistry.registry.accounts.passwords import password_hash_of
from doiregistry.storage import accounts, activity_records
from doiregistry.storage.engine import Database

R = TypeVar("R")
P = TypeVar("P", bound="AccountPayload")


def require_writer(principal: Principal) -> None:
    """401 without (valid) credentials; 403 for an inactive account, which is read-only
    (spec §2.3, §2.4)."""
    if principal.is_anonymous:
        raise Unauthorized()
    if not principal.is_active:
        raise Forbidden()


def random_symbol(length: int) -> str:
    """``length`` random upper-case ASCII letters."""
    return "".join(secrets.choice(string.ascii_uppercase) for _ in range(length))


class AccountPayload(Protocol):
    """What every account write carries: attributes by their camelCase names."""

    @property
    def attributes(self) -> Mapping[str, Any]: ...


class Checker(Protocol):
    """The rules for one account: checks a merged state, collecting problems."""

    def __call__(self, state: dict[str, Any], problems: Problems) -> AccountValues: ...


class AccountService(ABC, Generic[R, P]):
    """The write steps of one kind of account over one database; subclasses fill the hooks."""

    #: the audit trail's name for the kind (``Provider``, ``Client``)
    kind: ClassVar[str]
    #: the attributes the audit trail records
    audited: ClassVar[tuple[str, ...]]
    #: the table whose symbols a new account must not reuse
    table: ClassVar[Table]
    #: the 422 title for a symbol already taken
    symbol_taken: ClassVar[str]

    def __init__(self, database: Database) -> None:
        self.database = database

    # -- hooks -----------------------------------------------------------------------------

    @abstractmethod
    def _fetch(self, connection: Connection, account_id: str) -> Row[Any] | None:
        """The live account row."""

    @abstractmethod
    def _insert_row(self, connection: Connection, values: Mapping[str, Any]) -> None: ...

    @abstractmethod
    def _update_row(
        self, connection: Connection, account_id: str, changes: Mapping[str, Any]
    ) -> None: ...

    @abstractmethod
    def _records(
        self, connection: Connection, principal: Principal, rows: Sequence[Row[Any]]
    ) -> list[R]:
        """The records of stored rows, as ``principal`` may see them."""

    @abstractmethod
    def _stored_state(self, row: Row[Any]) -> dict[str, Any]:
        """Every writable attribute of a stored account (the base a write is merged onto)."""

    @abstractmethod
    def _checker(self, connection: Connection, row: Row[Any]) -> Checker:
        """The rules that a state of the stored account ``row`` must pass."""

    @abstractmethod
    def _audit_view(self, values: AccountValues, row: Row[Any]) -> dict[str, Any]:
        """The checked values by their audited names."""

    @abstractmethod
    def _may_update(self, principal: Principal, row: Row[Any]) -> bool: ...

    @abstractmethod
    def _may_delete(self, principal: Principal, row: Row[Any]) -> bool: ...

    @abstractmethod
    def _merge(self, state: dict[str, Any], payload: P) -> dict[str, Any]:
        """``state`` with the write applied."""

    @abstractmethod
    def _staff_only_changed(self, before: AccountValues, after: AccountValues) -> bool: ...

    @abstractmethod
    def _has_dependants(self, connection: Connection, row: Row[Any]) -> bool:
        """Whether something still rests on the account, so that it cannot be deleted."""

    @abstractmethod
    def _release_prefixes(self, connection: Connection, account_id: str) -> None:
        """Give the prefixes of a deleted account back to the level above."""

    def _refuse_update(self, payload: P) -> None:
        """Raise for a write this kind never accepts (none by default)."""

    def _check_fixed(self, row: Row[Any], payload: P, problems: Problems) -> None:
        """Problems with links that an update may not change, besides the symbol (none)."""

    def _check_links(
        self,
        connection: Connection,
        values: AccountValues,
        row: Row[Any] | None,
        problems: Problems,
    ) -> None:
        """Problems with the accounts ``values`` link to (``row``: none on a create)."""

    # -- the steps -------------------------------------------------------------------------

    def update(self, principal: Principal, account_id: str, payload: P) -> R:
        """Change an account; attributes not sent keep their values (PUT and PATCH alike)."""
        require_writer(principal)
        self._refuse_update(payload)
        password = password_hash_of(payload.attributes)
        with self.database.write() as connection:
            row = self._fetch_allowed(connection, account_id, principal, self._may_update)
            check = self._checker(connection, row)
            problems = Problems()
            state = self._merge(self._stored_state(row), payload)
            if state.get("symbol") != row.symbol:
                problems.add("symbol", "Cannot be changed")
                state["symbol"] = row.symbol
            self._check_fixed(row, payload, problems)
            values = check(state, problems)
            before = check(self._stored_state(row), Problems())
            if not principal.is_staff and self._staff_only_changed(before, values):
                raise Forbidden()
            self._check_links(connection, values, row, problems)
            problems.raise_any()
            changes: dict[str, Any] = {
                **{k: v for k, v in values.columns.items() if k != "symbol"},
                "attributes": values.attributes,
                "updated": self.database.clock.now(),
            }
            if password is not None:
                changes["password_hash"] = password
            self._update_row(connection, row.id, changes)
            self._audit(
                connection,
                row.id,
                "update",
                auditing.difference(
                    self._audit_view(before, row), self._audit_view(values, row), self.audited
                ),
                principal,
            )
            return self._reread(connection, principal, row.id)

    def _soft_delete(self, principal: Principal, account_id: str, refusal: str) -> None:
        """Mark an account deleted and release its prefixes; 400 with ``refusal`` while
        something rests on it."""
        require_writer(principal)
        with self.database.write() as connection:
            row = self._fetch_allowed(connection, account_id, principal, self._may_delete)
            if self._has_dependants(connection, row):
                raise BadRequest(refusal)
            now = self.database.clock.now()
            self._update_row(
                connection, row.id, {"deleted_at": now, "is_active": False, "updated": now}
            )
            self._release_prefixes(connection, row.id)
            values = self._checker(connection, row)(self._stored_state(row), Problems())
            self._audit(
                connection,
                row.id,
                "destroy",
                auditing.snapshot(self._audit_view(values, row), self.audited),
                principal,
            )

    def _fetch_allowed(
        self,
        connection: Connection,
        account_id: str,
        principal: Principal,
        allowed: Callable[[Principal, Row[Any]], bool],
    ) -> Row[Any]:
        """The live account row; 404 without one, 403 unless ``allowed`` for ``principal``."""
        row = self._fetch(connection, account_id)
        if row is None:
            raise NotFound()
        if not allowed(principal, row):
            raise Forbidden()
        return row

    def _claim_symbol(
        self, connection: Connection, values: AccountValues, problems: Problems
    ) -> None:
        """A problem when a valid new symbol is in use (or was, by a deleted account)."""
        symbol = values.columns["symbol"]
        if "symbol" not in problems and accounts.symbol_taken(connection, self.table, symbol):
            problems.add("symbol", self.symbol_taken)

    def _insert_new(
        self,
        connection: Connection,
        values: AccountValues,
        links: Mapping[str, Any],
        password: str | None,
        now: datetime,
    ) -> str:
        """Store a checked new account (its id is its lower-cased symbol) and return its id."""
        account_id: str = values.columns["symbol"].lower()
        self._insert_row(
            connection,
            {
                **values.columns,
                "id": account_id,
                **links,
                "password_hash": password,
                "attributes": values.attributes,
                "created": now,
                "updated": now,
            },
        )
        return account_id

    def _created(
        self, connection: Connection, principal: Principal, values: AccountValues, account_id: str
    ) -> R:
        """Audit the create of a stored new account and return its record."""
        row = self._fetch(connection, account_id)
        assert row is not None
        self._audit(
            connection,
            account_id,
            "create",
            auditing.snapshot(self._audit_view(values, row), self.audited),
            principal,
        )
        return self._records(connection, principal, [row])[0]

    def _audit(
        self,
        connection: Connection,
        account_id: str,
        action: str,
        changes: dict[str, Any],
        principal: Principal,
    ) -> None:
        activity_records.add(
            connection,
            self.kind,
            account_id,
            action,
            changes,
            principal.uid,
            now=self.database.clock.now(),
        )

    def _reread(self, connection: Connection, principal: Principal, account_id: str) -> R:
        row = self._fetch(connection, account_id)
        assert row is not None
        return self._records(connection, principal, [row])[0]
