"""DOI names: syntax, case rules and DataCite-style suffix generation.

DataCite stores DOIs case-insensitively and always shows them in lower case
(spec §1.2). New DOIs must match the syntax rule of spec §5.5; generated
suffixes follow the base32-url scheme of spec §5.7 (Crockford base32 with an
ISO 7064 mod 97-10 checksum, grouped in fours).
"""

from __future__ import annotations

import re
import secrets
from typing import Final

#: Registrant codes: DataCite's create rule only admits 4–5 digits although its
#: prefix pool admits 4–9; we admit 4–9 everywhere (docs/compatibility.md).
PREFIX_PATTERN: Final = r"10\.\d{4,9}"
_PREFIX_RE: Final = re.compile(rf"^{PREFIX_PATTERN}$")
_DOI_RE: Final = re.compile(rf"^{PREFIX_PATTERN}/[-._;()/:a-zA-Z0-9*~$=]+$")
_RESOLVER_RE: Final = re.compile(
    r"^(?:doi:|(?:https?://)?(?:dx\.)?doi\.org/|(?:https?://)?handle\.stage\.datacite\.org/)",
    re.IGNORECASE,
)
_LOOSE_DOI_RE: Final = re.compile(r"^10\.\d{4,9}/\S+$")

#: Crockford's base32 alphabet in lower case (no i, l, o, u).
CROCKFORD_ALPHABET: Final = "0123456789abcdefghjkmnpqrstvwxyz"
#: Random suffix numbers are drawn from [0, RANDOM_LIMIT), as DataCite does.
RANDOM_LIMIT: Final = 1073741823


def normalize_doi(doi: str) -> str:
    """The display form of a DOI: trimmed and lower-cased (spec §1.2)."""
    return doi.strip().lower()


def strip_resolver(value: str) -> str:
    """Remove a ``doi:`` or ``https://doi.org/`` style prefix from a DOI."""
    return _RESOLVER_RE.sub("", value.strip())


def parse_doi(value: str) -> str | None:
    """Extract a DOI from a bare DOI, ``doi:`` form or resolver URL.

    Returns the lower-case DOI, or ``None`` when ``value`` is not DOI-shaped.
    This is the lenient form used for look-ups; :func:`is_valid_new_doi` is
    the strict rule for creating DOIs.
    """
    candidate = strip_resolver(value)
    if not _LOOSE_DOI_RE.match(candidate):
        return None
    return normalize_doi(candidate)


def is_valid_new_doi(doi: str) -> bool:
    """True if ``doi`` may be created: the syntax rule of spec §5.5."""
    return bool(_DOI_RE.match(doi))


def is_valid_prefix(prefix: str) -> bool:
    """True if ``prefix`` is a DOI prefix such as ``10.5438``."""
    return bool(_PREFIX_RE.match(prefix))


def split_doi(doi: str) -> tuple[str, str]:
    """Split a DOI into (prefix, suffix), both lower-case."""
    prefix, _, suffix = normalize_doi(doi).partition("/")
    return prefix, suffix


def encode_base32(number: int) -> str:
    """Crockford base32 of a non-negative integer, most significant first."""
    if number < 0:
        raise ValueError("number must not be negative")
    digits = []
    while True:
        number, remainder = divmod(number, 32)
        digits.append(CROCKFORD_ALPHABET[remainder])
        if number == 0:
            break
    return "".join(reversed(digits))


def checksum(number: int) -> int:
    """ISO 7064 mod 97-10 check value of ``number`` (two decimal digits)."""
    return 98 - ((number * 100) % 97)


def encode_suffix(number: int) -> str:
    """The DataCite suffix for ``number``: base32, checksum, ``xxxx-xxxx``."""
    code = f"{encode_base32(number)}{checksum(number):02d}".rjust(8, "0")
    groups = []
    while code:
        groups.append(code[-4:])
        code = code[:-4]
    return "-".join(reversed(groups))


def seed_from_text(value: str) -> int | None:
    """The deterministic seed in a ``number`` parameter: all its digits joined."""
    digits = "".join(ch for ch in value if ch.isdecimal())  # int() refuses "²", a digit
    return int(digits) if digits else None


def generate_doi(prefix: str, number: int | None = None) -> str:
    """A new DOI under ``prefix`` (``10.5438`` or ``10.5438/shoulder``).

    ``number`` makes the result deterministic; otherwise it is drawn from a
    cryptographically secure random source.
    """
    base, _, shoulder = prefix.strip().partition("/")
    if not is_valid_prefix(base):
        raise ValueError(f"{base!r} is not a DOI prefix (expected 10. followed by 4-9 digits)")
    value = secrets.randbelow(RANDOM_LIMIT) if number is None else number
    code = encode_suffix(value)
    if shoulder:
        code = f"{shoulder}-{code}"
    return normalize_doi(f"{base}/{code}")
