"""Search benchmark: latency of ``GET /dois`` query classes over HTTP, and cursor-walk throughput.

Loads N generated DOIs (``search_corpus.py``) into the store if it is empty,
starts ``doiregistry serve`` on a loopback port, warms up, then measures each
query class (the issue's seed-style queries, browsing with filters) with and
without the 18 default facets, and walks the whole store with
``page[cursor]`` at ``page[size]=1000``.

    .venv/bin/python benchmarks/search_bench.py --records 100000 --database URL
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx2
import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))

from search_corpus import load
from sqlalchemy import func, select

from doiregistry.storage import migrate
from doiregistry.storage.engine import Database
from doiregistry.storage.tables import dois

ROOT = Path(__file__).resolve().parents[1]
SEED_QUERIES = (
    "publicationYear:2016",
    "creators.nameIdentifiers.nameIdentifierScheme:ORCID",
    "climate",
    "creators.nameIdentifiers.nameIdentifier:*",
    "creators.familyName:mil*",
    "titles.title:(climate +change)",
    "(titles.title:(climate AND change) OR descriptions.description:(climate AND change))"
    " AND (publicationYear:2023)",
    "publisher:DataCite",
    "doi:10.80000/b0000042",
    "creators.affiliation.name:DataCite",
    'titles.title:"CrowdoMeter Tweets"',
    "types.resourceTypeGeneral:Software AND types.resourceType:XML",
    "publisher:DataCite AND types.resourceTypeGeneral:(Text OR Dataset)",
    "subjects.subject:robot*",
    'creators.name:"Fenner, Martin" AND relatedIdentifiers.relationType:HasPart',
    "updated:[2023-01-01 TO 2023-03-31]",
    "publicationYear:[2010 TO *]",
    "_exists_:fundingReferences",
)
BROWSE = (
    {},
    {"resource-type-id": "dataset"},
    {"client-id": "memaaa.r0"},
    {"provider-id": "memaab", "published": "2020,2024"},
    {"sort": "name"},
    {"affiliation-id": "ror.org/04wxnsj81"},
)


def _count(url: str) -> int:
    database = Database.from_url(url)
    try:
        migrate.upgrade(database)
        with database.read() as connection:
            return int(connection.execute(select(func.count()).select_from(dois)).scalar_one())
    finally:
        database.dispose()


def _serve(url: str, port: int) -> subprocess.Popen[bytes]:
    command = [
        str(ROOT / ".venv" / "bin" / "doiregistry"),
        "serve",
        "--database",
        url,
        "--port",
        str(port),
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx2.get(f"http://127.0.0.1:{port}/heartbeat", timeout=1).status_code == 200:
                return process
        except httpx2.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("server did not start")


def _timed(client: httpx2.Client, params: dict[str, str]) -> float:
    started = time.perf_counter()
    response = client.get("/dois", params=params)
    elapsed = time.perf_counter() - started
    if response.status_code != 200:
        raise SystemExit(f"{params}: {response.status_code} {response.text[:300]}")
    return elapsed * 1000


def _summary(name: str, samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    median = statistics.median(ordered)
    return f"| {name} | {len(samples)} | {median:.0f} | {p95:.0f} | {ordered[-1]:.0f} |"


def measure(base: str, repeat: int) -> list[str]:
    rows = ["| query class | requests | p50 ms | p95 ms | max ms |", "|---|---|---|---|---|"]
    with httpx2.Client(base_url=base, timeout=300) as client:
        started = time.perf_counter()
        _timed(client, {"disable-facets": "false", "page[size]": "1"})
        first = (time.perf_counter() - started) * 1000
        rows.append(f"| first request with facets (builds the facet index) | 1 | {first:.0f} | | |")
        classes: dict[str, list[dict[str, str]]] = {
            "seed queries, no facets": [
                {"query": q, "disable-facets": "true"} for q in SEED_QUERIES
            ],
            "seed queries, 18 facets": [
                {"query": q, "disable-facets": "false"} for q in SEED_QUERIES
            ],
            "browse + filters, no facets": [{**b, "disable-facets": "true"} for b in BROWSE],
            "browse + filters, 18 facets": [{**b, "disable-facets": "false"} for b in BROWSE],
        }
        slowest: list[tuple[float, str]] = []
        for name, requests in classes.items():
            for params in requests:  # warm
                _timed(client, params)
            per_request = [[_timed(client, params) for _ in range(repeat)] for params in requests]
            rows.append(_summary(name, [ms for samples in per_request for ms in samples]))
            slowest += [
                (statistics.median(samples), f"{name}: {params}")
                for samples, params in zip(per_request, requests, strict=True)
            ]
        walked, started = 0, time.perf_counter()
        params = {"page[cursor]": "1", "page[size]": "1000", "disable-facets": "true"}
        while True:
            # orjson, as a harvesting client would use: the stdlib parser alone takes
            # about as long per 1,000 records as the server needs to produce them
            body: dict[str, Any] = orjson.loads(client.get("/dois", params=params).content)
            walked += len(body["data"])
            nxt = body["links"].get("next")
            if not nxt:
                break
            params = dict(httpx2.URL(nxt).params)
        seconds = time.perf_counter() - started
        rate = walked / seconds
        rows.append(
            f"| cursor walk, page[size]=1000 | {walked} records | {rate:,.0f} records/s | | |"
        )
    rows.append("")
    rows.append("slowest requests (median ms):")
    rows += [f"  {ms:7.0f}  {what}" for ms, what in sorted(slowest, reverse=True)[:8]]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--database", required=True)
    parser.add_argument("--port", type=int, default=8931)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    present = _count(args.database)
    if present == 0:
        started = time.perf_counter()
        rate = load(Database.from_url(args.database), args.records)
        seconds = time.perf_counter() - started
        print(f"loaded {args.records} records in {seconds:.0f} s ({rate:,.0f}/s)")
    else:
        print(f"store already holds {present} DOIs")
    server = _serve(args.database, args.port)
    try:
        for row in measure(f"http://127.0.0.1:{args.port}", args.repeat):
            print(row)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"machine: {os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
