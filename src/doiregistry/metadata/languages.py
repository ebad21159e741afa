"""Language codes: ``language`` reduced to ISO 639-1 where recognisable.

DataCite looks at the primary subtag (``en`` of ``en-US``) and, when it is an
ISO 639-2 code (bibliographic ``ger`` or terminologic ``deu``), an ISO 639-1
code or an ISO 639-2 English language name (``German``), stores the
two-letter ISO 639-1 code (``de``). Otherwise a well-formed language tag is
kept as given and anything else is dropped. Codes are matched case-sensitively,
as in DataCite (``ENG`` is kept as ``ENG``). Data: ``data/iso639_2.json``,
the Library of Congress ISO 639-2 code list.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

#: Shape of a language tag DataCite accepts (``language`` validation).
LANGUAGE_TAG = re.compile(r"[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*")


@dataclass(frozen=True)
class Language:
    """One ISO 639-2 entry."""

    alpha3: str
    alpha3_terminologic: str
    alpha2: str
    english_name: str


@dataclass(frozen=True)
class _Index:
    by_alpha3: dict[str, Language]
    by_alpha2: dict[str, Language]
    by_name: dict[str, Language]


@cache
def _index() -> _Index:
    text = files("doiregistry.metadata").joinpath("data/iso639_2.json").read_text("utf-8")
    raw: dict[str, Any] = json.loads(text)
    entries = [Language(*(str(field) for field in row)) for row in raw["languages"]]
    by_alpha3: dict[str, Language] = {}
    by_alpha2: dict[str, Language] = {}
    by_name: dict[str, Language] = {}
    for entry in entries:
        by_alpha3.setdefault(entry.alpha3, entry)
        if entry.alpha3_terminologic:
            by_alpha3.setdefault(entry.alpha3_terminologic, entry)
        if entry.alpha2:
            by_alpha2.setdefault(entry.alpha2, entry)
        by_name.setdefault(entry.english_name, entry)
    return _Index(by_alpha3, by_alpha2, by_name)


def find_language(value: str) -> Language | None:
    """The ISO 639-2 entry for a code (2 or 3 letters) or an English name."""
    index = _index()
    if len(value) == 3 and value in index.by_alpha3:
        return index.by_alpha3[value]
    if len(value) == 2 and value in index.by_alpha2:
        return index.by_alpha2[value]
    name = value[:1].upper() + value[1:]
    return index.by_name.get(name)


def normalize_language(value: str | None) -> str | None:
    """ISO 639-1 code for a recognisable language, else the tag, else ``None``."""
    if not value:
        return None
    primary = value.split("-")[0]
    entry = find_language(primary) if primary else None
    if entry is not None and entry.alpha2:
        return entry.alpha2
    if LANGUAGE_TAG.fullmatch(value):
        return value
    return None
