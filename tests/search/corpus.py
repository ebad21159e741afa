"""A shared corpus of real DataCite records, registered through the DOI service.

Every XSD-valid kernel-4 record of the test data becomes a DOI of one of two
repositories (two members, two prefixes); a few become drafts or registered
(hidden) DOIs, and a handful are linked by related identifiers so that the
derived counts have something to count.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from tests.postgres import throwaway_database
from tests.seed import seed_repository

from doiregistry.domain.principal import Principal, Role
from doiregistry.registry.dois.attribute_reader import read_attributes
from doiregistry.registry.dois.service import DoiService
from doiregistry.search.query.reference import Record
from doiregistry.search.sql.relations import GROUPS
from doiregistry.storage import migrate
from doiregistry.storage.engine import Database
from doiregistry.storage.tables import dois, providers

TESTDATA = Path(__file__).resolve().parents[2].parent / "shared" / "datacite-testdata"
REPOSITORIES = (("datacite.test", "10.5438"), ("example.repo", "10.14454"))


@dataclass
class Corpus:
    database: Database
    dois: list[str]


def principal(repository: str) -> Principal:
    return Principal(
        Role.CLIENT_ADMIN,
        uid=repository,
        client_id=repository,
        provider_ids=frozenset({repository.split(".")[0]}),
    )


def valid_kernel_4_files() -> list[Path]:
    manifest = json.loads((TESTDATA / "manifest.json").read_text())
    files = [
        TESTDATA / entry["dest"]
        for entry in manifest
        if entry["dest"].startswith("xml/")
        and str(entry.get("validation", "")).startswith("valid:kernel-4")
    ]
    return sorted(files)


def load(database: Database, limit: int | None = None) -> Corpus:
    for repository, prefix in REPOSITORIES:
        seed_repository(database, repository, "secret", prefix)
    service = DoiService(database)
    names: list[str] = []
    files = valid_kernel_4_files()[:limit]
    for index, path in enumerate(files):
        repository, prefix = REPOSITORIES[index % 2]
        doi = f"{prefix}/rec-{index:03d}"
        event = "publish" if index % 7 else ("register" if index % 14 else None)
        attributes: dict[str, Any] = {
            "xml": base64.b64encode(path.read_bytes()).decode(),
            "url": f"https://example.org/{index}",
        }
        if event:
            attributes["event"] = event
        service.save(principal(repository), read_attributes(attributes), path_doi=doi)
        names.append(doi)
    # relations between stored records: rec-001 cites rec-003 and rec-005; rec-003 has part rec-005
    links = {
        names[1]: [(names[3], "Cites"), (names[5], "References")],
        names[3]: [(names[5], "HasPart"), (names[1], "IsCitedBy")],
        names[9]: [(names[1], "IsVersionOf")],
    }
    for source, targets in links.items():
        repository = REPOSITORIES[names.index(source) % 2][0]
        related = [
            {"relatedIdentifier": target, "relatedIdentifierType": "DOI", "relationType": kind}
            for target, kind in targets
        ]
        body = read_attributes({"relatedIdentifiers": related})
        service.save(principal(repository), body, path_doi=source)
    return Corpus(database, names)


@contextmanager
def corpus_on(
    backend: str, tmp_path_factory: pytest.TempPathFactory, limit: int | None = None
) -> Iterator[Corpus]:
    """A new store on ``backend`` (``sqlite`` or ``postgresql``) holding the corpus
    (its first ``limit`` records), dropped afterwards."""
    if backend == "sqlite":
        path: Path = tmp_path_factory.mktemp("corpus") / "corpus.db"
        database = Database.from_url(f"sqlite:///{path}")
        migrate.upgrade(database)
        try:
            yield load(database, limit)
        finally:
            database.dispose()
        return
    with throwaway_database("corpus") as url:
        database = Database.from_url(url)
        try:
            migrate.upgrade(database)
            yield load(database, limit)
        finally:
            database.dispose()


def reference_records(database: Database) -> list[Record]:
    """Every stored DOI as the reference evaluator sees it, with its relation counts."""
    with database.read() as connection:
        consortium = dict(
            connection.execute(select(providers.c.id, providers.c.consortium_id)).all()
        )
        rows = list(connection.execute(select(dois)).mappings())
    by_doi = {row["doi"]: row for row in rows}
    findable = {row["doi"] for row in rows if row["state"] == "findable"}
    pairs: dict[str, dict[str, set[str]]] = {row["doi"]: {g: set() for g in GROUPS} for row in rows}
    for row in rows:
        for item in row["attributes"].get("relatedIdentifiers") or []:
            target = str(item.get("relatedIdentifier", "")).lower()
            if (
                item.get("relatedIdentifierType") != "DOI"
                or target not in by_doi
                or target == row["doi"]
            ):
                continue
            for group, (outgoing, incoming) in GROUPS.items():
                if item.get("relationType") in outgoing and target in findable:
                    pairs[row["doi"]][group].add(target)
                if item.get("relationType") in incoming and row["doi"] in findable:
                    pairs[target][group].add(row["doi"])
    names = {
        "citations": "citations",
        "references": "references",
        "parts": "parts",
        "partOf": "partOf",
        "versions": "versions",
        "versionOf": "versionOf",
    }
    records = []
    for row in rows:
        columns = dict(row)
        columns["consortium_id"] = consortium.get(row["provider_id"])
        columns["agency"] = "datacite"
        records.append(
            Record(
                columns=columns,
                attributes=row["attributes"],
                content_url=row["content_url"],
                landing_page=row["landing_page"],
                counts={names[g]: len(p) for g, p in pairs[row["doi"]].items()},
            )
        )
    return records
