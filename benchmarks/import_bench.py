"""Benchmark of ``doiregistry import``: a generated JSON-lines file into fresh stores.

Generates N realistic DOI records (default 100,000) as JSON lines, gzip-compressed,
in the shape of DataCite's public data file (one JSON:API ``dois`` resource per
line, metadata attributes only). Titles, creators, publishers, subjects,
descriptions, resource types and languages are drawn, with a fixed seed, from
the real records of ``../shared/datacite-testdata``; years are spread over
1990-2025. Then it times the ``doiregistry import`` command into a fresh SQLite
file and a fresh PostgreSQL database, each holding one member, repository and
prefix made through the services.

    .venv/bin/python benchmarks/import_bench.py [--records N] [--postgres URL]

PostgreSQL is skipped when no URL is given (``--postgres`` or
``DOIREGISTRY_TEST_POSTGRES_URL``); the URL names a server where the benchmark
may create and drop a database.
"""

from __future__ import annotations

import argparse
import base64
import gzip
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_support import Accounts, drop_postgres_database, machine, postgres_database

from doiregistry.metadata.reader import xml_to_attributes
from doiregistry.storage import migrate
from doiregistry.storage.engine import Database

ROOT = Path(__file__).resolve().parents[1]
TESTDATA = ROOT.parent / "shared" / "datacite-testdata"
PREFIX = "10.5438"
REPOSITORY = "BENCH.REPO"


# -- the corpus ------------------------------------------------------------------------------


def _real_attributes() -> list[dict[str, Any]]:
    """Metadata of the real kernel-4 records and recorded API responses in the test data."""
    found: list[dict[str, Any]] = []
    for path in sorted((TESTDATA / "xml").rglob("*.xml")):
        try:
            attributes = xml_to_attributes(path.read_bytes().strip())
        except Exception:  # broken fixtures are part of the test data
            continue
        if attributes.get("titles") and attributes.get("creators"):
            found.append(attributes)
    for path in sorted((TESTDATA / "json" / "api").rglob("*.json")):
        data = json.loads(path.read_text()).get("data")
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and item.get("type") == "dois":
                xml = item.get("attributes", {}).get("xml")
                if xml:
                    try:
                        found.append(xml_to_attributes(base64.b64decode(xml).strip()))
                    except Exception:
                        continue
    return found


class Pools:
    """Values of each field, collected from the real records."""

    def __init__(self, records: list[dict[str, Any]]) -> None:
        self.titles = [t["title"] for r in records for t in r.get("titles") or [] if t.get("title")]
        self.creators = [
            c
            for r in records
            for c in r.get("creators") or []
            if c.get("name") and len(json.dumps(c)) < 2000
        ]
        self.publishers = [
            r["publisher"] for r in records if (r.get("publisher") or {}).get("name", "").strip()
        ]
        self.subjects = [s for r in records for s in r.get("subjects") or [] if s.get("subject")]
        self.descriptions = [
            d
            for r in records
            for d in r.get("descriptions") or []
            if d.get("description") and len(d["description"]) < 3000
        ]
        self.types = [
            r["types"]
            for r in records
            if isinstance(r.get("types"), dict) and r["types"].get("resourceTypeGeneral")
        ]
        self.languages = [r["language"] for r in records if r.get("language")]
        self.rights = [x for r in records for x in r.get("rightsList") or [] if x.get("rights")]


def _record(number: int, pools: Pools, rng: random.Random) -> dict[str, Any]:
    doi = f"{PREFIX}/bench-{number:07d}"
    year = rng.randint(1990, 2025)
    title = rng.choice(pools.titles)
    if rng.random() < 0.7:  # most titles differ, as in real data
        title = f"{title} ({rng.choice(['part', 'volume', 'series', 'sample'])} {number})"
    attributes: dict[str, Any] = {
        "doi": doi,
        "url": f"https://example.org/records/{number}",
        "creators": rng.sample(pools.creators, k=min(len(pools.creators), rng.randint(1, 5))),
        "titles": [{"title": title}],
        "publisher": rng.choice(pools.publishers),
        "publicationYear": year,
        "types": rng.choice(pools.types),
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
    return {"id": doi, "type": "dois", "attributes": attributes}


def generate(path: Path, count: int, seed: int) -> None:
    """Write ``count`` records as gzip-compressed JSON lines."""
    pools = Pools(_real_attributes())
    rng = random.Random(seed)
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for number in range(count):
            out.write(json.dumps(_record(number, pools, rng), ensure_ascii=False) + "\n")


# -- the stores ------------------------------------------------------------------------------


def set_up(url: str) -> None:
    """Migrate a fresh store and give it the benchmark member, repository and prefix."""
    database = Database.from_url(url)
    try:
        migrate.upgrade(database)
        accounts = Accounts(database)
        accounts.member("BENCH", "Benchmark member")
        accounts.repository("BENCH", REPOSITORY, PREFIX, "Benchmark repository")
    finally:
        database.dispose()


def _load() -> str:
    loadavg = Path("/proc/loadavg")
    return loadavg.read_text().split(" ")[0] if loadavg.exists() else "?"


def run_import(corpus: Path, url: str, extra: list[str]) -> tuple[float, float, str]:
    """Wall and CPU seconds (all its processes) of ``doiregistry import``; its summary."""
    command = [
        str(Path(sys.executable).with_name("doiregistry")),
        "import",
        str(corpus),
        "--repository",
        REPOSITORY,
        "--database",
        url,
        *extra,
    ]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if result.returncode not in (0, 1):  # 1: some records were rejected (listed)
        raise SystemExit(f"import failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return elapsed, cpu, result.stdout.splitlines()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20261121)
    parser.add_argument("--postgres", default=os.environ.get("DOIREGISTRY_TEST_POSTGRES_URL"))
    parser.add_argument("--corpus", type=Path, help="reuse (or keep) the generated file here")
    parser.add_argument("--workers", type=int, help="passed on to doiregistry import")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="import-bench-") as scratch:
        corpus = args.corpus or Path(scratch) / "dois.jsonl.gz"
        if not corpus.exists():
            started = time.perf_counter()
            generate(corpus, args.records, args.seed)
            print(f"generated {args.records:,} records in {time.perf_counter() - started:.1f} s")
        print(f"corpus: {corpus.stat().st_size / 1e6:.1f} MB gzip-compressed JSON lines")
        print(f"machine: {machine()}")

        extra = ["--workers", str(args.workers)] if args.workers else []
        runs: list[tuple[str, str, str | None]] = [
            ("sqlite", f"sqlite:///{Path(scratch) / 'bench.db'}", None)
        ]
        if args.postgres:
            runs.append(("postgresql", *postgres_database(args.postgres, "bench")))
        for backend, url, database_name in runs:
            try:
                set_up(url)
                load = _load()
                elapsed, cpu, summary = run_import(corpus, url, extra)
                print(
                    f"{backend}: {elapsed:.1f} s wall, {args.records / elapsed:,.0f} records/s; "
                    f"{cpu:.1f} s CPU in doiregistry processes; load average {load} -> {_load()}"
                )
                print(f"  {summary}")
            finally:
                if database_name is not None:
                    drop_postgres_database(args.postgres, database_name)


if __name__ == "__main__":
    main()
