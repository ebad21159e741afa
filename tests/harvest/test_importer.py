"""The importer on both backends, with the real records of the shared test data."""

from __future__ import annotations

import base64
import gzip
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.sql.schema import Table
from tests.factories import STAFF, Services, insert_doi_row, make_repository

from doiregistry.domain.errors import NotFound
from doiregistry.domain.principal import ANONYMOUS, Principal, Role
from doiregistry.harvest.importer import Importer, ImportOptions
from doiregistry.harvest.outcomes import ImportRefused, ImportReport
from doiregistry.harvest.sources import SourceItem, SourceReader, SourceRecord
from doiregistry.metadata.reader import xml_to_attributes
from doiregistry.registry.dois.payload import DoiPayload
from doiregistry.registry.dois.service import DoiService
from doiregistry.storage import doi_records
from doiregistry.storage.engine import Database
from doiregistry.storage.tables import doi_changes, doi_versions, dois

TESTDATA = Path(__file__).resolve().parents[2].parent / "shared" / "datacite-testdata"
XML = TESTDATA / "xml"
JSON_API = TESTDATA / "json" / "api"
SINGLES = JSON_API / "api.datacite.org" / "dois-single"
KERNEL4 = XML / "lupo" / "datacite.xml"  # 10.14454/4k3m-nyvg
KERNEL3 = XML / "lupo" / "datacite_schema_3.xml"  # 10.5061/dryad.8515
URL_TEMPLATE = "https://example.org/{doi}"
#: records with distinct DOIs, valid and invalid (input that repeats a DOI is not idempotent:
#: each import applies its records for that DOI in order, the last one winning)
UNIQUE_XML = [XML / "poodle", XML / "lupo" / "datacite_namespace.xml", KERNEL3, KERNEL4]


@pytest.fixture
def services(database: Database) -> Services:
    services = Services.over(database)
    make_repository(services)  # datacite.test holding 10.5438
    return services


def _run(database: Database, items: Iterable[SourceItem], **options: Any) -> ImportReport:
    return Importer(database).run(items, ImportOptions(repository="datacite.test", **options))


def _import(database: Database, *paths: Path, **options: Any) -> ImportReport:
    return _run(database, SourceReader(paths), **options)


def _count(database: Database, table: Table) -> int:
    with database.read() as connection:
        return int(connection.execute(select(func.count()).select_from(table)).scalar_one())


def _titles(attributes: dict[str, Any]) -> list[str]:
    return [title["title"] for title in attributes.get("titles") or []]


def _record(doi: str, title: str = "A title", **extra: Any) -> dict[str, Any]:
    """A complete JSON:API resource for ``doi``."""
    attributes = {
        "doi": doi,
        "url": f"https://example.org/{doi}",
        "creators": [{"name": "Doe, Jane", "nameType": "Personal"}],
        "titles": [{"title": title}],
        "publisher": "Example Publisher",
        "publicationYear": 2024,
        "types": {"resourceTypeGeneral": "Dataset"},
        **extra,
    }
    return {"id": doi, "type": "dois", "attributes": attributes}


def _items(*resources: dict[str, Any]) -> list[SourceItem]:
    return [
        SourceRecord(f"test:{index + 1}", attributes=resource["attributes"])
        for index, resource in enumerate(resources)
    ]


# -- the real records ----------------------------------------------------------------------


def test_real_xml_records_are_each_accepted_or_rejected(
    services: Services, database: Database
) -> None:
    files = sorted(XML.rglob("*.xml"))
    report = _import(database, XML, assign_prefixes=True, url_template=URL_TEMPLATE)

    assert report.processed == len(files)
    assert all(rejection.reasons for rejection in report.rejections)
    rejected = {rejection.location: rejection for rejection in report.rejections}
    accepted: dict[str, Path] = {}
    for path in files:
        if str(path) not in rejected:
            accepted[xml_to_attributes(path.read_bytes().strip())["doi"]] = path
    assert report.created == len(accepted) > 50
    assert report.accepted == len(files) - len(rejected)

    service = DoiService(database)
    for doi, path in accepted.items():
        record = service.get(ANONYMOUS, doi)
        expected = xml_to_attributes(path.read_bytes().strip())
        assert record.state == "findable"
        assert record.url == f"https://example.org/{doi}"
        assert record.attributes["titles"] == expected["titles"], path
        assert record.attributes["creators"] == expected["creators"], path
        assert f">{doi.upper()}</" in (record.xml or "")
    for location, rejection in rejected.items():
        if rejection.doi is not None and rejection.doi not in accepted:
            with pytest.raises(NotFound):
                service.get(STAFF, rejection.doi)
        assert location.startswith(str(XML))

    def reasons(name: str) -> str:
        return "; ".join(rejected[str(XML / name)].reasons)

    assert reasons("lupo/datacite_malformed.xml").startswith("xml: Premature end of data")
    assert "no longer supported" in reasons("lupo/datacite_schema_3.xml")
    assert reasons("lupo/datacite_missing_creator.xml").startswith("creators: ")
    dash = sorted((XML / "cdluc3-datacite-mapping" / "dash1").glob("*.xml"))
    without_doi = [
        path
        for path in dash
        if str(path) in rejected
        and rejected[str(path)].reasons == ("doi: the XML has no DOI identifier",)
    ]
    assert len(without_doi) >= 100


