"""Benchmark of the OAI-PMH provider: a full ``ListRecords`` harvest over HTTP, one client.

Loads N DOIs (default 1,000,000) into a fresh SQLite file and a fresh
PostgreSQL database, starts ``doiregistry serve`` on each in its own process,
and harvests every page of ``ListRecords`` with ``metadataPrefix=oai_datacite``
(gzip accepted, each response parsed with lxml as a harvester would) until the
resumption token runs out. Records per second is records harvested divided
by the wall time of the whole harvest. The harvest starts once the server has
finished its start-up work (the facet index), and the CPU time of the server
and of the client is reported beside the rate. Shorter runs follow: the first
100,000 records of ``ListIdentifiers`` and of ``ListRecords`` with ``oai_dc``.

The records are the XSD-valid kernel-4 records of ``../shared/datacite-testdata``,
each checked and normalised as the import does (:func:`doiregistry.harvest.prepare.prepare`),
repeated under new DOIs with the identifier in the XML changed, and written
with the importer's bulk writes (:mod:`doiregistry.storage.bulk_records`),
in transactions of 10,000 (records over 100 KB, i.e. one 2.6 MB test record,
are left out). They belong to three repositories of two members;
one in 20 is registered (a deleted record in OAI-PMH), one in 50 a draft
(never harvested); four records share each ``updated`` timestamp, so the
order's tie-break on the DOI is exercised. The search index is not written
(OAI-PMH without query sets does not read it).

    .venv/bin/python benchmarks/oai_bench.py [--records N] [--postgres URL] [--keep DIR]

PostgreSQL is skipped when no URL is given (``--postgres`` or
``DOIREGISTRY_TEST_POSTGRES_URL``); the URL names a server where the benchmark
may create and drop a database. ``--keep DIR`` keeps (and reuses) the SQLite
file there, ``--keep-postgres NAME`` the PostgreSQL database of that name
(created when missing).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx2
from bench_support import Accounts, drop_postgres_database, machine, postgres_database
from lxml import etree
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from doiregistry.harvest.prepare import PreparedRecord, PrepareSettings, prepare
from doiregistry.harvest.sources import SourceRecord
from doiregistry.storage import bulk_records, migrate
from doiregistry.storage.engine import Database
from doiregistry.storage.tables import dois

ROOT = Path(__file__).resolve().parents[1]
TESTDATA = ROOT.parent / "shared" / "datacite-testdata"
OAI = "{http://www.openarchives.org/OAI/2.0/}"
#: member symbol, its repositories with their prefixes
MEMBERS = (
    ("OAIA", (("OAIA.ONE", "10.5438"), ("OAIA.TWO", "10.5439"))),
    ("OAIB", (("OAIB.ONE", "10.14454"),)),
)
REPOSITORIES = [pair for _, pairs in MEMBERS for pair in pairs]
BATCH = 10_000
BASE_TIME = datetime(2024, 1, 1, tzinfo=UTC)
#: records larger than this are left out (one 2.6 MB test record would be 7,000 copies)
MAX_TEMPLATE_BYTES = 100_000
IDENTIFIER = re.compile(r'(<identifier identifierType="DOI">)[^<]*(</identifier>)')


# -- the records -----------------------------------------------------------------------------


def templates() -> list[PreparedRecord]:
    """The XSD-valid kernel-4 records of the test data, prepared as the import prepares them."""
    manifest = json.loads((TESTDATA / "manifest.json").read_text())
    files = sorted(
        TESTDATA / entry["dest"]
        for entry in manifest
        if entry["dest"].startswith("xml/")
        and str(entry.get("validation", "")).startswith("valid:kernel-4")
    )
    settings = PrepareSettings(
        state="findable", client_id="x", domains="*", url_template="https://example.org/{doi}"
    )
    prepared = []
    for path in files:
        outcome = prepare(SourceRecord(str(path), xml=path.read_bytes()), settings)
        small = isinstance(outcome, PreparedRecord) and len(outcome.xml or "") in range(
            1, MAX_TEMPLATE_BYTES + 1
        )
        if small:
            prepared.append(outcome)  # type: ignore[arg-type]
    return prepared


def rows(templates_: list[PreparedRecord], start: int, stop: int) -> list[dict[str, Any]]:
    """The ``dois`` rows of records ``start`` … ``stop - 1``."""
    out = []
    for number in range(start, stop):
        template = templates_[number % len(templates_)]
        repository, prefix = REPOSITORIES[number % len(REPOSITORIES)]
        doi = f"{prefix}/oai-{number:07d}"
        state = "registered" if number % 20 == 0 else "findable"
        if number % 50 == 7:
            state = "draft"
        xml = IDENTIFIER.sub(rf"\g<1>{doi.upper()}\g<2>", template.xml or "")
        stamp = BASE_TIME + timedelta(milliseconds=100 * (number // 4))
        out.append(
            {
                "doi": doi,
                "prefix": prefix,
                "suffix": doi.partition("/")[2],
                "client_id": repository.lower(),
                "provider_id": repository.split(".")[0].lower(),
                "state": state,
                "url": f"https://example.org/{doi}",
                "xml": xml,
                "attributes": template.attributes,
                "schema_version": template.schema_version,
                "metadata_version": 0,
                "source": "bench",
                "reason": None,
                "content_url": None,
                "landing_page": None,
                "publication_year": None,
                "resource_type_id": None,
                "published": None,
                "created": stamp,
                "updated": stamp,
                "registered": stamp if state != "draft" else None,
            }
        )
    return out


# -- the stores ------------------------------------------------------------------------------


def set_up(database: Database) -> None:
    """Members, prefixes and repositories, made through the services."""
    accounts = Accounts(database)
    for member, repositories in MEMBERS:
        accounts.member(member)
        for repository, prefix in repositories:
            accounts.repository(member, repository, prefix)


def load(database: Database, count: int) -> float:
    """Write ``count`` records (skipped when the store already holds them); seconds taken."""
    migrate.upgrade(database)
    with database.read() as connection:
        held = connection.execute(select(func.count()).select_from(dois)).scalar_one()
    if held >= count:
        return 0.0
    if held == 0:
        set_up(database)
    pool = templates()
    # every template's attributes are written many times: serialise each once
    encoded: dict[int, str] = {}

    def dumps(value: Any) -> str:
        key = id(value)
        if key not in encoded:
            encoded[key] = json.dumps(value)
        return encoded[key]

    database.engine.dialect._json_serializer = dumps  # type: ignore[attr-defined]
    started = time.perf_counter()
    for first in range(held, count, BATCH):
        batch = rows(pool, first, min(count, first + BATCH))
        with database.write() as connection:
            bulk_records.insert_rows(connection, batch, datetime.now(UTC))
        done = min(count, first + BATCH)
        if done % 100_000 == 0 or done == count:
            rate = (done - held) / (time.perf_counter() - started)
            print(f"  loaded {done:,} records ({rate:,.0f}/s)", flush=True)
    if database.dialect == "postgresql":
        with database.engine.connect().execution_options(
            isolation_level="AUTOCOMMIT"
        ) as connection:
            connection.execute(text("VACUUM ANALYZE dois"))
    return time.perf_counter() - started


# -- the harvest -----------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def serve(url: str) -> tuple[subprocess.Popen[bytes], str]:
    """``doiregistry serve`` on a free loopback port, in its own process."""
    port = _free_port()
    command = [
        str(Path(sys.executable).with_name("doiregistry")),
        "serve",
        "--database",
        url,
        "--port",
        str(port),
    ]
    environment = {
        **os.environ,
        "DOIREGISTRY_OAI_PAGE_SIZE": os.environ.get("DOIREGISTRY_OAI_PAGE_SIZE", "100"),
    }
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx2.get(f"{base}/heartbeat", timeout=1).status_code == 200:
                return process, base
        except httpx2.HTTPError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("the server did not start")


def cpu_seconds(pid: int) -> float:
    """CPU time (user and system) a process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Harvest:
    records: int
    pages: int
    seconds: float
    server_cpu: float
    client_cpu: float


