"""The first gate of every account or prefix write (spec §2.3, §2.4)."""

from __future__ import annotations

from doiregistry.domain.errors import Forbidden, Unauthorized
from doiregistry.domain.principal import Principal


def require_writer(principal: Principal) -> None:
    """401 without (valid) credentials; 403 for an inactive account, which is read-only."""
    if principal.is_anonymous:
        raise Unauthorized()
    if not principal.is_active:
        raise Forbidden()
