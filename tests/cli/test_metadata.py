"""``doiregistry metadata convert|validate`` on real records."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from doiregistry.cli import app
from doiregistry.metadata.reader import xml_to_attributes
from doiregistry.metadata.validation import validate_xml

TESTDATA = Path(__file__).resolve().parents[2].parent / "shared" / "datacite-testdata"
VALID = TESTDATA / "xml" / "datacite-schema" / "kernel-4.7" / "datacite-example-full-v4.xml"
INVALID = TESTDATA / "xml" / "lupo" / "datacite_missing_creator.xml"
MALFORMED = TESTDATA / "xml" / "lupo" / "datacite_malformed.xml"
runner = CliRunner()


def test_convert_xml_to_json_matches_the_reader() -> None:
    result = runner.invoke(app, ["metadata", "convert", str(VALID), "--to", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == xml_to_attributes(VALID.read_bytes())


def test_convert_json_back_to_valid_xml(tmp_path: Path) -> None:
    as_json = runner.invoke(app, ["metadata", "convert", str(VALID), "--to", "json"]).stdout
    source = tmp_path / "record.json"
    source.write_text(as_json)
    result = runner.invoke(app, ["metadata", "convert", str(source), "--to", "xml"])
    assert result.exit_code == 0
    assert validate_xml(result.stdout_bytes) == []
    assert xml_to_attributes(result.stdout_bytes)["titles"] == json.loads(as_json)["titles"]


def test_convert_reads_stdin() -> None:
    result = runner.invoke(
        app, ["metadata", "convert", "-", "--to", "json"], input=VALID.read_bytes()
    )
    assert result.exit_code == 0
    assert json.loads(result.stdout)["doi"]


def test_convert_unreadable_exits_2(tmp_path: Path) -> None:
    assert (
        runner.invoke(app, ["metadata", "convert", str(MALFORMED), "--to", "json"]).exit_code == 2
    )
    missing = runner.invoke(
        app, ["metadata", "convert", str(tmp_path / "none.xml"), "--to", "json"]
    )
    assert missing.exit_code == 2
    bad_json = tmp_path / "bad.json"
    bad_json.write_text("{nope")
    assert runner.invoke(app, ["metadata", "convert", str(bad_json), "--to", "xml"]).exit_code == 2


def test_validate_exit_codes() -> None:
    valid = runner.invoke(app, ["metadata", "validate", str(VALID)])
    assert valid.exit_code == 0, valid.output
    invalid = runner.invoke(app, ["metadata", "validate", str(INVALID)])
    assert invalid.exit_code == 1
    lines = [line for line in invalid.stdout.splitlines() if line]
    assert lines and all(": " in line for line in lines)
    assert any(line.startswith("creators: ") for line in lines)
    assert runner.invoke(app, ["metadata", "validate", str(MALFORMED)]).exit_code == 2


def test_validate_json_as_kernel_4(tmp_path: Path) -> None:
    record = tmp_path / "record.json"
    record.write_text(json.dumps({"doi": "10.5438/1", "titles": [{"title": "No creators"}]}))
    result = runner.invoke(app, ["metadata", "validate", str(record)])
    assert result.exit_code == 1
    assert "creators" in result.stdout
