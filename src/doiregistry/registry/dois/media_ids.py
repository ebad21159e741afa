"""Public ids of media records: Crockford base32 of the row id, 16 characters in groups of 4."""

from __future__ import annotations

from doiregistry.metadata.doi import CROCKFORD_ALPHABET, encode_base32


def encode_media_id(row_id: int) -> str:
    """``0000-0000-0000-n07c`` style id of a media row."""
    code = encode_base32(row_id).rjust(16, "0")
    return "-".join(code[i : i + 4] for i in range(0, 16, 4))


#: the largest row id a 64-bit key column holds
MAX_ROW_ID = 2**63 - 1


def decode_media_id(value: str) -> int | None:
    """The row id of a media id, or ``None`` when it is not one."""
    number = 0
    text = value.replace("-", "").strip().lower()
    if not text:
        return None
    for char in text:
        index = CROCKFORD_ALPHABET.find(char)
        if index < 0:
            return None
        number = number * 32 + index
    # ids are 64-bit row keys: a longer code names no row (and would overflow SQL)
    return number if number <= MAX_ROW_ID else None
