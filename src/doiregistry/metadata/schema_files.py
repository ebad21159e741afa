"""The official DataCite XML Schemas shipped as package data.

The XSDs live in ``doiregistry/metadata/schemas/`` (see its ``ATTRIBUTION.md``)
and are read with :mod:`importlib.resources`, so they work from a wheel, an
editable install or a zip. Every ``xs:include``/``xs:import`` is resolved by a
resolver that only ever answers from that folder: compiling a schema never
touches the network or any file outside the package.

Each schema is compiled once and cached; :class:`CompiledSchema` serialises
validation calls on the same schema object because lxml keeps the error log
of the last run on it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any, Final, cast

from lxml import etree

from doiregistry.metadata.errors import SchemaResourceError

#: Namespace of every DataCite kernel-4.x document.
KERNEL_4_NAMESPACE = "http://datacite.org/schema/kernel-4"
#: Namespace of DataCite kernel-3.x documents (3.1 XSD).
KERNEL_3_NAMESPACE = "http://datacite.org/schema/kernel-3"
#: Kernel-4 versions whose XSD the package ships, oldest first.
KERNEL_4_VERSIONS: tuple[str, ...] = ("4.3", "4.4", "4.5", "4.6", "4.7")
#: The current DataCite Metadata Schema version (what the writer produces).
LATEST_KERNEL_4 = KERNEL_4_VERSIONS[-1]

XSD_NAMESPACE = "http://www.w3.org/2001/XMLSchema"


@dataclass(frozen=True)
class SchemaFolder:
    """A folder of XSDs shipped as package data, and the URL prefix its files are known by.

    Schemas parsed through :func:`schema_parser` see each file at
    ``url_prefix + relative path``, so relative ``schemaLocation``s resolve within it.
    """

    package: str
    folder: str
    url_prefix: str
    label: str

    def root(self) -> Traversable:
        return files(self.package) / self.folder

    def read(self, relative: str) -> bytes:
        """Bytes of one shipped file, by path relative to the folder (``/``-separated)."""
        parts = [part for part in relative.split("/") if part]
        if not parts or any(part in {".", ".."} for part in parts):
            raise SchemaResourceError(f"Not a {self.label} file path: {relative!r}")
        node = self.root()
        for part in parts:
            node = node / part
        if not node.is_file():
            raise SchemaResourceError(
                f"{self.label.capitalize()} file not shipped with the package: {relative!r}"
            )
        return node.read_bytes()

    def files(self) -> Iterator[str]:
        """Relative paths of every ``.xsd`` file in the folder, sorted per level."""

        def walk(node: Traversable, prefix: str) -> Iterator[str]:
            for child in sorted(node.iterdir(), key=lambda item: item.name):
                if child.is_dir():
                    yield from walk(child, f"{prefix}{child.name}/")
                elif child.name.endswith(".xsd"):
                    yield f"{prefix}{child.name}"

        yield from walk(self.root(), "")


#: the DataCite kernels and their OAI wrapper (``schemas/``, see its ``ATTRIBUTION.md``)
DATACITE_SCHEMAS: Final = SchemaFolder(
    "doiregistry.metadata", "schemas", "doiregistry-schema:///", "schema"
)


def schema_root() -> Traversable:
    """The package folder holding the DataCite schemas."""
    return DATACITE_SCHEMAS.root()


def kernel_folder(version: str) -> str:
    """Folder name of a shipped kernel: ``"4.7"`` → ``"kernel-4.7"``, ``"3"`` → ``"kernel-3"``."""
    folder = f"kernel-{version}"
    if version != "3" and version not in KERNEL_4_VERSIONS:
        raise SchemaResourceError(f"No DataCite XSD shipped for kernel version {version!r}")
    return folder


def iter_schema_files() -> Iterator[str]:
    """Relative paths (``/``-separated) of every DataCite ``.xsd`` file shipped."""
    return DATACITE_SCHEMAS.files()


def read_schema_file(relative: str) -> bytes:
    """Bytes of one shipped DataCite schema file, by path relative to the schema folder."""
    return DATACITE_SCHEMAS.read(relative)


class _PackageResolver(etree.Resolver):
    """Answer schema includes and imports from the given package folders, and nothing else."""

    def __init__(self, folders: tuple[SchemaFolder, ...]) -> None:
        super().__init__()
        self._folders = folders

    # lxml passes the parser context as a third argument (the stubs omit it).
    def resolve(self, system_url: str, public_id: str, context: Any = None) -> Any:
        url = system_url or ""
        for folder in self._folders:
            if url.startswith(folder.url_prefix):
                data = folder.read(url[len(folder.url_prefix) :])
                return self.resolve_string(data, context, base_url=url)
        raise SchemaResourceError(f"Schema reference outside the package refused: {url!r}")


def schema_parser(*folders: SchemaFolder) -> etree.XMLParser:
    """A parser for XSDs whose references resolve in ``folders`` (never the network)."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True
    )
    parser.resolvers.add(_PackageResolver(folders or (DATACITE_SCHEMAS,)))
    return parser


