"""A provider (member, consortium or consortium organisation) as the services hand it out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final

from doiregistry.domain.account_access import PUBLIC, Access

#: the contact attributes of a provider, and the keys of its billing information
CONTACTS: Final = (
    "technicalContact",
    "secondaryTechnicalContact",
    "billingContact",
    "secondaryBillingContact",
    "serviceContact",
    "secondaryServiceContact",
    "votingContact",
)
BILLING_KEYS: Final = (
    "postCode",
    "state",
    "city",
    "address",
    "department",
    "organization",
    "country",
)


def _email_of(contact: Any) -> bool:
    return isinstance(contact, dict) and bool(contact.get("email"))


@dataclass(frozen=True)
class ProviderRecord:
    """One provider row plus what its resource shows about related records.

    ``attributes`` holds every JSON:API attribute without a column of its own,
    keyed in camelCase (``website``, ``technicalContact``, ``region`` …).
    ``access`` says which restricted attributes the caller may read.
    """

    id: str
    symbol: str
    name: str
    display_name: str
    system_email: str | None
    member_type: str
    consortium_id: str | None
    has_password: bool
    is_active: bool
    attributes: dict[str, Any]
    created: datetime
    updated: datetime
    client_ids: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()
    organization_ids: tuple[str, ...] = ()
    access: Access = field(default=PUBLIC)

    @property
    def has_required_contacts(self) -> bool:
        """A service contact for consortium organisations; else voting, service and billing."""
        get = self.attributes.get
        if self.member_type == "consortium_organization":
            return _email_of(get("serviceContact"))
        return all(
            _email_of(get(name)) for name in ("votingContact", "serviceContact", "billingContact")
        )

    def state(self) -> dict[str, Any]:
        """Every writable attribute by its JSON:API name (the base an update is merged onto)."""
        values = dict(self.attributes)
        values.update(
            symbol=self.symbol,
            name=self.name,
            displayName=self.display_name,
            systemEmail=self.system_email,
            memberType=self.member_type,
            consortium=self.consortium_id,
            isActive=self.is_active,
        )
        return values
