"""The MDS service's own checks: the parameters of a URL registration and of media (MDS §3).

The routes only read the request; these rules answer before anything is stored.
"""

from __future__ import annotations

import pytest
from tests.seed import seed_repository

from doiregistry.domain.errors import BadRequest, Forbidden, NotFound
from doiregistry.domain.nul_text import NUL_IN_BODY
from doiregistry.domain.principal import Principal, Role
from doiregistry.registry.dois.mds import NO_MEDIA, MdsService
from doiregistry.registry.dois.service import DoiService
from doiregistry.storage.engine import Database

OWNER = Principal(Role.CLIENT_ADMIN, uid="datacite.test", client_id="datacite.test")
MEMBER = Principal(Role.PROVIDER_ADMIN, uid="datacite", provider_ids=frozenset({"datacite"}))
DOI = "10.5438/mds-1"
XML = f"""<?xml version="1.0" encoding="UTF-8"?>
<resource xmlns="http://datacite.org/schema/kernel-4">
  <identifier identifierType="DOI">{DOI.upper()}</identifier>
  <creators><creator><creatorName>Doe, Jane</creatorName></creator></creators>
  <titles><title>MDS</title></titles>
  <publisher>Example</publisher>
  <publicationYear>2024</publicationYear>
  <resourceType resourceTypeGeneral="Dataset"/>
</resource>""".encode()


@pytest.fixture
def mds(database: Database) -> MdsService:
    seed_repository(database)
    return MdsService(DoiService(database))


@pytest.mark.parametrize(
    ("path_doi", "doi", "url", "message"),
    [
        (DOI, None, "https://example.org/", "param 'doi' required"),
        (DOI, "", "https://example.org/", "param 'doi' required"),
        (DOI, DOI, None, "param 'url' required"),
        (
            DOI,
            "10.5438/other",
            "https://example.org/",
            "doi parameter does not match doi of resource",
        ),
        (None, DOI, "mailto:a@example.org", "Not a valid HTTP(S) or FTP URL"),
        (DOI, DOI, "example.org/x", "Not a valid HTTP(S) or FTP URL"),
    ],
)
def test_register_url_parameter_errors(
    mds: MdsService, path_doi: str | None, doi: str | None, url: str | None, message: str
) -> None:
    with pytest.raises(BadRequest) as raised:
        mds.register_url(OWNER, path_doi, doi, url)
    assert raised.value.title == message


def test_parameters_are_checked_before_the_callers_role(mds: MdsService) -> None:
    with pytest.raises(BadRequest):
        mds.register_url(MEMBER, DOI, None, "https://example.org/")
    with pytest.raises(Forbidden):
        mds.register_url(MEMBER, DOI, DOI, "https://example.org/")


def test_a_nul_in_the_url_is_refused(mds: MdsService) -> None:
    with pytest.raises(BadRequest) as raised:
        mds.register_url(OWNER, DOI, DOI, "https://example.org/a\x00b")
    assert raised.value.title == NUL_IN_BODY


def test_the_path_doi_matches_in_any_case_and_registering_publishes(mds: MdsService) -> None:
    mds.upload_metadata(OWNER, DOI, XML)
    record = mds.register_url(OWNER, DOI.upper(), f" {DOI} ", "https://example.org/x")
    assert (record.state, record.url, record.source) == ("findable", "https://example.org/x", "mds")


def test_media_needs_one_pair_and_a_doi_without_media_is_404(mds: MdsService) -> None:
    mds.upload_metadata(OWNER, DOI, XML)
    with pytest.raises(NotFound) as missing:
        mds.media(OWNER, DOI)
    assert missing.value.title == NO_MEDIA
    with pytest.raises(BadRequest) as empty:
        mds.add_media_list(OWNER, DOI, [])
    assert empty.value.title == "param 'media' required"
    mds.add_media_list(OWNER, DOI, [("text/csv", "https://e.org/a.csv"), ("", "https://e.org/b")])
    assert sorted((item.media_type, item.url) for item in mds.media(OWNER, DOI)) == [
        ("text/csv", "https://e.org/a.csv"),
        ("text/plain", "https://e.org/b"),
    ]
