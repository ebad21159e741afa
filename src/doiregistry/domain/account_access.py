"""Which restricted attributes of a provider or repository a caller may read (spec §6.2, §7).

DataCite guards contact details (``read_contact_information``), billing details
(``read_billing_information``), analytics settings and the Salesforce id with
separate abilities; a caller without one simply does not get those attributes.
"""

from __future__ import annotations

from dataclasses import dataclass

from doiregistry.domain.principal import Principal


@dataclass(frozen=True)
class Access:
    """The restricted attribute groups one caller may read on one account."""

    contact: bool = False
    billing: bool = False
    analytics: bool = False
    staff: bool = False


PUBLIC = Access()


def provider_access(principal: Principal, provider_id: str) -> Access:
    """Staff see everything; a member (or its consortium) sees its own contacts and billing."""
    if principal.is_staff:
        return Access(contact=True, billing=True, analytics=True, staff=True)
    manages = principal.manages_provider(provider_id)
    return Access(contact=manages, billing=manages)


def client_access(principal: Principal, client_id: str, provider_id: str) -> Access:
    """Staff see everything; the repository and its provider see contacts and analytics."""
    if principal.is_staff:
        return Access(contact=True, billing=True, analytics=True, staff=True)
    owns = principal.owns_client(client_id, provider_id)
    return Access(contact=owns, analytics=owns)
