"""The provider service: members, consortia and consortium organisations (spec §7).

Reads are public (restricted attributes aside, see :mod:`.account_access`).
Staff create, update and delete any provider; a consortium creates and deletes
its own organisations; a member or consortium updates itself (and a
consortium its organisations), but only staff change a member type, a
consortium link or the Salesforce fields. Every write leaves an audit row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from sqlalchemy import Connection, Row
from sqlalchemy.exc import IntegrityError

from doiregistry.domain.account_access import provider_access
from doiregistry.domain.account_queries import ProviderQuery
from doiregistry.domain.errors import (
    BadRequest,
    FieldError,
    Forbidden,
    NotFound,
    ValidationFailed,
)
from doiregistry.domain.listing import Listing, Page
from doiregistry.domain.principal import Principal, Role
from doiregistry.domain.provider_record import ProviderRecord
from doiregistry.registry.accounts import auditing, provider_rules
from doiregistry.registry.accounts.base import (
    AccountService,
    Checker,
    random_symbol,
    require_writer,
)
from doiregistry.registry.accounts.field_checks import AccountValues, Problems
from doiregistry.registry.accounts.passwords import password_hash_of
from doiregistry.registry.accounts.provider_rules import UNSET, ProviderPayload
from doiregistry.search.accounts.providers import search_providers
from doiregistry.search.accounts.steps import cut
from doiregistry.storage import accounts, prefix_records, record_rows
from doiregistry.storage.tables import providers

SYMBOL_TAKEN: Final = "This name has already been taken"
HAS_CLIENTS: Final = "Can't delete provider that has active clients."
_SYMBOL_ATTEMPTS: Final = 20


class ProviderService(AccountService[ProviderRecord, ProviderPayload]):
    """Rules for providers over one :class:`~doiregistry.storage.engine.Database`."""

    kind = "Provider"
    audited = auditing.PROVIDER_AUDITED
    table = providers
    symbol_taken = SYMBOL_TAKEN

    # -- reading ---------------------------------------------------------------------------

    def get(self, principal: Principal, provider_id: str) -> ProviderRecord:
        """One live provider; 404 for unknown or deleted ones."""
        with self.database.read() as connection:
            row = accounts.fetch_provider(connection, provider_id)
            if row is None:
                raise NotFound()
            return self._records(connection, principal, [row])[0]

    def list_page(
        self,
        principal: Principal,
        page: Page,
        *,
        consortium_id: str | None = None,
        member_types: Sequence[str] | None = None,
    ) -> Listing[ProviderRecord]:
        """A page of live providers by display name."""
        query = ProviderQuery(consortium_id=consortium_id, member_types=member_types)
        return self.search(principal, page, query)

    def search(
        self, principal: Principal, page: Page, query: ProviderQuery
    ) -> Listing[ProviderRecord]:
        """A page of the providers that match ``query``, with the facets of all of them."""
        with self.database.read() as connection:
            hits, facets = search_providers(connection, principal, query)
            rows = cut(hits, page)
            return Listing(len(hits), self._records(connection, principal, rows), page, facets)

    def random_symbol(self) -> str:
        """Four random capital letters that no provider uses yet."""
        with self.database.read() as connection:
            return self._free_symbol(connection)

    # -- writing ---------------------------------------------------------------------------

    def create(self, principal: Principal, payload: ProviderPayload) -> ProviderRecord:
        """A new provider (201 at the HTTP layer, fixing DataCite's quirk Q13)."""
        require_writer(principal)
        attributes = dict(payload.attributes)
        consortium = payload.consortium_id
        if principal.role is Role.CONSORTIUM_ADMIN:
            # a consortium creates its own organisations, nothing else
            if not attributes.get("memberType"):
                attributes["memberType"] = "consortium_organization"
            if attributes["memberType"] != "consortium_organization" or consortium not in (
                UNSET,
                None,
                principal.uid,
            ):
                raise Forbidden()
            consortium = principal.uid
        elif not principal.is_staff:
            raise Forbidden()
        password = password_hash_of(attributes)
        problems = Problems()
        try:
            with self.database.write() as connection:
                state = provider_rules.merge({}, attributes, consortium)
                if state.get("symbol") is None:
                    state["symbol"] = self._free_symbol(connection)
                values = provider_rules.check(state, problems)
                self._check_links(connection, values, None, problems)
                self._claim_symbol(connection, values, problems)
                problems.raise_any()
                now = self.database.clock.now()
                provider_id = self._insert_new(connection, values, {}, password, now)
                return self._created(connection, principal, values, provider_id)
        except IntegrityError:
            # a concurrent create took the symbol between our check and the insert
            raise ValidationFailed([FieldError("symbol", SYMBOL_TAKEN)]) from None

    def delete(self, principal: Principal, provider_id: str) -> None:
        """Soft-delete a provider without live repositories; its prefixes go back to the pool."""
        self._soft_delete(principal, provider_id, HAS_CLIENTS)

    # -- hooks of the write steps ----------------------------------------------------------

    def _fetch(self, connection: Connection, account_id: str) -> Row[Any] | None:
        return accounts.fetch_provider(connection, account_id)

    def _insert_row(self, connection: Connection, values: Mapping[str, Any]) -> None:
        accounts.insert_provider(connection, values)

    def _update_row(
        self, connection: Connection, account_id: str, changes: Mapping[str, Any]
    ) -> None:
        accounts.update_provider(connection, account_id, changes)

    def _stored_state(self, row: Row[Any]) -> dict[str, Any]:
        return record_rows.provider(row).state()

    def _checker(self, connection: Connection, row: Row[Any]) -> Checker:
        return provider_rules.check

    def _audit_view(self, values: AccountValues, row: Row[Any]) -> dict[str, Any]:
        columns = values.columns
        view = dict(values.attributes)
        view.update(
            symbol=columns["symbol"],
            name=columns["name"],
            displayName=columns["display_name"],
            memberType=columns["member_type"],
            consortium=columns["consortium_id"],
            isActive=columns["is_active"],
        )
        return view

    def _may_update(self, principal: Principal, row: Row[Any]) -> bool:
        return principal.manages_provider(row.id)

    def _may_delete(self, principal: Principal, row: Row[Any]) -> bool:
        own_organisation = (
            principal.role is Role.CONSORTIUM_ADMIN and row.consortium_id == principal.uid
        )
        return principal.is_staff or own_organisation

    def _merge(self, state: dict[str, Any], payload: ProviderPayload) -> dict[str, Any]:
        return provider_rules.merge(state, payload.attributes, payload.consortium_id)

    def _staff_only_changed(self, before: AccountValues, after: AccountValues) -> bool:
        return (
            before.columns["member_type"] != after.columns["member_type"]
            or before.columns["consortium_id"] != after.columns["consortium_id"]
            or before.attributes.get("salesforceId") != after.attributes.get("salesforceId")
            or before.attributes.get("fromSalesforce") != after.attributes.get("fromSalesforce")
        )

    def _check_links(
        self,
        connection: Connection,
        values: AccountValues,
        row: Row[Any] | None,
        problems: Problems,
    ) -> None:
        consortium_id = values.columns["consortium_id"]
        if consortium_id is None:
            return
        consortium = accounts.fetch_provider(connection, consortium_id)
        if (
            consortium is None
            or consortium.member_type != "consortium"
            or (row is not None and consortium.id == row.id)
        ):
            problems.add("consortium_id", "The consortium must be of member_type consortium")

    def _has_dependants(self, connection: Connection, row: Row[Any]) -> bool:
        return bool(accounts.live_client_count(connection, row.id))

    def _release_prefixes(self, connection: Connection, account_id: str) -> None:
        prefix_records.delete_provider_prefixes_of(connection, account_id)

    # -- helpers ---------------------------------------------------------------------------

    @staticmethod
    def _free_symbol(connection: Connection) -> str:
        for _ in range(_SYMBOL_ATTEMPTS):
            symbol = random_symbol(4)
            if not accounts.symbol_taken(connection, providers, symbol):
                return symbol
        raise BadRequest("No free provider symbol was found; please choose one.")

    def _records(
        self, connection: Connection, principal: Principal, rows: Sequence[Row[Any]]
    ) -> list[ProviderRecord]:
        ids = [row.id for row in rows]
        clients = accounts.client_ids_of_providers(connection, ids)
        held = prefix_records.prefixes_of_providers(connection, ids)
        consortia = [row.id for row in rows if row.member_type == "consortium"]
        organisations = accounts.organization_ids_of_consortia(connection, consortia)
        return [
            record_rows.provider(
                row,
                client_ids=clients.get(row.id),
                prefixes=held.get(row.id),
                organization_ids=organisations.get(row.id),
                access=provider_access(principal, row.id),
            )
            for row in rows
        ]
