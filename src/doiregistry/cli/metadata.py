"""``doiregistry metadata convert|validate``: work on single records without a server."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from doiregistry.metadata.convert import detect_format, read_metadata, to_json, to_xml
from doiregistry.metadata.errors import MetadataError
from doiregistry.metadata.validation import IssueKind, validate_xml

app = typer.Typer(help="Convert and validate DataCite metadata records.", no_args_is_help=True)

EXIT_INVALID = 1
EXIT_UNREADABLE = 2


class Target(StrEnum):
    json = "json"
    xml = "xml"


def _read(path: str) -> bytes:
    try:
        return sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as exc:
        typer.echo(f"Cannot read {path}: {exc.strerror or exc}", err=True)
        raise typer.Exit(EXIT_UNREADABLE) from None


@app.command()
def convert(
    file: Annotated[str, typer.Argument(help="DataCite XML or JSON file; - for stdin.")],
    to: Annotated[Target, typer.Option("--to", help="Output format.")],
) -> None:
    """Convert DataCite XML to DataCite JSON or back; the result goes to stdout."""
    data = _read(file)
    try:
        attributes = read_metadata(data)
        output = to_json(attributes) if to is Target.json else to_xml(attributes)
    except MetadataError as exc:
        typer.echo(f"{file}: {exc}", err=True)
        raise typer.Exit(EXIT_UNREADABLE) from None
    sys.stdout.buffer.write(output)
    sys.stdout.buffer.flush()


@app.command()
def validate(
    file: Annotated[str, typer.Argument(help="DataCite XML (or JSON, checked as kernel-4 XML).")],
) -> None:
    """Validate against the official DataCite XSD: exit 0 valid, 1 invalid, 2 unreadable."""
    data = _read(file)
    if detect_format(data) == "json":
        try:
            data = to_xml(read_metadata(data))
        except MetadataError as exc:
            typer.echo(f"{file}: {exc}", err=True)
            raise typer.Exit(EXIT_UNREADABLE) from None
    issues = validate_xml(data)
    if any(issue.kind is IssueKind.SYNTAX for issue in issues):
        for issue in issues:
            typer.echo(f"{file}: {issue.title}", err=True)
        raise typer.Exit(EXIT_UNREADABLE)
    for issue in issues:
        typer.echo(f"{issue.source}: {issue.title}")
    if issues:
        raise typer.Exit(EXIT_INVALID)
    typer.echo(f"{file}: valid")
