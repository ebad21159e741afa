"""Resumption tokens: self-contained, round-tripping, and refused when anything is off."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

import orjson
import pytest

from doiregistry.oai import tokens
from doiregistry.oai.errors import OaiError

POSITION = tokens.RecordPosition(
    verb="ListRecords",
    metadata_prefix="oai_dc",
    set_argument="DATACITE~ZG9p",
    start=datetime(2020, 1, 1, tzinfo=UTC),
    stop=datetime(2026, 1, 1, 12, 0, 0, 123456, tzinfo=UTC),
    last_updated=datetime(2021, 5, 6, 7, 8, 9, 10, tzinfo=UTC),
    last_doi="10.5072/abc",
    cursor=200,
    complete_list_size=12345,
)


def test_record_tokens_round_trip() -> None:
    token = tokens.encode_records(POSITION)
    assert token.isascii() and "=" not in token
    assert tokens.decode_records(token, "ListRecords") == POSITION
    plain = tokens.RecordPosition(**{**POSITION.__dict__, "start": None, "set_argument": None})
    assert tokens.decode_records(tokens.encode_records(plain), "ListRecords") == plain


def test_set_tokens_round_trip() -> None:
    position = tokens.SetPosition("DATACITE.TEST", 50, 120)
    assert tokens.decode_sets(tokens.encode_sets(position)) == position


def test_a_token_is_only_good_for_its_own_verb() -> None:
    token = tokens.encode_records(POSITION)
    with pytest.raises(OaiError):
        tokens.decode_records(token, "ListIdentifiers")
    with pytest.raises(OaiError):
        tokens.decode_sets(token)
    with pytest.raises(OaiError):
        tokens.decode_records(tokens.encode_sets(tokens.SetPosition("A", 1, 2)), "ListRecords")


def _forged(**changes: object) -> str:
    document = orjson.loads(base64.urlsafe_b64decode(tokens.encode_records(POSITION) + "=="))
    document.update(changes)
    return base64.urlsafe_b64encode(orjson.dumps(document)).decode()


@pytest.mark.parametrize(
    "token",
    [
        "",
        "nonsense",
        "!!!",
        base64.urlsafe_b64encode(b"[1,2]").decode(),
        base64.urlsafe_b64encode(b"{}").decode(),
        _forged(v=2),
        _forged(c=-1),
        _forged(c=True),
        _forged(n="12"),
        _forged(k=["2021-05-06", "10.5072/abc"]),
        _forged(k=["2021-05-06T07:08:09.000010Z"]),
        _forged(k=["2021-05-06T07:08:09.000010Z", ""]),
        _forged(u=None),
        _forged(m=7),
        _forged(f="yesterday"),
        "A" * (tokens.MAX_TOKEN_LENGTH + 1),
    ],
)
def test_anything_else_is_a_bad_resumption_token(token: str) -> None:
    with pytest.raises(OaiError) as caught:
        tokens.decode_records(token, "ListRecords")
    assert caught.value.code == "badResumptionToken"


def test_year_one_and_the_last_instant() -> None:
    earliest = datetime(1, 1, 1, tzinfo=UTC)
    latest = datetime.max.replace(tzinfo=UTC)
    position = tokens.RecordPosition(
        **{**POSITION.__dict__, "start": earliest, "stop": latest, "last_updated": earliest}
    )
    assert tokens.decode_records(tokens.encode_records(position), "ListRecords") == position
