"""Any arguments at all, over GET and POST, on both backends: always HTTP 200 and a
document valid against the OAI-PMH 2.0 XSD (every payload against its own schema)."""

from __future__ import annotations

import base64
from urllib.parse import urlencode

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.oai.checks import OAI, valid
from tests.oai.fixtures import Oai, corpus_fixture, oai_fixture  # noqa: F401

FORM = "application/x-www-form-urlencoded"
NAMES = ["verb", "metadataPrefix", "identifier", "from", "until", "set", "resumptionToken"]
VERBS = [
    "Identify",
    "ListMetadataFormats",
    "ListSets",
    "ListIdentifiers",
    "ListRecords",
    "GetRecord",
]
text = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40
)
values = st.one_of(
    text,
    st.sampled_from(
        [
            *VERBS,
            "oai_dc",
            "oai_datacite",
            "datacite",
            "doi:10.5438/rec-002",
            "doi:10.14454/rec-007",
            "2016-01-01",
            "2030-12-31T23:59:59Z",
            "DATACITE",
            "EXAMPLE.REPO",
            "~" + base64.b64encode(b"publicationYear:2016").decode(),
            "~" + base64.b64encode(b"titles.title:(").decode(),
        ]
    ),
)
pairs = st.lists(st.tuples(st.one_of(st.sampled_from(NAMES), text), values), max_size=5)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(verb=st.sampled_from(VERBS), arguments=pairs, post=st.booleans())
def test_any_arguments(oai: Oai, verb: str, arguments: list[tuple[str, str]], post: bool) -> None:
    items = [("verb", verb), *arguments]
    if post:
        body = urlencode(items).encode()
        response = oai.client.post("/oai", content=body, headers={"content-type": FORM})
    else:
        response = oai.client.get("/oai", params=items)
    assert response.status_code == 200
    root = valid(response.content)
    assert root.find(f"{OAI}request") is not None
