"""Evaluating plain browse requests on the columnar facet index instead of SQL.

A request with no query and only filters on single-valued columns (member,
repository, prefix, resource type, state, creation/registration/publication
years) is answered for counting purposes from numpy masks over the facet
index: its total and facets then need no SQL at all, which matters when the
match set is most of a large store (fetching a million ids from SQL takes
longer than counting every facet). The page itself still comes from SQL.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import numpy as np
import numpy.typing as npt

from doiregistry.registry.principal import Principal, Role
from doiregistry.search.doi_filters import FILTER_NAMES, comma_list, resource_type_slug
from doiregistry.search.facet_index import FacetIndex
from doiregistry.search.query_ast import MatchAll, Query

BoolArray = npt.NDArray[np.bool_]
#: parameter → facet column
_COLUMNS: Final = {
    "provider-id": "provider",
    "client-id": "client",
    "prefix": "prefix",
    "resource-type-id": "resource_type",
}
_YEARS: Final = {"created": "created", "registered": "registered", "published": "published"}
COLUMNAR: Final = frozenset(_COLUMNS) | frozenset(_YEARS) | {"state"}


def _isin(index: FacetIndex, column: str, keys: list[str]) -> BoolArray:
    codes, vocabulary = index.single_codes(column)
    wanted = [vocabulary[key] for key in keys if key in vocabulary]
    return np.isin(codes, np.array(wanted, dtype=np.int32))


def _years(index: FacetIndex, column: str, value: str) -> BoolArray | None:
    years = comma_list(value)
    if not years or not all(year.isdigit() and len(year) == 4 for year in years):
        return None  # the SQL path reports the error
    low, high = int(min(years)), int(max(years))
    codes, vocabulary = index.single_codes(column)
    by_code = np.full(len(vocabulary) + 1, -1, dtype=np.int64)
    for key, code in vocabulary.items():
        if key.isdigit():
            by_code[code] = int(key)
    values = by_code[codes]  # code -1 (no value) reads the last cell: -1
    return (values >= low) & (values <= high)


def _visible(index: FacetIndex, principal: Principal) -> BoolArray:
    findable = _isin(index, "state", ["findable"])
    if principal.is_staff:
        return np.ones_like(findable)
    if principal.role is Role.CLIENT_ADMIN and principal.client_id:
        return findable | _isin(index, "client", [principal.client_id])
    if principal.role in (Role.PROVIDER_ADMIN, Role.CONSORTIUM_ADMIN) and principal.provider_ids:
        return findable | _isin(index, "provider", sorted(principal.provider_ids))
    return findable


def columnar_slots(
    index: FacetIndex, principal: Principal, params: Mapping[str, str], query: Query
) -> npt.NDArray[np.int64] | None:
    """Slots of the matching records, or ``None`` when the request needs SQL."""
    if not isinstance(query, MatchAll) or "ids" in params or "id" in params:
        return None
    present = {name for name in FILTER_NAMES if params.get(name, "").strip()}
    if not present <= COLUMNAR:
        return None
    index.refresh()
    with index.lock:
        mask: BoolArray = index.alive.view.copy()
        mask &= _visible(index, principal)
        for name in present:
            value = params[name]
            if name in _COLUMNS:
                keys = [v.lower() for v in comma_list(value)]
                if name == "resource-type-id":
                    keys = [resource_type_slug(v) for v in comma_list(value)]
                mask &= _isin(index, _COLUMNS[name], keys)
            elif name in _YEARS:
                years = _years(index, _YEARS[name], value)
                if years is None:
                    return None
                mask &= years
            elif name == "state" and not principal.is_anonymous:
                mask &= _isin(index, "state", comma_list(value))
        return np.flatnonzero(mask).astype(np.int64)