def _expected(record: SourceRecord) -> tuple[str, list[str], str | None]:
    """The DOI, title texts and URL an accepted JSON:API resource should be stored with."""
    attributes = record.attributes or {}
    doi = str(attributes.get("doi") or record.resource_id or "").lower()
    if attributes.get("xml"):
        titles = _titles(xml_to_attributes(base64.b64decode(attributes["xml"]).strip()))
    else:
        titles = _titles(attributes)
    return doi, titles, attributes.get("url")


def test_real_json_api_responses_are_each_accepted_or_rejected(
    services: Services, database: Database
) -> None:
    items = list(SourceReader([JSON_API]))
    report = _run(database, items, assign_prefixes=True)

    assert report.processed == len(items)
    rejected = {rejection.location for rejection in report.rejections}
    latest = {}
    for item in items:
        if isinstance(item, SourceRecord) and item.location not in rejected:
            doi, titles, url = _expected(item)
            latest[doi] = (titles, url, item.location)
    assert report.created == len(latest) > 100

    service = DoiService(database)
    for doi, (titles, url, location) in latest.items():
        record = service.get(ANONYMOUS, doi)
        assert _titles(record.attributes) == titles, location
        assert record.url == url
    reasons = {reason for rejection in report.rejections for reason in rejection.reasons}
    assert "not a DOI: a 'clients' resource" in reasons
    assert "url: Can't be blank" in reasons


def _write_json_lines(path: Path) -> list[str]:
    """The DOIs of the recorded single-DOI responses as JSON lines (gzip), plus one bad line."""
    lines = []
    for index, source in enumerate(sorted(SINGLES.glob("*.json"))):
        resource = json.loads(source.read_text())["data"]
        # alternate between whole resources and bare attribute objects
        lines.append(json.dumps(resource if index % 2 else resource["attributes"]))
    lines.insert(3, "{this is not JSON")
    path.write_bytes(gzip.compress("\n".join(lines).encode() + b"\n"))
    return lines


def test_json_lines_records_report_their_line(
    services: Services, database: Database, tmp_path: Path
) -> None:
    path = tmp_path / "dois.jsonl.gz"
    lines = _write_json_lines(path)
    report = _import(database, path, assign_prefixes=True)

    assert report.processed == len(lines)
    by_location = {rejection.location: rejection for rejection in report.rejections}
    assert by_location[f"{path}:4"].reasons[0].startswith("not valid JSON")
    service = DoiService(database)
    for number, line in enumerate(lines, start=1):
        if f"{path}:{number}" in by_location:
            continue
        value = json.loads(line)
        attributes = value.get("attributes", value)
        record = service.get(ANONYMOUS, attributes["doi"])
        assert record.url == attributes["url"]
        expected = xml_to_attributes(base64.b64decode(attributes["xml"]).strip())
        assert record.attributes["titles"] == expected["titles"]
        assert record.attributes["publisher"] == expected["publisher"]
    assert report.created == len(lines) - len(by_location) > 15


def test_importing_again_changes_nothing(
    services: Services, database: Database, tmp_path: Path
) -> None:
    path = tmp_path / "dois.jsonl.gz"
    _write_json_lines(path)
    first = _import(database, path, *UNIQUE_XML, assign_prefixes=True, url_template=URL_TEMPLATE)
    counts = [_count(database, table) for table in (dois, doi_versions, doi_changes)]
    with database.read() as connection:
        stamps = sorted(connection.execute(select(dois.c.doi, dois.c.updated, dois.c.change_seq)))

    second = _import(database, path, *UNIQUE_XML, assign_prefixes=True, url_template=URL_TEMPLATE)

    assert (second.created, second.updated) == (0, 0)
    assert second.unchanged == first.accepted
    assert second.rejections == first.rejections
    assert [_count(database, table) for table in (dois, doi_versions, doi_changes)] == counts
    with database.read() as connection:
        assert sorted(
            connection.execute(select(dois.c.doi, dois.c.updated, dois.c.change_seq))
        ) == (stamps)


# -- writes: versions, changes, upserts ------------------------------------------------------


