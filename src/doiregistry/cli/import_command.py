"""``doiregistry import``: load DataCite metadata in bulk into a repository.

Exit status: 0 when every record was accepted, 1 when some were rejected
(each is listed), 2 when the import could not start.
"""

from __future__ import annotations

import os
import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Final

import orjson
import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from doiregistry.cli.settings_loading import settings_or_exit
from doiregistry.harvest.importer import Importer, ImportOptions
from doiregistry.harvest.outcomes import ImportRefused, ImportReport, Rejection, common_reasons
from doiregistry.harvest.sources import SourceReader
from doiregistry.storage import migrate
from doiregistry.storage.engine import Database

_MAX_DEFAULT_WORKERS: Final = 8


class ImportState(StrEnum):
    findable = "findable"
    registered = "registered"
    draft = "draft"


def _write_rejections(path: Path, rejections: list[Rejection]) -> None:
    with path.open("wb") as out:
        for rejection in rejections:
            line = {
                "location": rejection.location,
                "doi": rejection.doi,
                "reasons": list(rejection.reasons),
            }
            out.write(orjson.dumps(line) + b"\n")


def _summary(console: Console, report: ImportReport, repository: str, elapsed: float) -> None:
    rate = report.processed / elapsed if elapsed > 0 else 0.0
    console.print(
        f"Imported into {escape(repository)}: {report.accepted:,} accepted "
        f"({report.created:,} created, {report.updated:,} updated, "
        f"{report.unchanged:,} unchanged), {report.rejected:,} rejected, "
        f"in {elapsed:.1f} s ({rate:,.0f} records/s).",
        soft_wrap=True,
    )
    if report.assigned_prefixes:
        console.print(f"Prefixes assigned: {', '.join(report.assigned_prefixes)}")
    if report.rejections:
        console.print("Most common reasons:")
        for reason, count in common_reasons(report.rejections):
            console.print(f"  {count:>8,}  {escape(reason)}", soft_wrap=True)
        console.print("Rejected:")
        for rejection in report.rejections:
            console.print(f"  {escape(rejection.describe())}", soft_wrap=True, highlight=False)


def import_records(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="DataCite XML files, JSON:API documents (.json), JSON lines (.jsonl, "
            ".ndjson; also .gz), or folders of them (read recursively).",
            show_default=False,
        ),
    ],
    repository: Annotated[
        str,
        typer.Option("--repository", "-r", help="Id of the repository that receives the DOIs."),
    ],
    database: Annotated[
        str | None,
        typer.Option(
            envvar="DOIREGISTRY_DATABASE",
            help="SQLAlchemy URL of the store (default sqlite:///./doiregistry.db).",
        ),
    ] = None,
    state: Annotated[
        ImportState, typer.Option(help="State of the imported DOIs.")
    ] = ImportState.findable,
    assign_prefixes: Annotated[
        bool,
        typer.Option(
            "--assign-prefixes",
            help="Create missing prefixes and assign them to the repository "
            "(to mirror DataCite) instead of rejecting their records.",
        ),
    ] = False,
    url_template: Annotated[
        str | None,
        typer.Option(
            help="Landing page URL for records without one, e.g. "
            "'https://example.org/{doi}' ({doi}, {prefix} and {suffix} are filled in).",
        ),
    ] = None,
    rejections: Annotated[
        Path | None,
        typer.Option(help="Also write every rejection to this file (JSON lines)."),
    ] = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Records written per transaction.")] = 1000,
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="Processes that check records (default: one per core)."),
    ] = None,
) -> None:
    """Import DataCite metadata into a repository; existing DOIs are updated."""
    console = Console(highlight=False)
    errors = Console(stderr=True, highlight=False)
    reader = SourceReader(paths)
    options = ImportOptions(
        repository=repository,
        state=state.value,
        assign_prefixes=assign_prefixes,
        url_template=url_template,
        batch_size=batch_size,
        workers=workers or min(os.cpu_count() or 1, _MAX_DEFAULT_WORKERS),
    )
    store = Database.from_url(settings_or_exit(database_url=database).database_url)
    started = time.perf_counter()
    try:
        migrate.upgrade(store)
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TaskProgressColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=errors,
        ) as progress:
            task = progress.add_task("Importing", total=max(reader.total_bytes, 1))

            def advance(report: ImportReport) -> None:
                progress.update(
                    task,
                    completed=reader.bytes_done,
                    description=f"{report.accepted:,} accepted, {report.rejected:,} rejected",
                )

            report = Importer(store).run(reader, options, on_batch=advance)
            progress.update(task, completed=max(reader.total_bytes, 1))
    except ImportRefused as exc:
        errors.print(f"Error: {escape(str(exc))}")
        raise typer.Exit(2) from None
    finally:
        store.dispose()
    _summary(console, report, repository, time.perf_counter() - started)
    if reader.ignored:
        console.print(f"Ignored {len(reader.ignored):,} files that are neither XML nor JSON.")
    if rejections is not None:
        _write_rejections(rejections, report.rejections)
    if report.rejections:
        raise typer.Exit(1)
