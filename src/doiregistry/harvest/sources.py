"""Reading DataCite metadata files into records for the importer.

Inputs (folders are walked recursively, in name order):

* DataCite XML (``.xml``): one record per file;
* JSON (``.json``): a JSON:API document (``{"data": {...}}`` or
  ``{"data": [...]}``), a list of resources, or one attributes object;
* JSON lines (``.jsonl``, ``.ndjson``), as in DataCite's public data file: one
  resource, JSON:API document or attributes object per line;

each also gzip-compressed (``.gz``). A file named otherwise is read when named
on its own (its content decides), and ignored inside a folder.

Every item comes out either as a :class:`SourceRecord` or, when it cannot be a
DOI record (a ``clients`` resource, an error document, a line that is not
JSON…), as a :class:`SourceProblem` saying why: nothing is skipped silently.
Locations name the file, plus ``:LINE`` for JSON lines and a JSON pointer
(``#/data/3``) inside a document.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Final, Literal

import orjson

Kind = Literal["xml", "json", "lines"]

_KINDS: Final[dict[str, Kind]] = {
    ".xml": "xml",
    ".json": "json",
    ".jsonl": "lines",
    ".ndjson": "lines",
}
_DOI_TYPES: Final = frozenset({"dois", "doi"})
_GZIP_ERRORS: Final = (OSError, EOFError, zlib.error)


@dataclass(frozen=True)
class SourceRecord:
    """One DOI record as found in the input.

    Exactly one of ``xml`` (a DataCite XML document) and ``attributes`` (the
    ``attributes`` of a JSON:API resource, or a bare attributes object) is set;
    ``resource_id`` is the resource's ``id`` when it had one.
    """

    location: str
    xml: bytes | None = None
    attributes: dict[str, Any] | None = None
    resource_id: str | None = None


@dataclass(frozen=True)
class SourceProblem:
    """Input that is not a DOI record, with the reason."""

    location: str
    reason: str


SourceItem = SourceRecord | SourceProblem


@dataclass(frozen=True)
class SourceFile:
    path: Path
    kind: Kind | None  # None: decided by the content
    compressed: bool
    size: int


def _kind_of(path: Path) -> tuple[Kind | None, bool]:
    compressed = path.suffix.lower() == ".gz"
    name = path.with_suffix("") if compressed else path
    return _KINDS.get(name.suffix.lower()), compressed


def _json_kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    return "a number"


def _first_error(errors: Any) -> str:
    first = errors[0] if isinstance(errors, list) and errors else None
    if isinstance(first, dict):
        return str(first.get("title") or first.get("detail") or first.get("status") or "")
    return ""


def items_of(location: str, value: Any) -> Iterator[SourceItem]:
    """The records in one decoded JSON value found at ``location``."""
    if isinstance(value, list):
        for index, item in enumerate(value):
            yield from _item(f"{location}#/{index}", item)
    elif isinstance(value, dict) and "data" in value:
        data = value["data"]
        if isinstance(data, list):
            for index, item in enumerate(data):
                yield from _item(f"{location}#/data/{index}", item)
        elif isinstance(data, dict):
            yield from _item(f"{location}#/data", data)
        else:
            yield SourceProblem(f"{location}#/data", f"data is {_json_kind(data)}, not a resource")
    elif isinstance(value, dict) and "errors" in value:
        title = _first_error(value["errors"])
        reason = "a JSON:API error document" + (f": {title}" if title else "")
        yield SourceProblem(location, reason)
    else:
        yield from _item(location, value)


def _item(location: str, item: Any) -> Iterator[SourceItem]:
    if not isinstance(item, dict):
        yield SourceProblem(location, f"expected a JSON object, found {_json_kind(item)}")
        return
    if "data" in item and "attributes" not in item:
        yield from items_of(location, item)
        return
    identifier = item.get("id")
    resource_id = identifier if isinstance(identifier, str) else None
    if "attributes" not in item:
        yield SourceRecord(location, attributes=item, resource_id=resource_id)
        return
    kind = item.get("type")
    if kind is not None and kind not in _DOI_TYPES:
        yield SourceProblem(location, f"not a DOI: a {kind!r} resource")
        return
    attributes = item["attributes"]
    if not isinstance(attributes, dict):
        yield SourceProblem(location, f"attributes is {_json_kind(attributes)}, not an object")
        return
    yield SourceRecord(location, attributes=attributes, resource_id=resource_id)


class SourceReader:
    """The records of some files and folders, read lazily, with progress in bytes.

    :attr:`total_bytes` is the size of every input file (compressed size for
    ``.gz``) and :attr:`bytes_done` how much of it has been read so far.
    """

    def __init__(self, paths: Iterable[str | Path]) -> None:
        self.files: list[SourceFile] = []
        #: files inside folders that are not XML or JSON
        self.ignored: list[Path] = []
        #: paths given that do not exist
        self.missing: list[Path] = []
        for given in paths:
            self._add(Path(given))
        self.total_bytes = sum(source.size for source in self.files)
        self._done_before = 0
        self._raw: IO[bytes] | None = None

    def _add(self, path: Path) -> None:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if not child.is_file():
                    continue
                kind, compressed = _kind_of(child)
                if kind is None:
                    self.ignored.append(child)
                else:
                    self.files.append(SourceFile(child, kind, compressed, child.stat().st_size))
        elif path.is_file():
            kind, compressed = _kind_of(path)
            self.files.append(SourceFile(path, kind, compressed, path.stat().st_size))
        else:
            self.missing.append(path)

    @property
    def bytes_done(self) -> int:
        raw = self._raw
        if raw is None or raw.closed:
            return self._done_before
        try:
            return self._done_before + raw.tell()
        except (OSError, ValueError):
            return self._done_before

    def __iter__(self) -> Iterator[SourceItem]:
        self._done_before = 0
        for path in self.missing:
            yield SourceProblem(str(path), "no such file or folder")
        for source in self.files:
            try:
                yield from self._read_file(source)
            finally:
                self._raw = None
                self._done_before += source.size

    def _read_file(self, source: SourceFile) -> Iterator[SourceItem]:
        location = str(source.path)
        try:
            raw = source.path.open("rb")
        except OSError as exc:
            yield SourceProblem(location, f"cannot be read: {exc.strerror or exc}")
            return
        self._raw = raw
        with raw:
            stream: gzip.GzipFile | IO[bytes] = (
                gzip.GzipFile(fileobj=raw, mode="rb") if source.compressed else raw
            )
            kind = source.kind
            if kind == "lines":
                yield from _read_lines(location, stream)
                return
            try:
                data = stream.read()
            except _GZIP_ERRORS as exc:
                yield SourceProblem(location, f"cannot be read: {exc}")
                return
            yield from _read_whole(location, data, kind)


def _sniff(data: bytes) -> Kind | None:
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[:1] == b"<":
        return "xml"
    if head[:1] in (b"{", b"["):
        return "json"
    return None


def _read_whole(location: str, data: bytes, kind: Kind | None) -> Iterator[SourceItem]:
    kind = kind or _sniff(data)
    if kind == "xml":
        yield SourceRecord(location, xml=data)
        return
    if kind is None:
        yield SourceProblem(location, "neither XML nor JSON")
        return
    try:
        document = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        if _looks_like_lines(data):
            yield from _read_lines(location, iter(data.splitlines(keepends=True)))
        else:
            yield SourceProblem(location, f"not valid JSON: {exc}")
        return
    yield from items_of(location, document)


def _looks_like_lines(data: bytes) -> bool:
    """True for JSON lines in a ``.json`` file: its first line is a JSON object by itself."""
    first = data.lstrip().split(b"\n", 1)[0]
    try:
        return isinstance(orjson.loads(first), dict)
    except orjson.JSONDecodeError:
        return False


def _read_lines(location: str, lines: Iterable[bytes]) -> Iterator[SourceItem]:
    number = 0
    iterator = iter(lines)
    while True:
        try:
            line = next(iterator)
        except StopIteration:
            return
        except _GZIP_ERRORS as exc:
            yield SourceProblem(f"{location}:{number + 1}", f"cannot be read: {exc}")
            return
        number += 1
        if not line.strip():
            continue
        where = f"{location}:{number}"
        try:
            value = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            yield SourceProblem(where, f"not valid JSON: {exc}")
            continue
        yield from items_of(where, value)
