"""``serve --demo``: the demo accounts and records, made idempotently, and usable credentials."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from doiregistry.api.app import create_app
from doiregistry.cli import app
from doiregistry.demo.accounts import DEMO_PREFIX
from doiregistry.demo.loader import record_files
from doiregistry.demo.setup import PASSWORD_ENV, set_up_demo
from doiregistry.domain.doi_query import DoiQuery
from doiregistry.domain.listing import Page
from doiregistry.domain.principal import ANONYMOUS, Principal, Role
from doiregistry.metadata.reader import xml_to_attributes
from doiregistry.metadata.validation import registration_issues
from doiregistry.registry.accounts.clients import ClientService
from doiregistry.registry.accounts.providers import ProviderService
from doiregistry.registry.dois.service import DoiService
from doiregistry.registry.prefixes.service import PrefixService
from doiregistry.search.dois.service import DoiSearch
from doiregistry.settings import Settings
from doiregistry.storage.engine import Database

TESTDATA = Path(__file__).resolve().parents[2].parent / "shared" / "datacite-testdata"
ATTRIBUTION = Path(__file__).resolve().parents[2] / "src/doiregistry/demo/records/ATTRIBUTION.md"
PERMISSIVE = {
    "datacite/bolognese": "MIT",
    "datacite/lupo": "MIT",
    "datacite/poodle": "MIT",
    "inveniosoftware/datacite": "BSD-3-Clause",
    "front-matter/commonmeta-py": "MIT",
    "CDLUC3/datacite-mapping": "MIT",
}
STAFF = Principal(Role.STAFF_ADMIN, uid="admin")
runner = CliRunner()


def _demo_doi(path: Path) -> str:
    original = xml_to_attributes(path.read_bytes().strip())["doi"]
    return f"{DEMO_PREFIX}/{original.partition('/')[2]}"


def test_set_up_twice_gives_the_same_accounts_and_records(database: Database) -> None:
    files = record_files()
    first = set_up_demo(database, "first-password")
    assert (first.report.created, first.report.rejected) == (len(files), 0)
    assert len(files) >= 30

    second = set_up_demo(database, "second-password")
    assert second.report.unchanged == len(files)
    assert (second.report.created, second.report.updated, second.report.rejected) == (0, 0, 0)
    assert second.username == "DEMO.REPO"

    providers = ProviderService(database).list_page(STAFF, Page(1, 100))
    assert [p.id for p in providers.items] == ["demo"]
    clients = ClientService(database).list_page(STAFF, Page(1, 100))
    assert [(c.id, c.prefixes) for c in clients.items] == [("demo.repo", (DEMO_PREFIX,))]
    held = PrefixService(database).get_prefix(DEMO_PREFIX)
    assert (held.provider_id, held.client_id) == ("demo", "demo.repo")

    found = DoiSearch(database).search(ANONYMOUS, DoiQuery(page_size=100, disable_facets=True))
    total, records = found.total, found.records
    assert total == len(files)
    assert {record.doi for record in records} == {_demo_doi(path) for path in files}
    for record in records:
        assert record.state == "findable"
        assert record.url == f"https://example.org/{record.doi}"
        assert record.client_id == "demo.repo"


def test_the_sample_record_named_at_start_is_there(database: Database) -> None:
    set_up_demo(database, "pw")
    record = DoiService(database).get(ANONYMOUS, "10.5072/4k3m-nyvg")
    assert record.attributes["titles"] == [{"title": "Eating your own Dog Food"}]


def _serve_demo(url: str, monkeypatch: pytest.MonkeyPatch) -> tuple[str, list[Any]]:
    served: list[Any] = []
    monkeypatch.setattr(uvicorn, "run", lambda application, **_: served.append(application))
    result = runner.invoke(app, ["serve", "--demo", "--database", url])
    assert result.exit_code == 0, result.output
    return result.stdout, served


def _password(output: str) -> str:
    match = re.search(r"^  password: (\S+)", output, flags=re.M)
    assert match is not None, output
    return match.group(1)


def test_serve_demo_prints_credentials_that_create_a_doi(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    url = database.engine.url.render_as_string(hide_password=False)
    output, served = _serve_demo(url, monkeypatch)
    assert len(served) == 1
    assert "  username: DEMO.REPO" in output
    password = _password(output)

    again, _ = _serve_demo(url, monkeypatch)
    new_password = _password(again)
    assert new_password != password
    assert f"holds {len(record_files())} sample records (0 new)" in again

    with TestClient(create_app(Settings(), database)) as client:
        body = {"data": {"type": "dois", "attributes": {"prefix": DEMO_PREFIX}}}
        stale = client.post("/dois", json=body, auth=("DEMO.REPO", password))
        assert stale.status_code == 401
        created = client.post("/dois", json=body, auth=("DEMO.REPO", new_password))
        assert created.status_code == 201, created.text
        assert created.json()["data"]["id"].startswith(f"{DEMO_PREFIX}/")


def test_the_password_can_be_chosen(database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PASSWORD_ENV, "chosen-demo-password")
    url = database.engine.url.render_as_string(hide_password=False)
    output, _ = _serve_demo(url, monkeypatch)
    assert _password(output) == "chosen-demo-password"


def _attribution_rows() -> dict[str, dict[str, str]]:
    rows = {}
    for line in ATTRIBUTION.read_text().splitlines():
        cells = [cell.strip().strip("`") for cell in line.strip().strip("|").split("|")]
        if len(cells) == 5 and cells[0].endswith(".xml"):
            repository = re.sub(r"^\[([^\]]+)\].*$", r"\1", cells[1])
            rows[cells[0]] = {
                "repository": repository,
                "path": cells[2],
                "commit": cells[3],
                "licence": cells[4],
            }
    return rows


def test_every_record_is_attributed_to_a_permissively_licensed_source() -> None:
    rows = _attribution_rows()
    files = record_files()
    assert sorted(rows) == sorted(path.name for path in files)
    manifest = json.loads((TESTDATA / "manifest.json").read_text())
    by_source = {(entry["repo"].replace("+", "/"), entry["src"]): entry for entry in manifest}
    for path in files:
        row = rows[path.name]
        assert PERMISSIVE[row["repository"]] == row["licence"], path.name
        entry = by_source[(row["repository"], row["path"])]
        assert entry["commit"] == row["commit"]
        assert hashlib.sha1(path.read_bytes()).hexdigest() == entry["sha1"], path.name


def test_every_record_is_valid_kernel_4_with_its_own_suffix() -> None:
    files = record_files()
    for path in files:
        assert registration_issues(path.read_bytes().strip()) == [], path.name
    dois = [_demo_doi(path) for path in files]
    assert len(set(dois)) == len(dois)
