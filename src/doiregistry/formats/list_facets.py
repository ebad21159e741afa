"""Where the facets of the repository, member and prefix lists go in ``meta``, and under
which names (spec §6.3, §7, §8).

The services name facets once (``repositoryTypes``, ``clientTypes`` …);
each list shows them in lupo's order for its controller, and ``/clients``
keeps lupo's snake_case ``repository_types``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

#: (key in ``meta``, facet name) in the order the list shows them
Layout = Sequence[tuple[str, str]]


def _same(*names: str) -> Layout:
    return tuple((name, name) for name in names)


CLIENT_FACETS: Final = (
    ("years", "years"),
    ("providers", "providers"),
    ("software", "software"),
    ("certificates", "certificates"),
    ("repository_types", "repositoryTypes"),
    ("clientTypes", "clientTypes"),
)
REPOSITORY_FACETS: Final = _same(
    "years", "providers", "clientTypes", "repositoryTypes", "certificates", "software"
)
PROVIDER_FACETS: Final = _same(
    "years",
    "regions",
    "memberTypes",
    "organizationTypes",
    "focusAreas",
    "nonProfitStatuses",
    "hasRequiredContacts",
)
PREFIX_FACETS: Final = _same("years", "states", "providers", "clients")
PROVIDER_PREFIX_FACETS: Final = _same("years", "states", "providers")
CLIENT_PREFIX_FACETS: Final = _same("years", "providers", "clients")


def facet_meta(facets: Mapping[str, list[dict[str, Any]]], layout: Layout) -> dict[str, Any]:
    """The facets of ``facets`` that ``layout`` shows, in its order and names."""
    return {key: facets[name] for key, name in layout if name in facets}
