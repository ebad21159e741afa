"""Reading input files into records: formats, locations, problems, progress."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from doiregistry.harvest.sources import SourceProblem, SourceReader, SourceRecord, items_of

TESTDATA = Path(__file__).resolve().parents[2].parent / "shared" / "datacite-testdata"
KERNEL4 = TESTDATA / "xml" / "lupo" / "datacite.xml"
SINGLE = TESTDATA / "json" / "api" / "api.datacite.org" / "dois-single" / "10.5438_6423.json"
CLIENTS = TESTDATA / "json" / "api" / "viringo" / "datacite_api_clients.json"


def _read(*paths: Path) -> list[SourceRecord | SourceProblem]:
    return list(SourceReader(paths))


def _resource(doi: str, **attributes: Any) -> dict[str, Any]:
    return {"id": doi, "type": "dois", "attributes": {"doi": doi, **attributes}}


def test_an_xml_file_is_one_record_with_its_bytes() -> None:
    (item,) = _read(KERNEL4)
    assert isinstance(item, SourceRecord)
    assert item.xml == KERNEL4.read_bytes()
    assert item.attributes is None
    assert item.location == str(KERNEL4)


def test_a_single_resource_document() -> None:
    (item,) = _read(SINGLE)
    assert isinstance(item, SourceRecord)
    assert item.location == f"{SINGLE}#/data"
    assert item.resource_id == "10.5438/6423"
    assert item.attributes is not None and item.attributes["doi"] == "10.5438/6423"
    assert "xml" in item.attributes


def test_resources_of_other_types_are_problems_not_records() -> None:
    items = _read(CLIENTS)
    count = len(json.loads(CLIENTS.read_text())["data"])
    assert len(items) == count
    assert all(isinstance(item, SourceProblem) for item in items)
    assert items[1] == SourceProblem(f"{CLIENTS}#/data/1", "not a DOI: a 'clients' resource")


def test_every_doi_resource_of_the_recorded_api_responses_is_a_record() -> None:
    folder = TESTDATA / "json" / "api"
    expected = 0
    for path in folder.rglob("*.json"):
        document = json.loads(path.read_text())
        if "data" not in document:
            # an error document is a problem; any other object is read as attributes
            expected += "errors" not in document
            continue
        data = document["data"]
        resources = data if isinstance(data, list) else [data]
        expected += sum(1 for r in resources if isinstance(r, dict) and r.get("type") == "dois")
    records = [item for item in _read(folder) if isinstance(item, SourceRecord)]
    assert len(records) == expected


def test_error_documents_and_empty_data_are_problems(tmp_path: Path) -> None:
    errors = tmp_path / "errors.json"
    errors.write_text(json.dumps({"errors": [{"status": "404", "title": "Not found"}]}))
    empty = tmp_path / "null.json"
    empty.write_text(json.dumps({"data": None}))
    listed = tmp_path / "empty-list.json"
    listed.write_text(json.dumps({"data": []}))
    assert _read(errors, empty, listed) == [
        SourceProblem(str(errors), "a JSON:API error document: Not found"),
        SourceProblem(f"{empty}#/data", "data is null, not a resource"),
    ]


def test_a_bare_attributes_object_and_a_list_of_resources(tmp_path: Path) -> None:
    single = tmp_path / "attributes.json"
    single.write_text(json.dumps({"doi": "10.5438/a", "titles": [{"title": "A"}]}))
    many = tmp_path / "list.json"
    many.write_text(json.dumps([_resource("10.5438/b"), "not an object"]))
    items = _read(single, many)
    assert items[0] == SourceRecord(
        str(single), attributes={"doi": "10.5438/a", "titles": [{"title": "A"}]}
    )
    assert items[1] == SourceRecord(
        f"{many}#/0", attributes={"doi": "10.5438/b"}, resource_id="10.5438/b"
    )
    assert items[2] == SourceProblem(f"{many}#/1", "expected a JSON object, found a string")


def _json_lines(lines: list[str]) -> bytes:
    return "\n".join(lines).encode() + b"\n"


LINES = [
    json.dumps(_resource("10.5438/1")),
    "",
    json.dumps({"data": _resource("10.5438/2")}),
    "{not json",
    json.dumps({"doi": "10.5438/3"}),
    json.dumps({"type": "clients", "id": "x", "attributes": {}}),
]


@pytest.mark.parametrize("name", ["dump.jsonl", "dump.ndjson", "dump.jsonl.gz"])
def test_json_lines_give_line_numbers(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    data = _json_lines(LINES)
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    items = _read(path)
    assert [item.location for item in items] == [
        f"{path}:1",
        f"{path}:3#/data",
        f"{path}:4",
        f"{path}:5",
        f"{path}:6",
    ]
    assert [type(item) for item in items] == [
        SourceRecord,
        SourceRecord,
        SourceProblem,
        SourceRecord,
        SourceProblem,
    ]
    problem = items[2]
    assert isinstance(problem, SourceProblem) and problem.reason.startswith("not valid JSON")


def test_json_lines_in_a_json_file_are_read_as_lines(tmp_path: Path) -> None:
    path = tmp_path / "dump.json"
    path.write_bytes(_json_lines(LINES[:1] + LINES[4:5]))
    assert [item.location for item in _read(path)] == [f"{path}:1", f"{path}:2"]


def test_a_damaged_gzip_file_reports_where_it_broke(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl.gz"
    whole = gzip.compress(_json_lines([json.dumps(_resource(f"10.5438/{i}")) for i in range(500)]))
    path.write_bytes(whole[: len(whole) // 2])
    items = _read(path)
    assert all(isinstance(item, SourceRecord) for item in items[:-1])
    last = items[-1]
    assert isinstance(last, SourceProblem) and last.reason.startswith("cannot be read")
    assert last.location == f"{path}:{len(items)}"


def test_folders_are_read_recursively_in_name_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a.xml").write_bytes(KERNEL4.read_bytes())
    (tmp_path / "b" / "c.jsonl.gz").write_bytes(gzip.compress(_json_lines(LINES[:1])))
    (tmp_path / "b" / "README.md").write_text("not metadata")
    reader = SourceReader([tmp_path])
    items = list(reader)
    assert [item.location for item in items] == [
        str(tmp_path / "a.xml"),
        f"{tmp_path / 'b' / 'c.jsonl.gz'}:1",
    ]
    assert reader.ignored == [tmp_path / "b" / "README.md"]


def test_a_named_file_of_another_name_is_read_by_its_content(tmp_path: Path) -> None:
    xml = tmp_path / "record.metadata"
    xml.write_bytes(KERNEL4.read_bytes())
    other = tmp_path / "notes.txt"
    other.write_text("hello")
    items = _read(xml, other)
    assert isinstance(items[0], SourceRecord) and items[0].xml is not None
    assert items[1] == SourceProblem(str(other), "neither XML nor JSON")


def test_missing_paths_are_problems(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.xml"
    assert _read(missing) == [SourceProblem(str(missing), "no such file or folder")]


def test_progress_counts_bytes_of_the_input(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl.gz"
    path.write_bytes(
        gzip.compress(_json_lines([json.dumps(_resource(f"10.5438/{i}")) for i in range(2000)]))
    )
    reader = SourceReader([path, KERNEL4])
    assert reader.total_bytes == path.stat().st_size + KERNEL4.stat().st_size
    seen = []
    for _ in reader:
        seen.append(reader.bytes_done)
    assert seen == sorted(seen)
    assert 0 < seen[0] < reader.total_bytes
    assert reader.bytes_done == reader.total_bytes


def test_items_of_a_nested_document() -> None:
    items = list(items_of("x", {"data": [{"data": _resource("10.5438/1")}]}))
    assert items == [
        SourceRecord("x#/data/0#/data", attributes={"doi": "10.5438/1"}, resource_id="10.5438/1")
    ]
