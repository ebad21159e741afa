"""A seeded, realistic corpus for the search benchmark, loaded through the importer.

Distributions come from the real records of ``../shared/datacite-testdata``:
titles (many languages), creators with ORCID iDs and ROR affiliations,
publishers, subjects (with Fields of Science), descriptions, rights, funders and
related identifiers are drawn from them. Records are spread over many members
and repositories (a skewed, Zipf-like share per repository), resource types
are skewed like DataCite's (Dataset and Text dominate) and publication years
lean towards recent ones. Every repository has its own prefix.

    .venv/bin/python benchmarks/search_corpus.py --records 100000 --database URL
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_support import Accounts
from import_bench import Pools, _real_attributes

from doiregistry.harvest.importer import Importer, ImportOptions
from doiregistry.harvest.sources import SourceRecord
from doiregistry.storage import migrate
from doiregistry.storage.engine import Database

RESOURCE_TYPES = (
    ("Dataset", 40),
    ("Text", 22),
    ("Image", 8),
    ("Software", 6),
    ("Collection", 5),
    ("PhysicalObject", 5),
    ("JournalArticle", 4),
    ("Other", 3),
    ("Audiovisual", 2),
    ("Preprint", 2),
    ("Model", 1),
    ("Workflow", 1),
    ("Sound", 1),
)
RELATIONS = (
    "IsPartOf",
    "HasPart",
    "IsVersionOf",
    "HasVersion",
    "References",
    "Cites",
    "IsSupplementTo",
    "IsCitedBy",
    "IsDerivedFrom",
)
FUNDERS = (
    ("European Commission", "https://doi.org/10.13039/501100000780"),
    ("National Science Foundation", "https://doi.org/10.13039/100000001"),
    ("Deutsche Forschungsgemeinschaft", "https://doi.org/10.13039/501100001659"),
    ("Wellcome Trust", "https://doi.org/10.13039/100004440"),
    ("National Institutes of Health", "https://doi.org/10.13039/100000002"),
)


class Layout:
    """Members, repositories and prefixes of the corpus, with each repository's share."""

    def __init__(self, members: int, rng: random.Random) -> None:
        self.repositories: list[tuple[str, str, str]] = []  # (member, repository, prefix)
        prefix = 80000
        for m in range(members):
            member = "MEM" + "".join(chr(65 + int(c)) for c in f"{m:03d}")
            for r in range(1 + rng.randint(0, 4)):
                self.repositories.append((member, f"{member}.R{r}", f"10.{prefix}"))
                prefix += 1
        weights = [1 / (rank + 1) ** 0.9 for rank in range(len(self.repositories))]
        total = sum(weights)
        self.shares = [w / total for w in weights]


def _weighted(rng: random.Random, pairs: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def record(
    number: int, prefix: str, pools: Pools, rng: random.Random, extra: dict[str, list[Any]]
) -> dict[str, Any]:
    doi = f"{prefix}/b{number:07d}"
    year = min(2025, max(1980, int(2025 - rng.expovariate(1 / 7))))
    title = rng.choice(pools.titles)
    if rng.random() < 0.7:
        title = (
            f"{title} ({rng.choice(['part', 'volume', 'series', 'sample', 'run'])} {number % 997})"
        )
    general = _weighted(rng, RESOURCE_TYPES)
    creators = [
        dict(c) for c in rng.sample(pools.creators, k=min(len(pools.creators), rng.randint(1, 5)))
    ]
    if extra["orcid"] and rng.random() < 0.35:
        creators[0]["nameIdentifiers"] = [rng.choice(extra["orcid"])]
    if extra["ror"] and rng.random() < 0.3:
        creators[0]["affiliation"] = [rng.choice(extra["ror"])]
    attributes: dict[str, Any] = {
        "doi": doi,
        "url": f"https://example.org/records/{number}",
        "creators": creators,
        "titles": [{"title": title}],
        "publisher": rng.choice(pools.publishers),
        "publicationYear": year,
        "types": {
            "resourceTypeGeneral": general,
            "resourceType": rng.choice(["", "Measurements", "Survey data", "XML", "Report"]),
        },
        "subjects": rng.sample(pools.subjects, k=rng.randint(0, 3)),
        "dates": [{"date": str(year), "dateType": "Issued"}],
        "schemaVersion": "http://datacite.org/schema/kernel-4",
    }
    if rng.random() < 0.6:
        attributes["descriptions"] = [rng.choice(pools.descriptions)]
    if rng.random() < 0.5:
        attributes["language"] = rng.choice(pools.languages)
    if rng.random() < 0.5:
        attributes["rightsList"] = [rng.choice(pools.rights)]
    if rng.random() < 0.15:
        name, identifier = rng.choice(FUNDERS)
        attributes["fundingReferences"] = [
            {
                "funderName": name,
                "funderIdentifier": identifier,
                "funderIdentifierType": "Crossref Funder ID",
                "awardNumber": str(rng.randint(100000, 999999)),
            }
        ]
    if number > 10 and rng.random() < 0.25:
        target = f"{prefix}/b{rng.randint(0, number - 1):07d}"
        attributes["relatedIdentifiers"] = [
            {
                "relatedIdentifier": target,
                "relatedIdentifierType": "DOI",
                "relationType": rng.choice(RELATIONS),
            }
        ]
    return attributes


def _extras(records: list[dict[str, Any]]) -> dict[str, list[Any]]:
    orcid, ror = [], []
    for r in records:
        for c in (r.get("creators") or []) + (r.get("contributors") or []):
            for ni in c.get("nameIdentifiers") or []:
                if ni.get("nameIdentifierScheme") == "ORCID" and ni.get("nameIdentifier"):
                    orcid.append(ni)
            for a in c.get("affiliation") or []:
                if isinstance(a, dict) and a.get("affiliationIdentifierScheme") == "ROR":
                    ror.append(a)
    return {"orcid": orcid, "ror": ror}


def set_up(database: Database, layout: Layout) -> None:
    migrate.upgrade(database)
    accounts = Accounts(database)
    for member in sorted({m for m, _, _ in layout.repositories}):
        accounts.member(member)
    for member, repository, prefix in layout.repositories:
        accounts.repository(member, repository, prefix)


def load(
    database: Database, count: int, seed: int = 20261121, members: int = 40, workers: int = 2
) -> float:
    """Create the accounts and import ``count`` records; returns records/s of the import."""
    rng = random.Random(seed)
    layout = Layout(members, rng)
    set_up(database, layout)
    real = _real_attributes()
    pools, extra = Pools(real), _extras(real)
    counts = [0] * len(layout.repositories)
    for _ in range(count):
        counts[rng.choices(range(len(counts)), weights=layout.shares)[0]] += 1
    started = time.perf_counter()
    number = 0
    importer = Importer(database)
    for (_member, repository, prefix), share in zip(layout.repositories, counts, strict=True):

        def items(n: int = share, start: int = number, p: str = prefix) -> Iterator[SourceRecord]:
            for i in range(start, start + n):
                yield SourceRecord(f"gen:{i}", attributes=record(i, p, pools, rng, extra))

        options = ImportOptions(repository=repository.lower(), workers=workers)
        report = importer.run(items(), options)
        if report.rejected:
            raise SystemExit(f"{report.rejected} rejected, e.g. {report.rejections[0]}")
        number += share
    return count / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--database", required=True)
    parser.add_argument("--seed", type=int, default=20261121)
    args = parser.parse_args()
    database = Database.from_url(args.database)
    rate = load(database, args.records, args.seed)
    print(f"loaded {args.records} records at {rate:,.0f} records/s")


if __name__ == "__main__":
    main()