def test_every_imported_doi_has_a_version_and_a_change(
    services: Services, database: Database
) -> None:
    report = _run(database, _items(*(_record(f"10.5438/v{i}") for i in range(5))))
    assert report.created == 5
    with database.read() as connection:
        rows = list(connection.execute(select(dois)))
        for row in rows:
            (version,) = doi_records.versions(connection, row.id)
            assert version.xml == row.xml and version.version == 0
            changes = list(
                connection.execute(select(doi_changes).where(doi_changes.c.doi_id == row.id))
            )
            assert [(c.doi, c.operation) for c in changes] == [(row.doi, "upsert")]
            assert row.change_seq == changes[0].seq
            assert row.metadata_version == 0
            assert row.registered is not None and row.source == "import"
            assert row.publication_year == 2024 and row.resource_type_id == "dataset"


def test_a_changed_record_updates_the_doi_with_a_new_version(
    services: Services, database: Database
) -> None:
    _run(database, _items(_record("10.5438/u1", "First")))
    service = DoiService(database)
    created = service.get(ANONYMOUS, "10.5438/u1")

    report = _run(database, _items(_record("10.5438/u1", "Second")))

    assert (report.created, report.updated, report.unchanged) == (0, 1, 0)
    updated = service.get(ANONYMOUS, "10.5438/u1")
    assert _titles(updated.attributes) == ["Second"]
    assert updated.metadata_version == 1
    assert updated.created == created.created and updated.registered == created.registered
    with database.read() as connection:
        assert [v.version for v in doi_records.versions(connection, updated.id)] == [0, 1]
        seqs = connection.execute(
            select(doi_changes.c.seq).where(doi_changes.c.doi_id == updated.id)
        ).scalars()
        row = doi_records.fetch(connection, "10.5438/u1")
        assert row is not None and row.change_seq == max(seqs)


def test_a_doi_repeated_within_one_batch_ends_as_its_last_record(
    services: Services, database: Database
) -> None:
    items = _items(
        _record("10.5438/r1", "One"),
        _record("10.5438/r2"),
        _record("10.5438/r1", "Two"),
        _record("10.5438/r1", "Three"),
    )
    report = _run(database, items, batch_size=10)
    assert (report.created, report.updated) == (2, 2)
    assert _titles(DoiService(database).get(ANONYMOUS, "10.5438/r1").attributes) == ["Three"]


@pytest.mark.parametrize("workers", [1, 2])
def test_batches_and_workers_give_the_same_result(
    services: Services, database: Database, workers: int
) -> None:
    resources = [_record(f"10.5438/b{i}", f"Title {i}") for i in range(23)]
    resources[7]["attributes"]["url"] = "not a url"
    report = _run(database, _items(*resources), batch_size=4, workers=workers)
    assert report.created == 22
    assert [(r.location, r.reasons) for r in report.rejections] == [
        ("test:8", ("url: URL is not valid",))
    ]
    assert _count(database, dois) == 22
    assert _titles(DoiService(database).get(ANONYMOUS, "10.5438/b22").attributes) == ["Title 22"]


# -- rules -----------------------------------------------------------------------------------


def test_rejected_records_change_nothing(services: Services, database: Database) -> None:
    broken = _record("10.5438/x1")
    del broken["attributes"]["titles"]
    unassigned = _record("10.9999/x2")
    report = _run(database, _items(broken, unassigned, _record("bogus")))
    assert report.accepted == 0
    assert [r.reasons[0].split(":")[0] for r in report.rejections] == ["titles", "prefix", "doi"]
    assert report.rejections[1].reasons == (
        "prefix: 10.9999 is not assigned to repository datacite.test",
    )
    assert [_count(database, table) for table in (dois, doi_versions, doi_changes)] == [0, 0, 0]


def test_assign_prefixes_gives_missing_prefixes_to_the_repository(
    services: Services, database: Database
) -> None:
    report = _run(
        database, _items(_record("10.9999/a1"), _record("10.9999/a2")), assign_prefixes=True
    )
    assert report.created == 2 and report.assigned_prefixes == ["10.9999"]
    held = services.prefixes.get_prefix("10.9999")
    assert (held.provider_id, held.client_id) == ("datacite", "datacite.test")


def test_a_prefix_of_another_repository_is_never_assigned(
    services: Services, database: Database
) -> None:
    make_repository(services, "other", "other.repo", prefix="10.7777")
    report = _run(database, _items(_record("10.7777/mine")), assign_prefixes=True)
    assert report.rejections[0].reasons == ("prefix: 10.7777 is assigned to repository other.repo",)
    assert services.prefixes.get_prefix("10.7777").client_id == "other.repo"
    assert _count(database, dois) == 0


