"""Resource types: DataCite's ``resourceTypeGeneral`` and the derived types.

DataCite stores, next to ``resourceTypeGeneral`` and the free-text
``resourceType``, the matching schema.org, Citation Style Language, BibTeX
and RIS types. The free-text ``resourceType`` wins when it names a known
Crossref-style type (``JournalArticle``, ``journal-article``, ``Report`` …);
otherwise ``resourceTypeGeneral`` decides; the defaults are
``CreativeWork`` / ``article`` / ``misc`` / ``GEN``.

Two DataCite table bugs are deliberately fixed (see ``docs/compatibility.md``,
"Reading DataCite XML"): ``Report`` maps to the RIS type ``RPRT`` (DataCite:
the non-existent ``RRPT``), and schema.org ``Article`` (from
``ConferencePaper`` / ``DataPaper``) gets the default citeproc type
``article`` instead of an empty string.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib.resources import files
from typing import Any

DEFAULT_SCHEMA_ORG = "CreativeWork"
DEFAULT_CITEPROC = "article"
DEFAULT_BIBTEX = "misc"
DEFAULT_RIS = "GEN"

#: The keys of ``types`` that are derived from the two DataCite values.
DERIVED_KEYS = ("schemaOrg", "citeproc", "bibtex", "ris")

#: DataCite table entries that are bugs, with the value we use instead.
_FIXES: dict[tuple[str, str], str | None] = {
    ("resourceTypeGeneralToRis", "Report"): "RPRT",
    ("schemaOrgToCiteproc", "Article"): None,
}


@cache
def _tables() -> dict[str, dict[str, str]]:
    text = files("doiregistry.metadata").joinpath("data/resource_types.json").read_text("utf-8")
    raw: dict[str, Any] = json.loads(text)
    tables: dict[str, dict[str, str]] = {
        name: dict(table) for name, table in raw.items() if isinstance(table, dict)
    }
    for (name, key), value in _FIXES.items():
        if value is None:
            tables[name].pop(key, None)
        else:
            tables[name][key] = value
    return tables


def _lookup(table: str, key: str) -> str | None:
    return _tables()[table].get(key)


def crossref_key(resource_type: str | None) -> str:
    """The lookup key DataCite builds from a free-text ``resourceType``.

    It is Rails' ``underscore`` followed by ``camelize``: ``journal-article``
    and ``JournalArticle`` both give ``JournalArticle``; text with spaces keeps
    them (``Journal Article`` gives ``Journal article``, which matches nothing).
    """
    word = resource_type or ""
    if re.search(r"[A-Z-]|::", word):
        word = word.replace("::", "/")
        word = re.sub(
            r"([A-Z]+)(?=[A-Z][a-z])|([a-z\d])(?=[A-Z])", lambda m: m.group(0) + "_", word
        )
        word = word.replace("-", "_").lower()
    word = re.sub(r"^[a-z\d]*", lambda m: m.group(0).capitalize(), word)
    word = re.sub(
        r"(?:_|(/))([a-z\d]*)",
        lambda m: (m.group(1) or "") + m.group(2).capitalize(),
        word,
        flags=re.I,
    )
    return word.replace("/", "::")


def general_key(resource_type_general: str | None) -> str:
    """The lookup key for ``resourceTypeGeneral`` (underscores become dashes)."""
    return (resource_type_general or "").replace("_", "-")


def schema_org_type(resource_type_general: str | None, resource_type: str | None = None) -> str:
    """schema.org ``@type`` for a DataCite resource type."""
    return (
        _lookup("resourceTypeToSchemaOrg", crossref_key(resource_type))
        or _lookup("resourceTypeGeneralToSchemaOrg", general_key(resource_type_general))
        or DEFAULT_SCHEMA_ORG
    )


def derive_types(
    resource_type_general: str | None, resource_type: str | None = None
) -> dict[str, str]:
    """The four derived types, ``{schemaOrg, citeproc, bibtex, ris}``."""
    key = crossref_key(resource_type)
    general = general_key(resource_type_general)
    schema_org = schema_org_type(resource_type_general, resource_type)
    return {
        "schemaOrg": schema_org,
        "citeproc": _lookup("resourceTypeToCiteproc", key)
        or _lookup("schemaOrgToCiteproc", schema_org)
        or DEFAULT_CITEPROC,
        "bibtex": _lookup("resourceTypeToBibtex", key)
        or _lookup("schemaOrgToBibtex", schema_org)
        or DEFAULT_BIBTEX,
        "ris": _lookup("resourceTypeToRis", key)
        or _lookup("resourceTypeGeneralToRis", general)
        or DEFAULT_RIS,
    }


def build_types(resource_type_general: str | None, resource_type: str | None) -> dict[str, str]:
    """A complete ``types`` object as DataCite's reader builds it."""
    types: dict[str, str] = {}
    if resource_type_general is not None:
        types["resourceTypeGeneral"] = resource_type_general
    if resource_type is not None:
        types["resourceType"] = resource_type
    types.update(derive_types(resource_type_general, resource_type))
    return types


def complete_types(types: dict[str, Any]) -> dict[str, Any]:
    """Fill missing (or null) derived keys of a ``types`` object; keep the rest."""
    general = types.get("resourceTypeGeneral")
    specific = types.get("resourceType")
    derived = derive_types(
        general if isinstance(general, str) else None,
        specific if isinstance(specific, str) else None,
    )
    result = {key: value for key, value in types.items() if value is not None}
    for key in DERIVED_KEYS:
        if result.get(key) is None:
            result[key] = derived[key]
    return result
