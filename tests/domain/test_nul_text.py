"""Finding NUL characters anywhere in a JSON value."""

from __future__ import annotations

from typing import Any

import pytest

from doiregistry.domain.nul_text import has_nul


@pytest.mark.parametrize(
    "value",
    ["a\x00b", ["x", "\x00"], {"k": "v\x00"}, {"k\x00": 1}, {"a": [{"b": ["\x00"]}]}],
)
def test_nul_is_found_in_strings_keys_and_nested_values(value: Any) -> None:
    assert has_nul(value)


@pytest.mark.parametrize("value", [None, 0, 1.5, True, "text", [], {}, {"a": ["b", 1, None]}])
def test_values_without_nul(value: Any) -> None:
    assert not has_nul(value)