def _busy_in_postgres(url: str) -> bool:
    """Whether another session runs a query in the benchmark's PostgreSQL database."""
    engine = create_engine(make_url(url))
    try:
        with engine.connect() as connection:
            count = connection.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    " AND state = 'active' AND pid <> pg_backend_pid()"
                )
            ).scalar_one()
    finally:
        engine.dispose()
    return bool(count)


def wait_until_idle(pid: int, url: str, timeout: float = 900) -> float:
    """Seconds until the server's start-up work (building the facet index) is done:
    five quiet seconds in a row, and no query running in PostgreSQL."""
    started = time.monotonic()
    quiet = 0
    while quiet < 5 and time.monotonic() - started < timeout:
        before = cpu_seconds(pid)
        time.sleep(1)
        busy = cpu_seconds(pid) - before >= 0.05
        if not busy and url.startswith("postgresql"):
            busy = _busy_in_postgres(url)
        quiet = 0 if busy else quiet + 1
    return time.monotonic() - started


def harvest(base: str, pid: int, verb: str, prefix: str, limit: int | None) -> Harvest:
    """Harvest every page (or the first ``limit`` records), timing it."""
    records = pages = 0
    params: dict[str, str] = {"verb": verb, "metadataPrefix": prefix}
    tag = f"{OAI}record" if verb == "ListRecords" else f"{OAI}header"
    server_before, client_before = cpu_seconds(pid), time.process_time()
    started = time.perf_counter()
    with httpx2.Client(timeout=120) as client:
        while True:
            response = client.get(f"{base}/oai", params=params)
            response.raise_for_status()
            root = etree.fromstring(response.content)
            error = root.find(f"{OAI}error")
            if error is not None:
                raise SystemExit(f"OAI-PMH error {error.get('code')}: {error.text}")
            records += sum(1 for _ in root.iter(tag))
            pages += 1
            token = root.find(f".//{OAI}resumptionToken")
            if token is None or not token.text or (limit and records >= limit):
                break
            params = {"verb": verb, "resumptionToken": token.text}
    return Harvest(
        records,
        pages,
        time.perf_counter() - started,
        cpu_seconds(pid) - server_before,
        time.process_time() - client_before,
    )


