"""``doiregistry import`` on both backends: summary, rejections, exit status, then GET /dois."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.factories import Services, make_repository
from typer.testing import CliRunner

from doiregistry.api.app import create_app
from doiregistry.cli import app
from doiregistry.metadata.reader import xml_to_attributes
from doiregistry.settings import Settings
from doiregistry.storage.engine import Database

TESTDATA = Path(__file__).resolve().parents[2].parent / "shared" / "datacite-testdata"
LUPO = TESTDATA / "xml" / "lupo"
KERNEL4 = LUPO / "datacite.xml"  # 10.14454/4k3m-nyvg
runner = CliRunner()


@pytest.fixture
def url(database: Database) -> str:
    make_repository(Services.over(database))  # datacite.test holding 10.5438
    return database.engine.url.render_as_string(hide_password=False)


def _import(url: str, *args: str) -> tuple[int, str]:
    result = runner.invoke(
        app, ["import", *args, "--repository", "datacite.test", "--database", url]
    )
    return result.exit_code, result.stdout


def test_a_folder_with_rejections_lists_each_and_exits_1(
    url: str, database: Database, tmp_path: Path
) -> None:
    rejections = tmp_path / "rejected.jsonl"
    code, output = _import(
        url,
        str(LUPO),
        "--assign-prefixes",
        "--url-template",
        "https://example.org/{doi}",
        "--rejections",
        str(rejections),
    )
    assert code == 1, output
    lines = [json.loads(line) for line in rejections.read_text().splitlines()]
    summary = output.splitlines()[0]
    assert summary.startswith("Imported into datacite.test: ")
    assert f", {len(lines)} rejected, in " in summary
    files = sorted(LUPO.glob("*.xml"))
    accepted = int(summary.split(": ", 1)[1].split(" accepted")[0])
    assert accepted + len(lines) == len(files)
    for line in lines:
        assert line["reasons"]
        assert f"  {line['location']}" in output
    malformed = next(line for line in lines if line["location"].endswith("datacite_malformed.xml"))
    assert malformed["doi"] is None
    assert malformed["reasons"][0].startswith("xml: Premature end of data")
    assert "Most common reasons:" in output

    with TestClient(create_app(Settings(), database)) as client:
        response = client.get("/dois/10.14454/4k3m-nyvg")
    assert response.status_code == 200
    attributes = response.json()["data"]["attributes"]
    expected = xml_to_attributes(KERNEL4.read_bytes())
    assert attributes["titles"] == expected["titles"]
    assert attributes["url"] == "https://example.org/10.14454/4k3m-nyvg"
    assert attributes["state"] == "findable"


def test_all_accepted_exits_0_and_a_second_run_changes_nothing(
    url: str, database: Database, tmp_path: Path
) -> None:
    record = tmp_path / "record.json"
    record.write_text(
        json.dumps(
            {
                "data": {
                    "type": "dois",
                    "attributes": {
                        "doi": "10.5438/cli-1",
                        "url": "https://example.org/cli-1",
                        "creators": [{"name": "Doe, Jane"}],
                        "titles": [{"title": "Imported from the command line"}],
                        "publisher": "Example",
                        "publicationYear": 2024,
                        "types": {"resourceTypeGeneral": "Text"},
                    },
                }
            }
        )
    )
    code, output = _import(url, str(record), "--state", "registered")
    assert code == 0, output
    assert "1 accepted (1 created, 0 updated, 0 unchanged), 0 rejected" in output
    code, output = _import(url, str(record), "--state", "registered")
    assert code == 0
    assert "1 accepted (0 created, 0 updated, 1 unchanged), 0 rejected" in output
    with TestClient(create_app(Settings(), database)) as client:
        assert client.get("/dois/10.5438/cli-1").status_code == 404  # registered: not public
        owner = client.get("/dois/10.5438/cli-1", auth=("DATACITE.TEST", "secret"))
    assert owner.json()["data"]["attributes"]["state"] == "registered"


def test_an_unassigned_prefix_is_rejected_without_the_option(url: str) -> None:
    code, output = _import(url, str(KERNEL4), "--url-template", "https://example.org/{doi}")
    assert code == 1
    assert "prefix: 10.14454 is not assigned to repository datacite.test" in output


def test_an_unknown_repository_stops_before_importing(url: str) -> None:
    result = runner.invoke(
        app, ["import", str(KERNEL4), "--repository", "nobody.here", "--database", url]
    )
    assert result.exit_code == 2
    assert "Repository nobody.here does not exist" in result.stderr


def test_an_unknown_state_is_a_usage_error(url: str) -> None:
    code, _ = _import(url, str(KERNEL4), "--state", "tombstoned")
    assert code == 2
