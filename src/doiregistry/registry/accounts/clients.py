"""The repository service (DataCite "clients", served as ``/clients`` and ``/repositories``).

Reads are public (restricted attributes aside, see :mod:`.account_access`).
Staff and the managing member or consortium create and delete repositories
(members of type ``member_only`` cannot); a repository may also update
itself. A new repository gets a prefix automatically; one that holds DOIs
cannot be deleted. Every write leaves an audit row.
"""

from __future__ import annotations

from collections.abc import Sequence
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
from doiregistry.registry.accounts.client_rules import ClientValues
from doiregistry.registry.accounts.field_checks import Problems
from doiregistry.registry.accounts.password_input import password_hash_of
from doiregistry.registry.accounts.permissions import require_writer
from doiregistry.registry.accounts.resource_payload import read_resource
from doiregistry.registry.accounts.symbols import random_symbol
from doiregistry.registry.prefixes.assignment import assign_first_free
from doiregistry.search.accounts.clients import search_clients
from doiregistry.search.accounts.steps import cut
from doiregistry.storage import accounts, prefix_records, record_rows
from doiregistry.storage.engine import Database
from doiregistry.storage.tables import clients

TYPES: Final = ("clients", "repositories")
SYMBOL_TAKEN: Final = "This Client ID has already been taken"
NO_TRANSFER: Final = "Moving a repository or its DOIs (mode, targetId) is not supported yet."
_CREATE_ATTEMPTS: Final = 3


def _audit_view(values: ClientValues, provider_id: str) -> dict[str, Any]:
    columns = values.columns
    view = dict(values.attributes)
    view.update(
        symbol=columns["symbol"],
        provider=provider_id,
        name=columns["name"],
        clientType=columns["client_type"],
        domains=columns["domains"],
        isActive=columns["is_active"],
    )
    return view


def _creation_provider(principal: Principal, symbol: str, related: str | None) -> str | None:
    """The provider a new repository belongs to: the relationship, else its symbol's prefix."""
    if related:
        return related
    if "." in symbol:
        return symbol.split(".", 1)[0].lower()
    if principal.role is Role.PROVIDER_ADMIN and principal.uid:
        return principal.uid
    return None


class ClientService:
    """Rules for repositories over one :class:`~doiregistry.storage.engine.Database`."""

    def __init__(self, database: Database) -> None:
        self.database = database

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

    def create(self, principal: Principal, body: Any) -> ClientRecord:
        """A new repository with an automatically assigned prefix."""
        payload = read_resource(body, TYPES)
        require_writer(principal)
        symbol = str(payload.attributes.get("symbol") or "").strip().upper()
        provider_id = _creation_provider(principal, symbol, payload.related("provider"))
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
        attributes: dict[str, Any],
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
        symbol = values.columns["symbol"]
        if "symbol" not in problems and accounts.symbol_taken(connection, clients, symbol):
            problems.add("symbol", SYMBOL_TAKEN)
        problems.raise_any()
        assert provider is not None
        now = self.database.clock.now()
        client_id = symbol.lower()
        accounts.insert_client(
            connection,
            {
                **values.columns,
                "id": client_id,
                "provider_id": provider.id,
                "password_hash": password,
                "attributes": values.attributes,
                "created": now,
                "updated": now,
            },
        )
        assign_first_free(connection, client_id, provider.id, now=now)
        auditing.record(
            connection,
            "Client",
            client_id,
            "create",
            auditing.snapshot(_audit_view(values, provider.id), auditing.CLIENT_AUDITED),
            principal,
            now=self.database.clock.now(),
        )
        return self._reread(connection, principal, client_id)

    def update(self, principal: Principal, client_id: str, body: Any) -> ClientRecord:
        """Change a repository; attributes not sent keep their values (PUT and PATCH alike)."""
        payload = read_resource(body, TYPES)
        require_writer(principal)
        if "mode" in payload.attributes or "targetId" in payload.attributes:
            raise BadRequest(NO_TRANSFER)
        password = password_hash_of(payload.attributes)
        with self.database.write() as connection:
            row = accounts.fetch_client(connection, client_id)
            if row is None:
                raise NotFound()
            if not principal.owns_client(row.id, row.provider_id):
                raise Forbidden()
            current = record_rows.client(row)
            provider = accounts.fetch_provider(connection, row.provider_id, deleted=True)
            provider_symbol = provider.symbol if provider is not None else None
            problems = Problems()
            state = client_rules.merge(current.state(), payload.attributes)
            if state.get("symbol") != current.symbol:
                problems.add("symbol", "Cannot be changed")
                state["symbol"] = current.symbol
            related = payload.related("provider")
            if related is not None and related != row.provider_id:
                problems.add("provider", "Cannot be changed")
            values = client_rules.check(state, provider_symbol, problems)
            before = client_rules.check(current.state(), provider_symbol, Problems())
            if not principal.is_staff and any(
                before.attributes.get(name) != values.attributes.get(name)
                for name in client_rules.STAFF_ONLY
            ):
                raise Forbidden()
            problems.raise_any()
            changes: dict[str, Any] = {
                **{k: v for k, v in values.columns.items() if k != "symbol"},
                "attributes": values.attributes,
                "updated": self.database.clock.now(),
            }
            if password is not None:
                changes["password_hash"] = password
            accounts.update_client(connection, row.id, changes)
            auditing.record(
                connection,
                "Client",
                row.id,
                "update",
                auditing.difference(
                    _audit_view(before, row.provider_id),
                    _audit_view(values, row.provider_id),
                    auditing.CLIENT_AUDITED,
                ),
                principal,
                now=self.database.clock.now(),
            )
            return self._reread(connection, principal, row.id)

    def delete(
        self,
        principal: Principal,
        client_id: str,
        *,
        noun: Literal["client", "repository"] = "client",
    ) -> None:
        """Soft-delete a repository without DOIs; its prefixes go back to its provider."""
        require_writer(principal)
        with self.database.write() as connection:
            row = accounts.fetch_client(connection, client_id)
            if row is None:
                raise NotFound()
            if not principal.manages_provider(row.provider_id):
                raise Forbidden()
            if accounts.client_doi_count(connection, row.id):
                raise BadRequest(f"Can't delete {noun} that has DOIs.")
            now = self.database.clock.now()
            accounts.update_client(
                connection, row.id, {"deleted_at": now, "is_active": False, "updated": now}
            )
            prefix_records.delete_client_prefixes_of(connection, row.id)
            current = record_rows.client(row)
            values = client_rules.check(current.state(), None, Problems())
            auditing.record(
                connection,
                "Client",
                row.id,
                "destroy",
                auditing.snapshot(_audit_view(values, row.provider_id), auditing.CLIENT_AUDITED),
                principal,
                now=self.database.clock.now(),
            )

    # -- helpers ---------------------------------------------------------------------------

    def _reread(self, connection: Connection, principal: Principal, client_id: str) -> ClientRecord:
        row = accounts.fetch_client(connection, client_id)
        assert row is not None
        return self._records(connection, principal, [row])[0]

    @staticmethod
    def _records(
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
