"""Integer query parameters read without overflow (issue 15, item 2).

Python reads integers of any length (up to 4300 digits, then it refuses), but
SQLite and PostgreSQL hold 64 bits: an unchecked ``page[number]`` of twenty
digits reached the database as an offset and failed there. Values are
therefore *saturated* at :data:`LARGEST` (the largest 64-bit integer) when
read; every parameter's own clamp (page numbers, page sizes, sample sizes)
then applies as it does to any other large value, so a huge value answers
what the largest allowed one answers, as DataCite clamps (spec §4.6).
"""

from __future__ import annotations

import re
from typing import Final

from doiregistry.domain.errors import BadRequest

#: the largest integer both backends store (a signed 64-bit integer)
LARGEST: Final = 2**63 - 1
_INTEGER: Final = re.compile(r"^\s*([+-]?)(\d+)\s*$")
_LEADING_DIGITS: Final = re.compile(r"^\s*(\d+)")


def saturated(digits: str, *, negative: bool = False) -> int:
    """The integer a string of decimal digits writes, limited to ±:data:`LARGEST`."""
    significant = digits.lstrip("0")
    value = LARGEST if len(significant) > len(str(LARGEST)) else min(LARGEST, int(digits))
    return -value if negative else value


def integer(name: str, value: str | None) -> int | None:
    """An integer parameter (blank or absent: ``None``), saturated; 400 for anything else."""
    if value is None or not value.strip():
        return None
    match = _INTEGER.match(value)
    if match is None:
        shown = value if len(value) <= 40 else f"{value[:40]}…"
        raise BadRequest(f"{name} must be an integer, not {shown!r}")
    return saturated(match.group(2), negative=match.group(1) == "-")


def leading_integer(value: str) -> int:
    """Ruby's ``to_i``: the leading digits (``0`` when there are none), saturated."""
    match = _LEADING_DIGITS.match(value)
    return saturated(match.group(1)) if match else 0
