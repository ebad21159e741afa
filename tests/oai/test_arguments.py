"""Request arguments against the rules of each verb (OAI-PMH 2.0 section 3.1, 4)."""

from __future__ import annotations

import pytest

from doiregistry.oai.arguments import VERBS, parse_request, xml_safe
from doiregistry.oai.errors import OaiError


def error_of(*pairs: tuple[str, str]) -> OaiError:
    with pytest.raises(OaiError) as caught:
        parse_request(pairs)
    return caught.value


@pytest.mark.parametrize(
    "pairs",
    [
        [],
        [("metadataPrefix", "oai_dc")],
        [("verb", "Identify"), ("verb", "Identify")],
        [("verb", "identify")],
        [("verb", "GetMetadata")],
        [("verb", "")],
        [("verb", "List\x00Records")],
    ],
)
def test_missing_repeated_and_unknown_verbs_are_bad_verbs(pairs: list[tuple[str, str]]) -> None:
    assert error_of(*pairs).code == "badVerb"


@pytest.mark.parametrize(
    "pairs",
    [
        [("verb", "Identify"), ("set", "A")],
        [("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("identifier", "doi:10.1/a")],
        [("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("from_", "2020-01-01")],
        [("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("set", "A"), ("set", "B")],
        [("verb", "ListRecords")],
        [("verb", "ListIdentifiers"), ("metadataPrefix", "")],
        [("verb", "GetRecord"), ("identifier", "doi:10.1/a")],
        [("verb", "GetRecord"), ("metadataPrefix", "oai_dc")],
        [("verb", "ListRecords"), ("resumptionToken", "x"), ("metadataPrefix", "oai_dc")],
        [("verb", "ListSets"), ("resumptionToken", "x"), ("set", "A")],
        [("verb", "ListMetadataFormats"), ("resumptionToken", "x")],
        [("verb", "ListRecords"), ("metadataPrefix", "oai dc")],
        [("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("set", "A\x01")],
        [("verb", "Identify"), ("\x00", "x")],
    ],
)
def test_illegal_repeated_missing_and_exclusive_arguments_are_bad_arguments(
    pairs: list[tuple[str, str]],
) -> None:
    assert error_of(*pairs).code == "badArgument"


def test_bad_verbs_and_arguments_are_not_echoed() -> None:
    assert not error_of(("verb", "Nope")).echoes_request
    assert not error_of(("verb", "ListRecords")).echoes_request


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        ([("verb", "Identify")], {}),
        (
            [("verb", "ListMetadataFormats"), ("identifier", "doi:10.1/a")],
            {"identifier": "doi:10.1/a"},
        ),
        ([("verb", "ListSets"), ("resumptionToken", "abc")], {"resumptionToken": "abc"}),
        (
            [("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("until", "2020-01-01")],
            {"metadataPrefix": "oai_dc", "until": "2020-01-01"},
        ),
        ([("verb", "ListIdentifiers"), ("resumptionToken", "")], {"resumptionToken": ""}),
    ],
)
def test_legal_requests(pairs: list[tuple[str, str]], expected: dict[str, str]) -> None:
    request = parse_request(pairs)
    assert request.verb == pairs[0][1]
    assert request.arguments == expected


def test_every_verb_has_a_rule() -> None:
    assert set(VERBS) == {
        "Identify",
        "ListMetadataFormats",
        "ListSets",
        "ListIdentifiers",
        "ListRecords",
        "GetRecord",
    }


def test_xml_safe() -> None:
    assert xml_safe("doi:10.1/ä\t\n😀")
    assert not xml_safe("a\x00b")
    assert not xml_safe("\ufffe")