# -- the run ---------------------------------------------------------------------------------


def _load_average() -> str:
    path = Path("/proc/loadavg")
    return path.read_text().split(" ")[0] if path.exists() else "?"


def run(backend: str, url: str, args: argparse.Namespace) -> None:
    database = Database.from_url(url)
    try:
        seconds = load(database, args.records)
        if seconds:
            print(f"{backend}: loaded {args.records:,} records in {seconds:.0f} s")
        with database.read() as connection:
            harvested = connection.execute(
                select(func.count()).select_from(dois).where(dois.c.state != "draft")
            ).scalar_one()
    finally:
        database.dispose()
    process, base = serve(url)
    try:
        settled = wait_until_idle(process.pid, url)
        print(f"{backend}: server up and idle after {settled:.0f} s", flush=True)
        for verb, prefix, limit in args.runs:
            load_before = _load_average()
            done = harvest(base, process.pid, verb, prefix, limit)
            per_record = (done.server_cpu + done.client_cpu) / done.records
            print(
                f"{backend}: {verb} {prefix}: {done.records:,} records in {done.pages:,} pages, "
                f"{done.seconds:.1f} s, {done.records / done.seconds:,.0f} records/s; "
                f"CPU {done.server_cpu:.1f} s server + {done.client_cpu:.1f} s client "
                f"= {per_record * 1e6:.0f} us per record (at most {1 / per_record:,.0f} "
                f"records/s when nothing else runs); store: {harvested:,} harvestable DOIs; "
                f"load average {load_before} -> {_load_average()}",
                flush=True,
            )
    finally:
        process.terminate()
        process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--postgres", default=os.environ.get("DOIREGISTRY_TEST_POSTGRES_URL"))
    parser.add_argument("--keep", type=Path, help="keep (and reuse) the SQLite file here")
    parser.add_argument(
        "--keep-postgres",
        metavar="NAME",
        help="keep (and reuse) the PostgreSQL database NAME (created when missing)",
    )
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument(
        "--sample",
        type=int,
        default=100_000,
        help="records harvested for the secondary runs (ListIdentifiers, oai_dc)",
    )
    args = parser.parse_args()
    args.runs = [
        ("ListRecords", "oai_datacite", None),
        ("ListIdentifiers", "oai_datacite", args.sample),
        ("ListRecords", "oai_dc", args.sample),
    ]
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory(prefix="oai-bench-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        if not args.skip_sqlite:
            run("sqlite", f"sqlite:///{folder / 'oai-bench.db'}", args)
        if args.postgres and args.keep_postgres:
            url, _ = postgres_database(args.postgres, "oai_bench", args.keep_postgres)
            run("postgresql", url, args)
        elif args.postgres:
            url, name = postgres_database(args.postgres, "oai_bench")
            try:
                run("postgresql", url, args)
            finally:
                drop_postgres_database(args.postgres, name)


if __name__ == "__main__":
    main()
