"""Stores for OAI-PMH tests: DOIs in several repositories, loaded fast with the importer.

Every record is checked and written by :class:`~doiregistry.harvest.importer.Importer`
(one transaction per batch, so the records of a batch share their
``updated`` time and the DOI decides their order). Records ``i`` of a store
are spread over the repositories round-robin; one in ten is registered
(hidden), one in twenty-five a draft.
"""

from __future__ import annotations

from sqlalchemy import select
from tests.seed import seed_repository

from doiregistry.harvest.importer import Importer, ImportOptions
from doiregistry.harvest.sources import SourceRecord
from doiregistry.storage.engine import Database
from doiregistry.storage.tables import dois

#: repository, prefix (members: DATACITE with two repositories, EXAMPLE with one)
REPOSITORIES = (
    ("datacite.test", "10.5438"),
    ("datacite.more", "10.5439"),
    ("example.repo", "10.14454"),
)
TYPES = ("Dataset", "Software", "Text", "Image")


def state_of(number: int) -> str:
    if number % 25 == 3:
        return "draft"
    if number % 10 == 5:
        return "registered"
    return "findable"


def record(number: int, prefix: str, *, title: str | None = None) -> SourceRecord:
    doi = f"{prefix}/oai-{number:05d}"
    attributes = {
        "doi": doi,
        "url": f"https://example.org/{number}",
        "creators": [{"name": f"Creator {number % 97}, A.", "nameType": "Personal"}],
        "titles": [{"title": title or f"Record number {number}"}],
        "publisher": {"name": "Example Publisher"},
        "publicationYear": 2000 + number % 25,
        "types": {"resourceTypeGeneral": TYPES[number % len(TYPES)]},
        "subjects": [{"subject": f"subject {number % 7}"}],
    }
    return SourceRecord(f"record {number}", attributes=attributes)


def seed(database: Database) -> None:
    for repository, prefix in REPOSITORIES:
        seed_repository(database, repository, "secret", prefix)


def load(database: Database, count: int, *, start: int = 0, batch_size: int = 500) -> None:
    """Records ``start`` … ``start + count - 1`` (repositories must be seeded)."""
    importer = Importer(database)
    for index, (repository, prefix) in enumerate(REPOSITORIES):
        numbers = [n for n in range(start, start + count) if n % len(REPOSITORIES) == index]
        for state in ("findable", "registered", "draft"):
            items = [record(n, prefix) for n in numbers if state_of(n) == state]
            if not items:
                continue
            report = importer.run(
                items, ImportOptions(repository, state=state, batch_size=batch_size)
            )
            assert report.rejected == 0, report.rejections[:3]


def harvestable(database: Database) -> dict[str, bool]:
    """OAI identifier → deleted, for every DOI a full harvest must list."""
    with database.read() as connection:
        rows = connection.execute(
            select(dois.c.doi, dois.c.state).where(dois.c.state != "draft")
        ).all()
    return {f"doi:{row.doi}": row.state != "findable" for row in rows}
