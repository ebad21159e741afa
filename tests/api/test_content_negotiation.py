"""Content negotiation over HTTP (spec §10, §5.1, §15 tests 18 and 19) on both backends.

DOIs are registered from DataCite XML that DataCite's own content
negotiation returned (``xml/api-content-negotiation``), then read back by
``Accept`` on ``/dois/{doi}``, by link on ``/dois/{type}/{doi}``, and through
the resolver routes at the root.
"""

from __future__ import annotations

import base64
import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from lxml import etree
from tests.seed import seed_repository

from doiregistry.api.app import create_app
from doiregistry.formats.media_types import FORMATS, MediaFormat
from doiregistry.settings import Settings
from doiregistry.storage.engine import Database

TESTDATA = Path(__file__).resolve().parents[2].parent / "shared" / "datacite-testdata"
CONNEG = TESTDATA / "xml" / "api-content-negotiation" / "api.stage.datacite.org"
OWNER = ("DATACITE.TEST", "secret")
OTHER = ("DATACITE.OTHER", "other-secret")
DOI = "10.5438/08a0-3f64"
LANDING = "https://www.example.org/eating-your-own-dog-food"


@pytest.fixture
def client(database: Database) -> Iterator[TestClient]:
    seed_repository(database, "datacite.test", "secret", "10.5438", domains="*")
    seed_repository(database, "datacite.other", "other-secret", "10.14454")
    with TestClient(create_app(Settings(), database), follow_redirects=False) as test_client:
        yield test_client


def _xml() -> str:
    return base64.b64encode((CONNEG / "10.5438_08a0-3f64.xml").read_bytes()).decode()


def _put(client: TestClient, doi: str, **attributes: str) -> None:
    body = {"data": {"type": "dois", "attributes": {"xml": _xml(), **attributes}}}
    response = client.put(f"/dois/{doi}", json=body, auth=OWNER)
    assert response.status_code == 201, response.text


@pytest.fixture
def findable(client: TestClient) -> str:
    _put(client, DOI, event="publish", url=LANDING)
    return DOI


@pytest.fixture
def draft(client: TestClient) -> str:
    _put(client, "10.5438/draft-1")
    return "10.5438/draft-1"


@pytest.fixture
def registered(client: TestClient) -> str:
    _put(client, "10.5438/hidden-1", event="register", url=LANDING)
    return "10.5438/hidden-1"


# -- spec §15 test 18 and §5.1 -----------------------------------------------------------


def test_unknown_accept_on_dois_is_406(client: TestClient, findable: str) -> None:
    response = client.get(f"/dois/{findable}", headers={"accept": "application/vnd.ms-excel"})
    assert response.status_code == 406
    assert response.json() == {
        "errors": [{"status": "406", "title": "The content type is not recognized."}]
    }


def test_unknown_accept_on_the_resolver_redirects_with_303(
    client: TestClient, findable: str
) -> None:
    response = client.get(f"/{findable}", headers={"accept": "application/vnd.ms-excel"})
    assert response.status_code == 303
    assert response.headers["location"] == LANDING


@pytest.mark.parametrize("accept", [None, "text/html", "*/*", "application/json"])
def test_resolver_redirects_browsers_and_other_accepts(
    client: TestClient, findable: str, accept: str | None
) -> None:
    headers = {"accept": accept} if accept else {}
    response = client.get(f"/{findable}", headers=headers)
    assert response.status_code == 303
    assert response.headers["location"] == LANDING


def test_browser_accept_header_redirects(client: TestClient, findable: str) -> None:
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = client.get(f"/{findable}", headers={"accept": browser})
    assert response.status_code == 303


def test_page_type_wins_over_a_metadata_type_of_equal_preference(
    client: TestClient, findable: str
) -> None:
    response = client.get(f"/{findable}", headers={"accept": "text/html, application/x-bibtex"})
    assert response.status_code == 303
    preferred = client.get(
        f"/{findable}", headers={"accept": "text/html;q=0.5, application/x-bibtex"}
    )
    assert preferred.status_code == 200 and preferred.text.startswith("@article{")


