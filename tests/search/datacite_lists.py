"""The ``meta`` keys of DataCite's recorded ``GET /dois`` list responses (shared test data).

Recordings from 2021 on (``api.stage.datacite.org/dois-list``, see the test
data's MANIFEST.md) show today's default facets; the one 2020 recording of
``api.datacite.org`` predates several of them (``published``, ``licenses``,
``fieldsOfScience``, ``citations``…) and is not used.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Final

DOIS_LISTS: Final = (
    Path(__file__).resolve().parents[2].parent
    / "shared"
    / "datacite-testdata"
    / "json"
    / "api"
    / "api.stage.datacite.org"
    / "dois-list"
)
PAGE_KEYS: Final = ("total", "totalPages", "page")


def recorded_default_facets() -> list[str]:
    """The facet keys, in order, of every recorded list that has facets (they all agree)."""
    layouts = set()
    for path in sorted(DOIS_LISTS.glob("*.json")):
        meta = json.loads(path.read_text())["meta"]
        if meta.get("total"):
            layouts.add(tuple(key for key in meta if key not in PAGE_KEYS))
    assert len(layouts) == 1, layouts
    return list(layouts.pop())
