"""Who is asking: the authenticated account and its role (spec §2.2)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    ANONYMOUS = "anonymous"
    STAFF_ADMIN = "staff_admin"
    CONSORTIUM_ADMIN = "consortium_admin"
    PROVIDER_ADMIN = "provider_admin"
    CLIENT_ADMIN = "client_admin"


@dataclass(frozen=True)
class Principal:
    """The caller of one request.

    ``provider_ids`` holds every member whose records the caller manages: its
    own member for a member account, itself plus its organisations for a
    consortium, and the parent member for a repository.
    """

    role: Role
    uid: str | None = None
    client_id: str | None = None
    provider_ids: frozenset[str] = field(default_factory=frozenset)
    is_active: bool = True

    @property
    def is_anonymous(self) -> bool:
        return self.role is Role.ANONYMOUS

    @property
    def is_staff(self) -> bool:
        return self.role is Role.STAFF_ADMIN

    def manages_provider(self, provider_id: str) -> bool:
        """True for staff and for the member/consortium accounts over ``provider_id``."""
        if self.is_staff:
            return True
        return self.role in (Role.PROVIDER_ADMIN, Role.CONSORTIUM_ADMIN) and (
            provider_id in self.provider_ids
        )

    def owns_client(self, client_id: str, provider_id: str) -> bool:
        """True if the caller is the repository, manages its member, or is staff."""
        if self.role is Role.CLIENT_ADMIN:
            return self.client_id == client_id
        return self.manages_provider(provider_id)

    def may_see_record(self, state: str, client_id: str, provider_id: str) -> bool:
        """Findable records are public; others only for their owners (no leak, spec Q1)."""
        return state == "findable" or self.owns_client(client_id, provider_id)


ANONYMOUS = Principal(Role.ANONYMOUS)
