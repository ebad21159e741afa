"""Password hashes, and the write-only ``passwordInput`` attribute of account writes."""

from __future__ import annotations

import pytest

from doiregistry.domain.errors import ValidationFailed
from doiregistry.registry.accounts.passwords import (
    hash_password,
    password_hash_of,
    verify_password,
)


def test_a_hash_verifies_its_password_only() -> None:
    stored = hash_password("secret")
    assert stored.startswith("scrypt$")
    assert verify_password("secret", stored)
    assert not verify_password("other", stored)
    assert hash_password("secret") != stored


@pytest.mark.parametrize("stored", [None, "", "md5$x", "scrypt$bad", "scrypt$1$2$3$!!$!!"])
def test_unusable_stored_hashes_verify_nothing(stored: str | None) -> None:
    assert not verify_password("secret", stored)


def test_password_input_is_hashed() -> None:
    stored = password_hash_of({"passwordInput": "new-password", "name": "X"})
    assert stored is not None and verify_password("new-password", stored)


@pytest.mark.parametrize("attributes", [{}, {"passwordInput": None}, {"passwordInput": "  "}])
def test_absent_or_blank_password_input_changes_nothing(attributes: dict[str, object]) -> None:
    assert password_hash_of(attributes) is None


@pytest.mark.parametrize("value", [1, ["x"], {"a": "b"}, True])
def test_password_input_must_be_a_string(value: object) -> None:
    with pytest.raises(ValidationFailed) as excinfo:
        password_hash_of({"passwordInput": value})
    assert [(e.source, e.title) for e in excinfo.value.errors] == [
        ("password_input", "Should be a string")
    ]
