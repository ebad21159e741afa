"""Which DOI prefixes an import may use, and assigning missing ones when asked to.

A repository registers DOIs only under prefixes assigned to it. When
importing to mirror DataCite, ``assign`` puts each missing prefix into the
pool, gives it to the repository's member and then to the repository,
through the prefix service as staff. A prefix another member or repository
already holds is never taken away.
"""

from __future__ import annotations

from contextlib import suppress

from doiregistry.domain.errors import Conflict, NotFound, RegistryError
from doiregistry.domain.principal import Principal, Role
from doiregistry.registry.prefixes.service import PrefixService
from doiregistry.storage import prefix_records
from doiregistry.storage.engine import Database

IMPORTER = Principal(Role.STAFF_ADMIN, uid="import")


class PrefixGuard:
    """Decides, once per prefix, whether records under it may be stored."""

    def __init__(
        self, database: Database, client_id: str, provider_id: str, *, assign: bool
    ) -> None:
        self.database = database
        self.client_id = client_id
        self.provider_id = provider_id
        self.assign = assign
        self.service = PrefixService(database)
        with database.read() as connection:
            self.allowed = set(prefix_records.prefixes_of_client(connection, client_id))
        self.refused: dict[str, str] = {}
        #: prefixes this guard assigned to the repository
        self.assigned: list[str] = []

    def refusal(self, prefix: str) -> str | None:
        """Why records under ``prefix`` cannot be stored (``None``: they can)."""
        if prefix in self.allowed:
            return None
        if prefix not in self.refused:
            if self.assign:
                reason = self._assign(prefix)
            else:
                reason = f"prefix: {prefix} is not assigned to repository {self.client_id}"
            if reason is None:
                self.allowed.add(prefix)
                self.assigned.append(prefix)
                return None
            self.refused[prefix] = reason
        return self.refused[prefix]

    def _assign(self, prefix: str) -> str | None:
        try:
            try:
                held = self.service.get_prefix(prefix)
            except NotFound:
                with suppress(Conflict):  # added concurrently
                    self.service.add_to_pool(IMPORTER, prefix)
                held = self.service.get_prefix(prefix)
            if held.client_id is not None and held.client_id != self.client_id:
                return f"prefix: {prefix} is assigned to repository {held.client_id}"
            if held.provider_id is not None and held.provider_id != self.provider_id:
                return f"prefix: {prefix} belongs to member {held.provider_id}"
            if held.provider_id is None:
                self.service.assign_to_provider(IMPORTER, self.provider_id, prefix)
            if held.client_id is None:
                self.service.assign_to_client(IMPORTER, self.client_id, prefix)
        except RegistryError as exc:
            return f"prefix: {prefix} could not be assigned: {exc.title}"
        return None