def test_head_on_the_resolver(client: TestClient, findable: str) -> None:
    assert client.head(f"/{findable}").status_code == 303
    assert client.head(f"/application/x-bibtex/{findable}").status_code == 200


def test_crossref_unixref_is_registered_but_not_rendered(client: TestClient, findable: str) -> None:
    accept = {"accept": "application/vnd.crossref.unixref+xml"}
    assert client.get(f"/dois/{findable}", headers=accept).status_code == 406


def test_missing_accept_on_dois_is_jsonapi(client: TestClient, findable: str) -> None:
    response = client.get(f"/dois/{findable}")
    assert response.status_code == 200
    assert response.json()["data"]["id"] == DOI


# -- spec §15 test 19 ----------------------------------------------------------------------


def test_formatted_citation_defaults_to_apa(client: TestClient, findable: str) -> None:
    response = client.get(f"/dois/{findable}", headers={"accept": "text/x-bibliography"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/x-bibliography; charset=utf-8"
    assert response.text.startswith("Fenner, M. (2016). ")
    assert "Eating your own Dog Food" in response.text
    assert response.text.endswith("https://doi.org/10.5438/08a0-3f64")


def test_ieee_style_puts_initials_first(client: TestClient, findable: str) -> None:
    response = client.get(f"/dois/{findable}?style=ieee", headers={"accept": "text/x-bibliography"})
    assert response.status_code == 200
    assert response.text.startswith("M. Fenner, ")
    assert "doi: 10.5438/08a0-3f64." in response.text


def test_invalid_style_and_locale_fall_back_to_apa(client: TestClient, findable: str) -> None:
    apa = client.get(f"/dois/{findable}", headers={"accept": "text/x-bibliography"}).text
    for query in ("style=no-such-style", "style=../../etc/passwd", "locale=xx-XX", "style=%2Fetc"):
        response = client.get(
            f"/dois/{findable}?{query}", headers={"accept": "text/x-bibliography"}
        )
        assert response.status_code == 200, query
        assert response.text == apa, query


def test_locale_changes_the_citation(client: TestClient, findable: str) -> None:
    german = client.get(f"/dois/text/x-bibliography/{findable}?style=ieee&locale=de-DE")
    assert german.status_code == 200
    assert german.text.startswith("M. Fenner, ")
    assert "2016" in german.text


def test_accept_parameters_are_ignored_on_dois(client: TestClient, findable: str) -> None:
    response = client.get(
        f"/dois/{findable}", headers={"accept": "text/x-bibliography; style=ieee"}
    )
    assert response.text.startswith("Fenner, M. (2016)")


def test_resolver_reads_style_from_accept_or_query(client: TestClient, findable: str) -> None:
    by_header = client.get(
        f"/{findable}", headers={"accept": "text/x-bibliography; style=ieee; locale=en-US"}
    )
    assert by_header.status_code == 200
    assert by_header.text.startswith("M. Fenner, ")
    by_query = client.get(f"/{findable}?style=ieee", headers={"accept": "text/x-bibliography"})
    assert by_query.text == by_header.text


# -- every format, by Accept and by link ---------------------------------------------------


def _check_body(name: str, body: bytes) -> None:
    """A real value of the registered record in each format."""
    text = body.decode("utf-8")
    if name == "datacite":
        root = etree.fromstring(body)
        identifier = root.find("{http://datacite.org/schema/kernel-4}identifier")
        assert identifier is not None and identifier.text == "10.5438/08A0-3F64"
    elif name == "datacite_json":
        document = json.loads(text)
        assert document["doi"] == DOI
        assert document["publisher"] == "DataCite"
        assert document["titles"] == [{"title": "Eating your own Dog Food"}]
        assert document["state"] == "findable"
    elif name == "crosscite":
        document = json.loads(text)
        assert document["publication_year"] == 2016
        assert document["publisher"] == {"name": "DataCite"}
        assert document["client_id"] == "datacite.test"
    elif name in ("schema_org", "codemeta"):
        document = json.loads(text)
        assert document["@id"] == "https://doi.org/10.5438/08a0-3f64"
        assert document["name"] == "Eating your own Dog Food"
        assert document["@type"] == "ScholarlyArticle"
    elif name == "citeproc":
        document = json.loads(text)
        assert document["author"] == [{"family": "Fenner", "given": "Martin"}]
        assert document["issued"] == {"date-parts": [[2016, 12, 20]]}
        assert document["DOI"] == DOI
    elif name == "jats":
        root = etree.fromstring(body)
        assert root.tag == "element-citation"
        assert root.findtext("pub-id") == DOI
    elif name == "bibtex":
        assert text.startswith("@article{https://doi.org/10.5438/08a0-3f64,\n")
        assert "  author = {Fenner, Martin},\n" in text
    elif name == "ris":
        assert text.startswith("TY  - ")
        assert "\r\nAU  - Fenner, Martin\r\n" in text
        assert text.endswith("ER  - ")
    elif name == "csv":
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[0][0] == "doi" and rows[1][0] == DOI and rows[1][3] == "findable"
    elif name == "citation":
        assert text.startswith("Fenner, M. (2016).")
    else:  # pragma: no cover - a new format needs an assertion here
        raise AssertionError(name)


@pytest.mark.parametrize("media_format", FORMATS, ids=lambda f: f.name)
def test_every_format_by_accept_and_by_link(
    client: TestClient, findable: str, media_format: MediaFormat
) -> None:
    for media_type in (media_format.media_type, *media_format.aliases):
        by_accept = client.get(f"/dois/{findable}", headers={"accept": media_type})
        assert by_accept.status_code == 200, media_type
        assert by_accept.headers["content-type"] == media_format.content_type
        _check_body(media_format.name, by_accept.content)
        by_link = client.get(f"/dois/{media_type}/{findable}")
        assert by_link.status_code == 200, media_type
        assert by_link.content == by_accept.content
        at_root = client.get(f"/{findable}", headers={"accept": media_type})
        assert at_root.status_code == 200, media_type
        assert at_root.content == by_accept.content
        root_link = client.get(f"/{media_type}/{findable}")
        assert root_link.status_code == 200, media_type
        assert root_link.content == by_accept.content


def test_link_form_ignores_accept(client: TestClient, findable: str) -> None:
    response = client.get(
        f"/dois/application/x-bibtex/{findable}", headers={"accept": "application/vnd.ms-excel"}
    )
    assert response.status_code == 200
    assert response.text.startswith("@article{")


def test_preferred_type_wins_by_quality(client: TestClient, findable: str) -> None:
    accept = "application/x-bibtex;q=0.5, application/x-research-info-systems"
    response = client.get(f"/dois/{findable}", headers={"accept": accept})
    assert response.text.startswith("TY  - ")
    unknown_first = "application/vnd.ms-excel, application/x-bibtex"
    assert client.get(f"/dois/{findable}", headers={"accept": unknown_first}).status_code == 200


def test_doi_is_case_insensitive_in_every_form(client: TestClient, findable: str) -> None:
    upper = findable.upper()
    assert client.get(f"/dois/application/x-bibtex/{upper}").status_code == 200
    assert client.get(f"/{upper}", headers={"accept": "application/x-bibtex"}).status_code == 200


# -- visibility: drafts, registered, unknown -----------------------------------------------


def test_draft_is_visible_in_conneg_formats_to_its_owner_only(
    client: TestClient, draft: str
) -> None:
    accept = {"accept": "application/x-bibtex"}
    owned = client.get(f"/dois/{draft}", headers=accept, auth=OWNER)
    assert owned.status_code == 200
    assert owned.text.startswith("@article{https://doi.org/10.5438/draft-1,")
    assert client.get(f"/dois/application/x-bibtex/{draft}", auth=OWNER).status_code == 200
    assert client.get(f"/dois/{draft}", headers=accept).status_code == 404
    assert client.get(f"/dois/{draft}", headers=accept, auth=OTHER).status_code == 404
    assert client.get(f"/dois/application/x-bibtex/{draft}").status_code == 404


def test_draft_is_never_visible_on_the_resolver(client: TestClient, draft: str) -> None:
    for path in (f"/{draft}", f"/application/x-bibtex/{draft}"):
        for headers in ({}, {"accept": "application/x-bibtex"}):
            response = client.get(path, headers=headers, auth=OWNER)
            assert response.status_code == 404, (path, headers)
            assert response.json()["errors"][0]["status"] == "404"


def test_registered_doi_is_not_resolved(client: TestClient, registered: str) -> None:
    assert client.get(f"/{registered}").status_code == 404
    assert (
        client.get(f"/{registered}", headers={"accept": "text/x-bibliography"}).status_code == 404
    )
    assert client.get(f"/text/x-bibliography/{registered}").status_code == 404
    owned = client.get(f"/dois/text/x-bibliography/{registered}", auth=OWNER)
    assert owned.status_code == 200


def test_draft_without_metadata_has_empty_datacite_xml(client: TestClient) -> None:
    response = client.post(
        "/dois", json={"data": {"type": "dois", "attributes": {"doi": "10.5438/bare"}}}, auth=OWNER
    )
    assert response.status_code == 201
    xml = client.get(
        "/dois/10.5438/bare",
        headers={"accept": "application/vnd.datacite.datacite+xml"},
        auth=OWNER,
    )
    assert xml.status_code == 200
    assert xml.content == b""
    citation = client.get("/dois/text/x-bibliography/10.5438/bare", auth=OWNER)
    assert citation.status_code == 200
    assert "https://doi.org/10.5438/bare" in citation.text


@pytest.mark.parametrize(
    "path",
    [
        "/10.5438/unknown",
        "/application/x-bibtex/10.5438/unknown",
        "/dois/application/x-bibtex/10.5438/unknown",
        "/dois/application/no-such-type/10.5438/08a0-3f64",
        "/no/such-type/10.5438/08a0-3f64",
    ],
)
def test_unknown_doi_or_type_is_404(client: TestClient, findable: str, path: str) -> None:
    response = client.get(path, headers={"accept": "application/x-bibtex"})
    assert response.status_code == 404
    assert response.json()["errors"][0]["title"] == (
        "The resource you are looking for doesn't exist."
    )


def test_unknown_accept_on_unknown_doi_is_406_on_dois(client: TestClient) -> None:
    response = client.get("/dois/10.5438/unknown", headers={"accept": "application/vnd.ms-excel"})
    assert response.status_code == 406


# -- the root routes do not shadow the others ----------------------------------------------


def test_root_routes_leave_other_endpoints_alone(client: TestClient, findable: str) -> None:
    assert client.get("/heartbeat").text == "OK"
    assert client.get("/").text == "DataCite REST API"
    assert client.get("/dois").json()["meta"]["total"] == 1
    assert client.get("/providers").status_code == 200
    assert client.get("/prefixes").status_code == 200
    mds = client.get(f"/doi/{findable}", auth=OWNER)
    assert mds.status_code == 200 and mds.text == LANDING
    metadata = client.get(f"/metadata/{findable}", auth=OWNER)
    assert metadata.status_code == 200 and "08A0-3F64" in metadata.text
    assert client.get("/no-such-route").status_code == 404
    assert client.post("/no-such-route").status_code == 404
    assert client.delete("/10.5438/08a0-3f64").status_code == 405
