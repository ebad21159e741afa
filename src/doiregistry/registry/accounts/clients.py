"""The repository service (DataCite "clients", served as ``/clients`` and ``/repositories``).

Reads are public (restricted attributes aside, see :mod:`.account_access`).
Staff and the managing member or consortium create and delete repositories
(members of type ``member_only`` cannot); a repository may also update
itself. A new repository gets a prefix automatically; one that holds DOIs
cannot be deleted. Every write leaves an audit row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final, Literal

from sqlalchemy import Connection, Row
from sqlalchemy.exc import IntegrityError

from doiregistry.domain.account_access import client_access
from doiregistry.domain.account_queries import ClientQuery
from doiregistry.domain.client_record import ClientRecord
from doiregistry.domain.errors import (
    BadRequest,
    FieldError,
    Forbidden,
    NotFound,
    ValidationFailed,
)
from doiregistry.domain.listing import Listing, Page
from doiregistry.domain.principal import Principal, Role
from doiregistry.registry.accounts import auditing, client_rules
from doiregistry.registry.accounts.base import (
    AccountService,
    Checker,
    random_symbol,
    require_writer,
)
from doiregistry.registry.accounts.client_rules import ClientPayload
from doiregistry.registry.accounts.field_checks import AccountValues, Problems
from doiregistry.registry.accounts.passwords import password_hash_of
from doiregistry.registry.prefixes.assignment import assign_first_free
from doiregistry.search.accounts.clients import search_clients
from doiregistry.search.accounts.steps import cut
from doiregistry.storage import accounts, prefix_records, record_rows
from doiregistry.storage.tables import clients

SYMBOL_TAKEN: Final = "This Client ID has already been taken"
NO_TRANSFER: Final = "Moving a repository or its DOIs (mode, targetId) is not supported yet."
_CREATE_ATTEMPTS: Final = 3


def _creation_provider(principal: Principal, symbol: str, related: str | None) -> str | None:
    """The provider a new repository belongs to: the relationship, else its symbol's prefix."""
    if related:
        return related
    if "." in symbol:
        return symbol.split(".", 1)[0].lower()
    if principal.role is Role.PROVIDER_ADMIN and principal.uid:
        return principal.uid
    return None


