"""The provider service: members, consortia and consortium organisations (spec §7).

Reads are public (restricted attributes aside, see :mod:`.account_access`).
Staff create, update and delete any provider; a consortium creates and deletes
its own organisations; a member or consortium updates itself (and a
consortium its organisations), but only staff change a member type, a
consortium link or the Salesforce fields. Every write leaves an audit row.
"""

from __future__ import annotations

from collections.abc import Sequence
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
from doiregistry.registry.accounts.field_checks import Problems
from doiregistry.registry.accounts.password_input import password_hash_of
from doiregistry.registry.accounts.permissions import require_writer
from doiregistry.registry.accounts.provider_rules import UNSET, ProviderValues
from doiregistry.registry.accounts.resource_payload import ResourcePayload, read_resource
from doiregistry.registry.accounts.symbols import random_symbol
from doiregistry.search.accounts.providers import search_providers
from doiregistry.search.accounts.steps import cut
from doiregistry.storage import accounts, prefix_records, record_rows
from doiregistry.storage.engine import Database
from doiregistry.storage.tables import providers

SYMBOL_TAKEN: Final = "This name has already been taken"
HAS_CLIENTS: Final = "Can't delete provider that has active clients."
_SYMBOL_ATTEMPTS: Final = 20


def _audit_view(values: ProviderValues) -> dict[str, Any]:
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


def _consortium_link(payload: ResourcePayload) -> Any:
    return payload.related("consortium") if "consortium" in payload.relationships else UNSET


class ProviderService:
    """Rules for providers over one :class:`~doiregistry.storage.engine.Database`."""

    def __init__(self, database: Database) -> None:
        self.database = database

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

    def create(self, principal: Principal, body: Any) -> ProviderRecord:
        """A new provider (201 at the HTTP layer, fixing DataCite's quirk Q13)."""
        payload = read_resource(body, ("providers",))
        require_writer(principal)
        attributes = dict(payload.attributes)
        consortium = _consortium_link(payload)
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
                self._check_links(connection, values, problems)
                symbol = values.columns["symbol"]
                if "symbol" not in problems and accounts.symbol_taken(
                    connection, providers, symbol
                ):
                    problems.add("symbol", SYMBOL_TAKEN)
                problems.raise_any()
                now = self.database.clock.now()
                provider_id = symbol.lower()
                accounts.insert_provider(
                    connection,
                    {
                        **values.columns,
                        "id": provider_id,
                        "password_hash": password,
                        "attributes": values.attributes,
                        "created": now,
                        "updated": now,
                    },
                )
                auditing.record(
                    connection,
                    "Provider",
                    provider_id,
                    "create",
                    auditing.snapshot(_audit_view(values), auditing.PROVIDER_AUDITED),
                    principal,
                    now=self.database.clock.now(),
                )
                return self._reread(connection, principal, provider_id)
        except IntegrityError:
            # a concurrent create took the symbol between our check and the insert
            raise ValidationFailed([FieldError("symbol", SYMBOL_TAKEN)]) from None

    def update(self, principal: Principal, provider_id: str, body: Any) -> ProviderRecord:
        """Change a provider; attributes not sent keep their values (PUT and PATCH alike)."""
        payload = read_resource(body, ("providers",))
        require_writer(principal)
        password = password_hash_of(payload.attributes)
        problems = Problems()
        with self.database.write() as connection:
            row = accounts.fetch_provider(connection, provider_id)
            if row is None:
                raise NotFound()
            if not principal.manages_provider(row.id):
                raise Forbidden()
            current = record_rows.provider(row)
            state = provider_rules.merge(
                current.state(), payload.attributes, _consortium_link(payload)
            )
            if state.get("symbol") != current.symbol:
                problems.add("symbol", "Cannot be changed")
                state["symbol"] = current.symbol
            values = provider_rules.check(state, problems)
            before = provider_rules.check(current.state(), Problems())
            if not principal.is_staff and self._staff_only_changed(before, values):
                raise Forbidden()
            self._check_links(connection, values, problems, provider_id=current.id)
            problems.raise_any()
            changes: dict[str, Any] = {
                **{k: v for k, v in values.columns.items() if k != "symbol"},
                "attributes": values.attributes,
                "updated": self.database.clock.now(),
            }
            if password is not None:
                changes["password_hash"] = password
            accounts.update_provider(connection, current.id, changes)
            auditing.record(
                connection,
                "Provider",
                current.id,
                "update",
                auditing.difference(
                    _audit_view(before), _audit_view(values), auditing.PROVIDER_AUDITED
                ),
                principal,
                now=self.database.clock.now(),
            )
            return self._reread(connection, principal, current.id)

    def delete(self, principal: Principal, provider_id: str) -> None:
        """Soft-delete a provider without live repositories; its prefixes go back to the pool."""
        require_writer(principal)
        with self.database.write() as connection:
            row = accounts.fetch_provider(connection, provider_id)
            if row is None:
                raise NotFound()
            own_organisation = (
                principal.role is Role.CONSORTIUM_ADMIN and row.consortium_id == principal.uid
            )
            if not (principal.is_staff or own_organisation):
                raise Forbidden()
            if accounts.live_client_count(connection, row.id):
                raise BadRequest(HAS_CLIENTS)
            now = self.database.clock.now()
            accounts.update_provider(
                connection, row.id, {"deleted_at": now, "is_active": False, "updated": now}
            )
            prefix_records.delete_provider_prefixes_of(connection, row.id)
            current = record_rows.provider(row)
            view = _audit_view(provider_rules.check(current.state(), Problems()))
            auditing.record(
                connection,
                "Provider",
                row.id,
                "destroy",
                auditing.snapshot(view, auditing.PROVIDER_AUDITED),
                principal,
                now=self.database.clock.now(),
            )

    # -- helpers ---------------------------------------------------------------------------

    @staticmethod
    def _staff_only_changed(before: ProviderValues, after: ProviderValues) -> bool:
        return (
            before.columns["member_type"] != after.columns["member_type"]
            or before.columns["consortium_id"] != after.columns["consortium_id"]
            or before.attributes.get("salesforceId") != after.attributes.get("salesforceId")
            or before.attributes.get("fromSalesforce") != after.attributes.get("fromSalesforce")
        )

    @staticmethod
    def _check_links(
        connection: Connection,
        values: ProviderValues,
        problems: Problems,
        provider_id: str | None = None,
    ) -> None:
        consortium_id = values.columns["consortium_id"]
        if consortium_id is None:
            return
        consortium = accounts.fetch_provider(connection, consortium_id)
        if (
            consortium is None
            or consortium.member_type != "consortium"
            or (consortium.id == provider_id)
        ):
            problems.add("consortium_id", "The consortium must be of member_type consortium")

    @staticmethod
    def _free_symbol(connection: Connection) -> str:
        for _ in range(_SYMBOL_ATTEMPTS):
            symbol = random_symbol(4)
            if not accounts.symbol_taken(connection, providers, symbol):
                return symbol
        raise BadRequest("No free provider symbol was found; please choose one.")

    def _reread(
        self, connection: Connection, principal: Principal, provider_id: str
    ) -> ProviderRecord:
        row = accounts.fetch_provider(connection, provider_id)
        assert row is not None
        return self._records(connection, principal, [row])[0]

    @staticmethod
    def _records(
        connection: Connection, principal: Principal, rows: Sequence[Row[Any]]
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
