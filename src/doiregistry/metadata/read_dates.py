"""``dates``: only dates in Extended Date/Time Format (EDTF) are kept.

DataCite keeps a ``date`` element only when its (cleaned) text parses as an
EDTF expression, or is one of the "unknown information" codes (``:unav``,
``:tba``…); everything else (``March 2011``, ``2017-04-07 15:04:22.4``) is
dropped. When no ``Issued`` date remains, one is added from
``publicationYear``.

The EDTF grammar accepted here is the 2012 draft DataCite's parser
implements:

* level 0: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` (real calendar dates, year
  may be negative), ``YYYY-MM-DDThh:mm:ss`` with optional ``Z`` / ``±hh:mm``,
  and ``date/date`` intervals;
* level 1: ``?`` / ``~`` / ``?~`` qualifiers, unspecified digits
  (``199u``, ``19uu``, ``1999-uu``, ``1999-01-uu``, ``1999-uu-uu``), long
  years (``y170000002``), seasons (``2001-21``…``2001-24``), and intervals
  with ``unknown`` / ``open`` ends;
* level 2: partially qualified dates (``2004?-06-11``, ``2004-(06)?-11``),
  unspecified digits anywhere (``156u-12-25``), masked precision (``196x``),
  sets (``[1667, 1668, 1670..1672]``, ``{1960, 1961}``), exponential and
  significant-digit years (``y17e7``, ``1950S2``) and qualified seasons.

Date-times are not allowed inside intervals.
"""

from __future__ import annotations

import re
from typing import Any

from doiregistry.metadata.read_text import sanitize
from doiregistry.metadata.read_tree import Element, attr, nested, own_text

#: Codes for unknown values (DataCite / ERC conventions) kept as dates.
UNKNOWN_INFORMATION: dict[str, str] = {
    ":unac": "temporarily inaccessible",
    ":unal": "unallowed, suppressed intentionally",
    ":unap": "not applicable, makes no sense",
    ":unas": "value unassigned (e.g., Untitled)",
    ":unav": "value unavailable, possibly unknown",
    ":unkn": "known to be unknown (e.g., Anonymous, Inconnue)",
    ":none": "never had a value, never will",
    ":null": "explicitly and meaningfully empty",
    ":tba": "to be assigned or announced later",
    ":etal": "too numerous to list (et alia)",
}

_DATE = re.compile(r"(-)?(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_TIME = re.compile(
    r"(?:([01]\d|2[0-3]):([0-5]\d):([0-5]\d)|24:00:00)"
    r"(?:Z|[+-](?:(?:0\d|1[0-3]):[0-5]\d|14:00))?"
)
_QUALIFIER = r"(?:\?~|~\?|\?|~)"
_L1_UNSPECIFIED = re.compile(r"\d{3}u|\d{2}uu|\d{4}-uu|\d{4}-\d{2}-uu|\d{4}-uu-uu")
_LONG_YEAR = re.compile(r"y-?\d{5,}")
_SEASON = re.compile(r"-?\d{4}-(2[1-4])")
_L2_SEASON = re.compile(r"-?\d{4}-(2[1-9]|3\d|4[01])(?:\^[\w-]+)?" + _QUALIFIER + "?")
_EXPONENT_YEAR = re.compile(r"y-?\d+e\d+(?:p\d+)?")
_SIGNIFICANT_YEAR = re.compile(r"(?:-?\d{4}|y-?\d+(?:e\d+)?)S\d+")
_MASKED = re.compile(r"\d{3}x|\d{2}xx")
_L2_UNSPECIFIED = re.compile(r"[\du]{4}(?:-[\du]{2}(?:-[\du]{2})?)?")
_PARTIAL_QUALIFIED = re.compile(
    rf"\(?-?\d{{4}}\)?{_QUALIFIER}?"
    rf"(?:-\(?\d{{2}}\)?{_QUALIFIER}?(?:-\(?\d{{2}}\)?{_QUALIFIER}?)?)?"
    rf"|\(\d{{4}}-\d{{2}}(?:-\d{{2}})?\){_QUALIFIER}"
)


