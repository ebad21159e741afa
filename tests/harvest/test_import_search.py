"""Imported DOIs are searchable and counted in facets as soon as the import returns."""

from __future__ import annotations

from tests.factories import Services, make_repository

from doiregistry.domain.doi_query import DoiQuery
from doiregistry.domain.principal import ANONYMOUS
from doiregistry.harvest.importer import Importer, ImportOptions
from doiregistry.harvest.sources import SourceRecord
from doiregistry.search.dois.service import DoiSearch
from doiregistry.storage.engine import Database


def _attributes(doi: str, title: str, year: int) -> dict[str, object]:
    return {
        "doi": doi,
        "url": f"https://example.org/{doi}",
        "creators": [{"name": "Doe, Jane", "nameType": "Personal"}],
        "titles": [{"title": title}],
        "publisher": "Example Publisher",
        "publicationYear": year,
        "types": {"resourceTypeGeneral": "Dataset"},
        "subjects": [{"subject": "Glaciology"}],
    }


def test_imported_records_are_found_and_faceted(database: Database) -> None:
    make_repository(Services.over(database))
    items = [
        SourceRecord("test:1", attributes=_attributes("10.5438/imp-1", "Glacier melt rates", 2021)),
        SourceRecord("test:2", attributes=_attributes("10.5438/imp-2", "Ocean heat content", 2022)),
    ]
    report = Importer(database).run(items, ImportOptions(repository="datacite.test"))
    assert report.created == 2
    search = DoiSearch(database)
    found = search.search(ANONYMOUS, DoiQuery(query="glacier", disable_facets=False))
    assert [record.doi for record in found.records] == ["10.5438/imp-1"]
    assert found.facets["published"] == [{"id": "2021", "title": "2021", "count": 1}]
    everything = search.search(ANONYMOUS, DoiQuery(query="subjects.subject:glaciology"))
    assert everything.total == 2
    again = [
        SourceRecord("test:3", attributes=_attributes("10.5438/imp-2", "Sea ice extent", 2022))
    ]
    Importer(database).run(again, ImportOptions(repository="datacite.test"))
    assert search.search(ANONYMOUS, DoiQuery(query="ocean")).total == 0
    assert [r.doi for r in search.search(ANONYMOUS, DoiQuery(query="sea ice")).records] == [
        "10.5438/imp-2"
    ]