def parse_schema_document(relative: str) -> etree._Element:
    """Parse one shipped DataCite XSD (not compiled), with includes resolvable from the package."""
    return etree.fromstring(
        read_schema_file(relative),
        schema_parser(DATACITE_SCHEMAS),
        base_url=DATACITE_SCHEMAS.url_prefix + relative,
    )


@dataclass(frozen=True)
class SchemaError:
    """One error libxml2 reported while validating against a schema."""

    message: str
    line: int
    column: int


class CompiledSchema:
    """A compiled XSD that can be used from several threads."""

    def __init__(self, document: etree._Element) -> None:
        self._schema = etree.XMLSchema(document)
        self._lock = threading.Lock()

    def errors(self, document: etree._Element | etree._ElementTree) -> list[SchemaError]:
        """Validate and return every error, in document order (empty when valid)."""
        # lxml keeps the error log of the last run on the schema object
        with self._lock:
            if self._schema.validate(document):
                return []
            # The lxml stubs do not describe the error log; entries are _LogEntry objects.
            log = cast(Iterable[Any], self._schema.error_log)
            return [
                SchemaError(str(entry.message), int(entry.line), int(entry.column)) for entry in log
            ]


_compiled: dict[str, CompiledSchema] = {}
_compiled_lock = threading.Lock()


def cached_schema(key: str, document: Callable[[], etree._Element]) -> CompiledSchema:
    """The schema compiled from ``document()`` the first time ``key`` is asked for."""
    with _compiled_lock:
        schema = _compiled.get(key)
        if schema is None:
            schema = CompiledSchema(document())
            _compiled[key] = schema
        return schema


def compiled_schema(relative: str) -> CompiledSchema:
    """The compiled schema for a shipped DataCite root XSD, compiled on first use only."""
    return cached_schema(relative, lambda: parse_schema_document(relative))


def kernel_schema(version: str) -> CompiledSchema:
    """Compiled ``metadata.xsd`` of a kernel version (``"4.7"``, ``"4.3"``, ``"3"``)."""
    return compiled_schema(f"{kernel_folder(version)}/metadata.xsd")


_enumerations: dict[tuple[str, str], frozenset[str]] = {}
_enumerations_lock = threading.Lock()


def enumeration(type_name: str, version: str = LATEST_KERNEL_4) -> frozenset[str]:
    """The values a controlled list (an XSD ``simpleType`` enumeration) allows.

    Read from the shipped XSDs of ``version``, e.g. ``enumeration("dateType")``.
    """
    key = (type_name, version)
    with _enumerations_lock:
        cached = _enumerations.get(key)
        if cached is not None:
            return cached
        folder = kernel_folder(version)
        values: set[str] = set()
        found = False
        for relative in iter_schema_files():
            if not relative.startswith(f"{folder}/"):
                continue
            document = parse_schema_document(relative)
            for simple_type in document.iter(f"{{{XSD_NAMESPACE}}}simpleType"):
                if simple_type.get("name") != type_name:
                    continue
                found = True
                for item in simple_type.iter(f"{{{XSD_NAMESPACE}}}enumeration"):
                    value = item.get("value")
                    if value is not None:
                        values.add(value)
        if not found:
            raise SchemaResourceError(f"No simpleType {type_name!r} in {folder}")
        result = frozenset(values)
        _enumerations[key] = result
        return result