def _days_in_month(year: int, month: int) -> int:
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _is_calendar_date(text: str) -> bool:
    match = _DATE.fullmatch(text)
    if match is None:
        return False
    sign, year_text, month_text, day_text = match.groups()
    year = int(year_text) * (-1 if sign else 1)
    if month_text is None:
        return True
    month = int(month_text)
    if not 1 <= month <= 12:
        return False
    if day_text is None:
        return True
    return 1 <= int(day_text) <= _days_in_month(year, month)


def _is_date_time(text: str) -> bool:
    date, separator, time = text.partition("T")
    return bool(separator) and _is_calendar_date(date) and _TIME.fullmatch(time) is not None


def _is_l1_date(text: str) -> bool:
    """A level-0 or level-1 single date (no date-time)."""
    if text.endswith(("?~", "~?")):
        return _is_calendar_date(text[:-2])
    if text.endswith(("?", "~")):
        return _is_calendar_date(text[:-1])
    return bool(
        _is_calendar_date(text)
        or _L1_UNSPECIFIED.fullmatch(text)
        or _LONG_YEAR.fullmatch(text)
        or _SEASON.fullmatch(text)
    )


def _is_l2_date(text: str) -> bool:
    """A level-2 single date (includes everything level 1 accepts)."""
    if _is_l1_date(text):
        return True
    if any(mark in text for mark in "?~(") and _PARTIAL_QUALIFIED.fullmatch(text):
        return _is_calendar_date(re.sub(r"[()?~]", "", text))
    if _L2_UNSPECIFIED.fullmatch(text) and "u" in text:
        return True
    return bool(
        _MASKED.fullmatch(text)
        or _EXPONENT_YEAR.fullmatch(text)
        or _SIGNIFICANT_YEAR.fullmatch(text)
        or _L2_SEASON.fullmatch(text)
    )


def _is_set(text: str) -> bool:
    if len(text) < 2 or (text[0], text[-1]) not in (("[", "]"), ("{", "}")):
        return False
    inner = text[1:-1].strip()
    if not inner:
        return False
    for item in (part.strip() for part in inner.split(",")):
        if not item:
            return False
        ends = item.split("..")
        if len(ends) > 2:
            return False
        if not all(end == "" or _is_l2_date(end) for end in ends) or not any(ends):
            return False
    return True


def _is_interval(text: str) -> bool:
    start, separator, end = text.partition("/")
    if not separator or "/" in end:
        return False
    start_ok = start == "unknown" or _is_l2_date(start)
    end_ok = end in ("unknown", "open") or _is_l2_date(end)
    return start_ok and end_ok and not (start == "unknown" and end in ("unknown", "open"))


def is_edtf(text: str) -> bool:
    """Whether ``text`` is an EDTF expression DataCite accepts."""
    if not text:
        return False
    return _is_l2_date(text) or _is_date_time(text) or _is_interval(text) or _is_set(text)


def read_dates(resource: Element, publication_year: str | None) -> list[dict[str, Any]]:
    """Every valid ``dates/date``, plus an ``Issued`` date from ``publicationYear``."""
    result: list[dict[str, Any]] = []
    for element in nested(resource, "dates", "date"):
        if not element.attrib:
            continue
        date = sanitize(own_text(element))
        if not date or not (is_edtf(date) or date in UNKNOWN_INFORMATION):
            continue
        entry = {"date": date, "dateType": attr(element, "dateType")}
        information = attr(element, "dateInformation")
        if information is not None:
            entry["dateInformation"] = information
        result.append({key: value for key, value in entry.items() if value is not None})
    if publication_year and not any(entry.get("dateType") == "Issued" for entry in result):
        result.append({"date": publication_year, "dateType": "Issued"})
    return result
