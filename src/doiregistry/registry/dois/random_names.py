"""Unused-looking DOI names under a prefix, for clients that mint their own (spec §5.7).

Names are generated, not reserved: nothing is stored, and a name is only
checked to be free when a write uses it.
"""

from __future__ import annotations

from typing import Final

from doiregistry.domain.errors import RegistryError
from doiregistry.domain.listing import MAX_PAGE_SIZE
from doiregistry.metadata.doi import generate_doi, is_valid_prefix

#: the most names one request gets: one page, as for every list
MAX_NAMES: Final = MAX_PAGE_SIZE


class InvalidParameter(RegistryError):
    """422: a request parameter the names cannot be generated from."""

    status = 422


def random_names(prefix: str | None, count: int, seed: int | None = None) -> list[str]:
    """Up to ``count`` distinct names under ``prefix`` (``10.5438`` or ``10.5438/shoulder``).

    With a ``seed`` the names are deterministic: the i-th is generated from ``seed + i``.
    """
    if not prefix:
        raise InvalidParameter("Parameter prefix is required")
    if not is_valid_prefix(prefix.split("/", 1)[0]):
        raise InvalidParameter(f"Prefix {prefix} is not a valid DOI prefix")
    names: list[str] = []
    for index in range(min(count, MAX_NAMES)):
        name = generate_doi(prefix, None if seed is None else seed + index)
        if name not in names:
            names.append(name)
    return names
