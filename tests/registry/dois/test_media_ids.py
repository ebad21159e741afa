"""Public media ids: Crockford base32 of the row id, and codes that name no row."""

from __future__ import annotations

import pytest

from doiregistry.registry.dois.media_ids import MAX_ROW_ID, decode_media_id, encode_media_id


@pytest.mark.parametrize("row_id", [1, 32, 123456, MAX_ROW_ID])
def test_ids_round_trip(row_id: int) -> None:
    assert decode_media_id(encode_media_id(row_id)) == row_id


@pytest.mark.parametrize("code", ["", "-", "ilou", "zzzz-zzzz-zzzz-zzzz-z", "8" + "0" * 12 + "0"])
def test_codes_that_name_no_row_decode_to_none(code: str) -> None:
    assert decode_media_id(code) is None
