"""Relation counts and related DOIs of records: both directions of a relation count once,
drafts do not count, empty groups are left out, DOIs only in detail mode (both backends)."""

from __future__ import annotations

from typing import Any

from tests.seed import seed_repository

from doiregistry.domain.doi_query import DoiQuery
from doiregistry.domain.principal import Principal, Role
from doiregistry.registry.dois.attribute_reader import read_attributes
from doiregistry.registry.dois.service import DoiService
from doiregistry.search.dois.service import DoiSearch
from doiregistry.storage.engine import Database

OWNER = Principal(
    Role.CLIENT_ADMIN,
    uid="datacite.test",
    client_id="datacite.test",
    provider_ids=frozenset({"datacite"}),
)


def _save(service: DoiService, doi: str, related: list[tuple[str, str]], publish: bool) -> None:
    attributes: dict[str, Any] = {
        "titles": [{"title": f"Record {doi}"}],
        "creators": [{"name": "Fenner, Martin"}],
        "publisher": "DataCite",
        "publicationYear": 2020,
        "types": {"resourceTypeGeneral": "Dataset"},
        "relatedIdentifiers": [
            {"relatedIdentifier": other, "relatedIdentifierType": "DOI", "relationType": kind}
            for kind, other in related
        ],
    }
    if publish:
        attributes.update(event="publish", url="https://example.org/x")
    service.save(OWNER, read_attributes(attributes), path_doi=doi)


def test_counts_and_related_dois(database: Database) -> None:
    seed_repository(database)
    service = DoiService(database)
    _save(service, "10.5438/cited", [("IsCitedBy", "10.5438/citing-a")], publish=True)
    _save(service, "10.5438/citing-a", [("Cites", "10.5438/cited")], publish=True)
    _save(service, "10.5438/citing-b", [("References", "10.5438/cited")], publish=True)
    _save(service, "10.5438/draft", [("Cites", "10.5438/cited")], publish=False)
    _save(service, "10.5438/part", [("IsPartOf", "10.5438/cited")], publish=True)
    search = DoiSearch(database)
    listed = search.search(OWNER, DoiQuery(query="doi:10.5438/cited", detail=True))
    (record,) = listed.records
    assert listed.counts[record.id] == {"citationCount": 2, "partCount": 1}
    assert listed.related[record.id] == {
        "citations": ["10.5438/citing-a", "10.5438/citing-b"],
        "parts": ["10.5438/part"],
    }
    brief = search.search(OWNER, DoiQuery(query="doi:10.5438/cited"))
    assert brief.counts == listed.counts and brief.related == {}
    single = search.relations([record])
    assert (single.counts, single.related) == (listed.counts, listed.related)
