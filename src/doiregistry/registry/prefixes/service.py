"""The prefix service: the pool, provider-prefixes and client-prefixes (spec §8).

Staff add prefixes to the pool and remove them. A member (or its consortium,
or staff) takes a pool prefix as a provider-prefix and hands it to one of its
repositories as a client-prefix; the repository can then register DOIs under
it. Reads are public. A prefix that DOIs already use is never put back into
the pool.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from sqlalchemy.exc import IntegrityError

from doiregistry.domain.account_queries import (
    ClientPrefixQuery,
    PrefixQuery,
    ProviderPrefixQuery,
)
from doiregistry.domain.errors import (
    BadRequest,
    Conflict,
    FieldError,
    Forbidden,
    NotFound,
    ValidationFailed,
)
from doiregistry.domain.listing import Listing, Page
from doiregistry.domain.prefix_record import (
    ClientPrefixRecord,
    PrefixRecord,
    ProviderPrefixRecord,
)
from doiregistry.domain.principal import Principal, Role
from doiregistry.registry.accounts.base import require_writer
from doiregistry.registry.accounts.field_checks import Problems
from doiregistry.registry.prefixes.assignment import new_id
from doiregistry.search.accounts import prefixes as prefix_search
from doiregistry.search.accounts.steps import cut
from doiregistry.storage import accounts, prefix_records, record_rows
from doiregistry.storage.engine import Database

PREFIX_PATTERN: Final = re.compile(r"^10\.\d{4,9}$")
MUST_EXIST: Final = "Must exist"


def _must_exist(source: str) -> ValidationFailed:
    return ValidationFailed([FieldError(source, MUST_EXIST)])


class PrefixService:
    """Rules for prefixes and their assignment over one store."""

    def __init__(self, database: Database) -> None:
        self.database = database

    # -- the pool --------------------------------------------------------------------------

    def get_prefix(self, prefix: str) -> PrefixRecord:
        with self.database.read() as connection:
            row = prefix_records.fetch_linked_prefix(connection, prefix)
        if row is None:
            raise NotFound()
        return record_rows.prefix(row)

    def list_prefixes(
        self,
        page: Page,
        *,
        provider_id: str | None = None,
        client_id: str | None = None,
        states: Sequence[str] | None = None,
    ) -> Listing[PrefixRecord]:
        """A page of the pool in prefix order; ``states`` are ORed (see ``PREFIX_STATES``)."""
        query = PrefixQuery(
            provider_ids=[provider_id] if provider_id else None,
            client_ids=[client_id] if client_id else None,
            states=states,
        )
        return self.search_prefixes(page, query)

    def search_prefixes(self, page: Page, query: PrefixQuery) -> Listing[PrefixRecord]:
        """A page of the prefixes that match ``query``, with the facets of all of them."""
        with self.database.read() as connection:
            hits, facets = prefix_search.search_prefixes(connection, query)
        records = [record_rows.prefix(row) for row in cut(hits, page)]
        return Listing(len(hits), records, page, facets)

    def add_to_pool(self, principal: Principal, prefix: str) -> PrefixRecord:
        """Staff only: a new, unassigned prefix; 409 if the pool has it already."""
        require_writer(principal)
        if not principal.is_staff:
            raise Forbidden()
        prefix = prefix.strip().lower()
        if not PREFIX_PATTERN.match(prefix):
            raise ValidationFailed([FieldError("prefix", "Is invalid")])
        try:
            with self.database.write() as connection:
                if prefix_records.fetch_prefix(connection, prefix) is not None:
                    raise Conflict()
                prefix_records.insert_prefix(connection, prefix, self.database.clock.now())
        except IntegrityError:
            raise Conflict() from None
        return self.get_prefix(prefix)

    def delete_prefix(self, principal: Principal, prefix: str) -> None:
        """Staff only: remove a prefix and its assignments, unless DOIs use it."""
        require_writer(principal)
        if not principal.is_staff:
            raise Forbidden()
        with self.database.write() as connection:
            row = prefix_records.fetch_prefix(connection, prefix)
            if row is None:
                raise NotFound()
            if prefix_records.doi_count_under(connection, row.prefix):
                raise BadRequest("Can't delete prefix that has DOIs.")
            prefix_records.delete_prefix(connection, row.prefix)

    # -- provider prefixes -----------------------------------------------------------------

    def get_provider_prefix(self, provider_prefix_id: str) -> ProviderPrefixRecord:
        with self.database.read() as connection:
            row = prefix_records.fetch_provider_prefix(connection, provider_prefix_id)
        if row is None:
            raise NotFound()
        return record_rows.provider_prefix(row)

    def list_provider_prefixes(
        self,
        page: Page,
        *,
        provider_ids: Sequence[str] | None = None,
        prefix: str | None = None,
        state: str | None = None,
    ) -> Listing[ProviderPrefixRecord]:
        """A page of provider-prefixes, newest first."""
        query = ProviderPrefixQuery(
            provider_ids=provider_ids, prefix_id=prefix, states=[state] if state else None
        )
        return self.search_provider_prefixes(page, query)

    def search_provider_prefixes(
        self, page: Page, query: ProviderPrefixQuery
    ) -> Listing[ProviderPrefixRecord]:
        """A page of the provider-prefixes that match ``query``, with their facets."""
        with self.database.read() as connection:
            hits, facets = prefix_search.search_provider_prefixes(connection, query)
        records = [record_rows.provider_prefix(row) for row in cut(hits, page)]
        return Listing(len(hits), records, page, facets)

    def assign_to_provider(
        self, principal: Principal, provider_id: str | None, prefix: str | None
    ) -> ProviderPrefixRecord:
        """Hand a pool prefix to a provider (staff, or the member or consortium over it)."""
        require_writer(principal)
        if principal.role is Role.CLIENT_ADMIN or (
            provider_id is not None and not principal.manages_provider(provider_id)
        ):
            raise Forbidden()
        provider_prefix_id = new_id()
        try:
            with self.database.write() as connection:
                problems = Problems()
                provider = accounts.fetch_provider(connection, provider_id) if provider_id else None
                if provider is None:
                    problems.add("provider", MUST_EXIST)
                pool = prefix_records.fetch_prefix(connection, prefix) if prefix else None
                if pool is None:
                    problems.add("prefix", MUST_EXIST)
                problems.raise_any()
                assert provider is not None and pool is not None
                if prefix_records.provider_prefix_of(connection, pool.prefix) is not None:
                    raise Conflict()
                now = self.database.clock.now()
                prefix_records.insert_provider_prefix(
                    connection,
                    {
                        "id": provider_prefix_id,
                        "provider_id": provider.id,
                        "prefix": pool.prefix,
                        "created": now,
                        "updated": now,
                    },
                )
        except IntegrityError:
            raise Conflict() from None
        return self.get_provider_prefix(provider_prefix_id)

    def delete_provider_prefix(self, principal: Principal, provider_prefix_id: str) -> None:
        """Give a provider's prefix back to the pool, unless DOIs use it."""
        require_writer(principal)
        with self.database.write() as connection:
            row = prefix_records.fetch_provider_prefix(connection, provider_prefix_id)
            if row is None:
                raise NotFound()
            if not principal.manages_provider(row.provider_id):
                raise Forbidden()
            if prefix_records.doi_count_under(connection, row.prefix):
                raise BadRequest("Can't delete provider prefix that has DOIs.")
            prefix_records.delete_provider_prefix(connection, row.id)

    # -- client prefixes -------------------------------------------------------------------

    def get_client_prefix(self, client_prefix_id: str) -> ClientPrefixRecord:
        with self.database.read() as connection:
            row = prefix_records.fetch_client_prefix(connection, client_prefix_id)
        if row is None:
            raise NotFound()
        return record_rows.client_prefix(row)

    def list_client_prefixes(
        self,
        page: Page,
        *,
        client_id: str | None = None,
        provider_id: str | None = None,
        prefix: str | None = None,
    ) -> Listing[ClientPrefixRecord]:
        """A page of client-prefixes, newest first."""
        query = ClientPrefixQuery(
            client_ids=[client_id] if client_id else None,
            provider_ids=[provider_id] if provider_id else None,
            prefix_id=prefix,
        )
        return self.search_client_prefixes(page, query)

    def search_client_prefixes(
        self, page: Page, query: ClientPrefixQuery
    ) -> Listing[ClientPrefixRecord]:
        """A page of the client-prefixes that match ``query``, with their facets."""
        with self.database.read() as connection:
            hits, facets = prefix_search.search_client_prefixes(connection, query)
        records = [record_rows.client_prefix(row) for row in cut(hits, page)]
        return Listing(len(hits), records, page, facets)

    def assign_to_client(
        self,
        principal: Principal,
        client_id: str | None,
        prefix: str | None,
        *,
        provider_prefix_id: str | None = None,
        client_source: str = "client",
    ) -> ClientPrefixRecord:
        """Hand one of a provider's prefixes to one of its repositories.

        Either ``prefix`` or ``provider_prefix_id`` may be left out; the other
        determines it. Allowed for staff and the member or consortium over the
        repository's provider.
        """
        require_writer(principal)
        if principal.role is Role.CLIENT_ADMIN:
            raise Forbidden()
        client_prefix_id = new_id()
        try:
            with self.database.write() as connection:
                client = accounts.fetch_client(connection, client_id) if client_id else None
                if client is not None and not principal.manages_provider(client.provider_id):
                    raise Forbidden()
                problems = Problems()
                if client is None:
                    problems.add(client_source, MUST_EXIST)
                if provider_prefix_id:
                    held = prefix_records.fetch_provider_prefix(connection, provider_prefix_id)
                elif prefix:
                    held = prefix_records.provider_prefix_of(connection, prefix)
                else:
                    held = None
                if held is None:
                    problems.add("provider_prefix", MUST_EXIST)
                wanted = (prefix or (held.prefix if held is not None else "")).lower()
                if not wanted or prefix_records.fetch_prefix(connection, wanted) is None:
                    problems.add("prefix", MUST_EXIST)
                elif held is not None and held.prefix != wanted:
                    problems.add("prefix", "Must be the prefix of the provider prefix")
                if (
                    client is not None
                    and held is not None
                    and held.provider_id != client.provider_id
                ):
                    problems.add("provider_prefix", "Must belong to the provider of the repository")
                problems.raise_any()
                assert client is not None and held is not None
                if prefix_records.client_prefix_of(connection, wanted) is not None:
                    raise Conflict()
                now = self.database.clock.now()
                prefix_records.insert_client_prefix(
                    connection,
                    {
                        "id": client_prefix_id,
                        "client_id": client.id,
                        "provider_prefix_id": held.id,
                        "prefix": wanted,
                        "created": now,
                        "updated": now,
                    },
                )
        except IntegrityError:
            raise Conflict() from None
        return self.get_client_prefix(client_prefix_id)

    def delete_client_prefix(self, principal: Principal, client_prefix_id: str) -> None:
        """Take a prefix back from a repository (it stays with the provider)."""
        require_writer(principal)
        with self.database.write() as connection:
            row = prefix_records.fetch_client_prefix(connection, client_prefix_id)
            if row is None:
                raise NotFound()
            if not principal.manages_provider(row.provider_id):
                raise Forbidden()
            prefix_records.delete_client_prefix(connection, row.id)