class ClientService(AccountService[ClientRecord, ClientPayload]):
    """Rules for repositories over one :class:`~doiregistry.storage.engine.Database`."""

    kind = "Client"
    audited = auditing.CLIENT_AUDITED
    table = clients
    symbol_taken = SYMBOL_TAKEN

    # -- reading ---------------------------------------------------------------------------

    def get(
        self, principal: Principal, client_id: str, *, with_counts: bool = False
    ) -> ClientRecord:
        """One live repository (with its DOI count when asked); 404 otherwise."""
        with self.database.read() as connection:
            row = accounts.fetch_client(connection, client_id)
            if row is None:
                raise NotFound()
            count = accounts.client_doi_count(connection, row.id) if with_counts else None
            return self._records(connection, principal, [row], doi_count=count)[0]

    def list_page(
        self, principal: Principal, page: Page, *, provider_ids: Sequence[str] | None = None
    ) -> Listing[ClientRecord]:
        """A page of live repositories by name, optionally of some providers only."""
        return self.search(principal, page, ClientQuery(provider_ids=provider_ids))

    def search(self, principal: Principal, page: Page, query: ClientQuery) -> Listing[ClientRecord]:
        """A page of the repositories that match ``query``, with the facets of all of them."""
        with self.database.read() as connection:
            hits, facets = search_clients(connection, principal, query)
            rows = cut(hits, page)
            return Listing(len(hits), self._records(connection, principal, rows), page, facets)

    @staticmethod
    def random_symbol() -> str:
        """Six random capital letters, to follow ``<PROVIDER>.`` in a new repository's symbol."""
        return random_symbol(6)

    # -- writing ---------------------------------------------------------------------------

    def create(self, principal: Principal, payload: ClientPayload) -> ClientRecord:
        """A new repository with an automatically assigned prefix."""
        require_writer(principal)
        symbol = str(payload.attributes.get("symbol") or "").strip().upper()
        provider_id = _creation_provider(principal, symbol, payload.provider_id)
        if not principal.is_staff and (
            principal.role not in (Role.PROVIDER_ADMIN, Role.CONSORTIUM_ADMIN)
            or provider_id is None
            or not principal.manages_provider(provider_id)
        ):
            raise Forbidden()
        password = password_hash_of(payload.attributes)
        for attempt in range(_CREATE_ATTEMPTS):
            try:
                with self.database.write() as connection:
                    return self._create(
                        connection, principal, payload.attributes, provider_id, password
                    )
            except IntegrityError:
                # a concurrent write took the symbol or the prefix first: check again
                if attempt == _CREATE_ATTEMPTS - 1:
                    raise ValidationFailed([FieldError("symbol", SYMBOL_TAKEN)]) from None
        raise AssertionError("unreachable")

    def _create(
        self,
        connection: Connection,
        principal: Principal,
        attributes: Mapping[str, Any],
        provider_id: str | None,
        password: str | None,
    ) -> ClientRecord:
        problems = Problems()
        provider = accounts.fetch_provider(connection, provider_id) if provider_id else None
        if provider is None:
            problems.add("provider", "Must exist")
        elif provider.member_type == "member_only" and not principal.is_staff:
            raise Forbidden()
        values = client_rules.check(
            client_rules.merge({}, attributes), provider.symbol if provider else None, problems
        )
        self._claim_symbol(connection, values, problems)
        problems.raise_any()
        assert provider is not None
        now = self.database.clock.now()
        client_id = self._insert_new(
            connection, values, {"provider_id": provider.id}, password, now
        )
        assign_first_free(connection, client_id, provider.id, now=now)
        return self._created(connection, principal, values, client_id)

    def delete(
        self,
        principal: Principal,
        client_id: str,
        *,
        noun: Literal["client", "repository"] = "client",
    ) -> None:
        """Soft-delete a repository without DOIs; its prefixes go back to its provider."""
        self._soft_delete(principal, client_id, f"Can't delete {noun} that has DOIs.")

    # -- hooks of the write steps ----------------------------------------------------------

    def _fetch(self, connection: Connection, account_id: str) -> Row[Any] | None:
        return accounts.fetch_client(connection, account_id)

    def _insert_row(self, connection: Connection, values: Mapping[str, Any]) -> None:
        accounts.insert_client(connection, values)

    def _update_row(
        self, connection: Connection, account_id: str, changes: Mapping[str, Any]
    ) -> None:
        accounts.update_client(connection, account_id, changes)

    def _stored_state(self, row: Row[Any]) -> dict[str, Any]:
        return record_rows.client(row).state()

    def _checker(self, connection: Connection, row: Row[Any]) -> Checker:
        provider = accounts.fetch_provider(connection, row.provider_id, deleted=True)
        provider_symbol = provider.symbol if provider is not None else None

        def check(state: dict[str, Any], problems: Problems) -> AccountValues:
            return client_rules.check(state, provider_symbol, problems)

        return check

    def _audit_view(self, values: AccountValues, row: Row[Any]) -> dict[str, Any]:
        columns = values.columns
        view = dict(values.attributes)
        view.update(
            symbol=columns["symbol"],
            provider=row.provider_id,
            name=columns["name"],
            clientType=columns["client_type"],
            domains=columns["domains"],
            isActive=columns["is_active"],
        )
        return view

    def _may_update(self, principal: Principal, row: Row[Any]) -> bool:
        return principal.owns_client(row.id, row.provider_id)

    def _may_delete(self, principal: Principal, row: Row[Any]) -> bool:
        return principal.manages_provider(row.provider_id)

    def _merge(self, state: dict[str, Any], payload: ClientPayload) -> dict[str, Any]:
        return client_rules.merge(state, payload.attributes)

    def _staff_only_changed(self, before: AccountValues, after: AccountValues) -> bool:
        return any(
            before.attributes.get(name) != after.attributes.get(name)
            for name in client_rules.STAFF_ONLY
        )

    def _refuse_update(self, payload: ClientPayload) -> None:
        if "mode" in payload.attributes or "targetId" in payload.attributes:
            raise BadRequest(NO_TRANSFER)

    def _check_fixed(self, row: Row[Any], payload: ClientPayload, problems: Problems) -> None:
        if payload.provider_id is not None and payload.provider_id != row.provider_id:
            problems.add("provider", "Cannot be changed")

    def _has_dependants(self, connection: Connection, row: Row[Any]) -> bool:
        return bool(accounts.client_doi_count(connection, row.id))

    def _release_prefixes(self, connection: Connection, account_id: str) -> None:
        prefix_records.delete_client_prefixes_of(connection, account_id)

    def _records(
        self,
        connection: Connection,
        principal: Principal,
        rows: Sequence[Row[Any]],
        doi_count: int | None = None,
    ) -> list[ClientRecord]:
        held = prefix_records.prefixes_of_clients(connection, [row.id for row in rows])
        owners = accounts.providers_by_id(connection, [row.provider_id for row in rows])
        return [
            record_rows.client(
                row,
                consortium_id=getattr(owners.get(row.provider_id), "consortium_id", None),
                prefixes=held.get(row.id),
                access=client_access(principal, row.id, row.provider_id),
                doi_count=doi_count,
            )
            for row in rows
        ]