def test_a_doi_of_another_repository_is_not_taken_over(
    services: Services, database: Database
) -> None:
    make_repository(services, "other", "other.repo", prefix="10.7777")
    insert_doi_row(database, "10.5438/shared", "other.repo", "other")
    report = _run(database, _items(_record("10.5438/shared", "Taken over")))
    assert report.rejections[0].reasons == ("doi: 10.5438/shared belongs to repository other.repo",)
    record = DoiService(database).get(STAFF, "10.5438/shared")
    assert record.client_id == "other.repo" and record.attributes == {}


def test_drafts_need_only_a_valid_doi(services: Services, database: Database) -> None:
    report = _import(database, KERNEL3, state="draft", target_prefix="10.5438")
    assert report.created == 1
    record = DoiService(database).get(STAFF, "10.5438/dryad.8515")
    assert record.state == "draft" and record.registered is None and record.url is None
    assert _titles(record.attributes) == _titles(xml_to_attributes(KERNEL3.read_bytes()))
    findable = _import(database, KERNEL3, target_prefix="10.5438", url_template=URL_TEMPLATE)
    assert findable.rejections[0].reasons == (
        "xml: DOI 10.5438/dryad.8515: Schema http://datacite.org/schema/kernel-3 is no longer "
        "supported",
    )


def test_a_draft_import_never_takes_a_findable_doi_back(
    services: Services, database: Database
) -> None:
    _run(database, _items(_record("10.5438/f1", "Findable")))
    incomplete = _record("10.5438/f1", "Incomplete")
    del incomplete["attributes"]["creators"]
    report = _run(
        database, _items(_record("10.5438/f1", "Still findable"), incomplete), state="draft"
    )
    assert report.updated == 1
    assert report.rejections[0].location == "test:2"
    assert report.rejections[0].reasons[0].startswith("creators: ")
    record = DoiService(database).get(ANONYMOUS, "10.5438/f1")
    assert record.state == "findable" and _titles(record.attributes) == ["Still findable"]


def test_registered_state_and_url_template(services: Services, database: Database) -> None:
    report = _import(
        database,
        KERNEL4,
        state="registered",
        target_prefix="10.5438",
        url_template="https://example.org/{prefix}/landing/{suffix}",
    )
    assert report.created == 1
    record = DoiService(database).get(STAFF, "10.5438/4k3m-nyvg")
    assert record.state == "registered" and record.registered is not None
    assert record.url == "https://example.org/10.5438/landing/4k3m-nyvg"
    assert ">10.5438/4K3M-NYVG</identifier>" in (record.xml or "")


def test_unknown_repository_or_state_refuses_the_whole_import(
    services: Services, database: Database
) -> None:
    with pytest.raises(ImportRefused, match=r"Repository nobody\.here does not exist"):
        Importer(database).run([], ImportOptions(repository="nobody.here"))
    with pytest.raises(ImportRefused, match="Unknown state"):
        _run(database, [], state="tombstoned")


def test_a_value_the_database_refuses_rejects_only_its_record(
    services: Services, database: Database
) -> None:
    long_doi = "10.5438/" + "x" * 300  # valid DOI syntax, longer than the column
    items = _items(_record("10.5438/ok-1"), _record(long_doi), _record("10.5438/ok-2"))
    report = _run(database, items, state="draft")
    service = DoiService(database)
    assert service.get(STAFF, "10.5438/ok-1").state == "draft"
    assert service.get(STAFF, "10.5438/ok-2").state == "draft"
    # both backends: the DOI rules refuse it before the database would (PostgreSQL would)
    assert report.created == 2
    assert [r.location for r in report.rejections] == ["test:2"]
    assert report.rejections[0].reasons == ("doi: Is too long (at most 255 characters)",)
    with pytest.raises(NotFound):
        service.get(STAFF, long_doi)


def test_imports_and_api_writes_share_keys_and_one_change_sequence(
    services: Services, database: Database
) -> None:
    service = DoiService(database)
    owner = Principal(Role.CLIENT_ADMIN, uid="datacite.test", client_id="datacite.test")
    service.save(owner, DoiPayload(doi="10.5438/api-1"))
    _run(database, _items(_record("10.5438/imp-1"), _record("10.5438/imp-2")))
    service.save(owner, DoiPayload(doi="10.5438/api-2"))
    _run(database, _items(_record("10.5438/api-1", "Imported over an API draft")))
    with database.read() as connection:
        changes = list(connection.execute(select(doi_changes).order_by(doi_changes.c.seq)))
        rows = {row.doi: row for row in connection.execute(select(dois))}
    assert [change.doi for change in changes] == [
        "10.5438/api-1",
        "10.5438/imp-1",
        "10.5438/imp-2",
        "10.5438/api-2",
        "10.5438/api-1",
    ]
    assert rows["10.5438/api-1"].change_seq == changes[-1].seq
    assert len({row.id for row in rows.values()}) == 4
    assert rows["10.5438/imp-2"].id < rows["10.5438/api-2"].id
