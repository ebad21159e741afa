"""The OAI-PMH XML Schemas shipped as package data, and the schema of a whole response.

The XSDs live in ``doiregistry/oai/schemas/`` (see its ``ATTRIBUTION.md``)
and are read with :mod:`importlib.resources`. As for the DataCite schemas
(:mod:`doiregistry.metadata.schema_files`), every ``xs:import`` is answered
by a resolver that only reads package data: this folder, or the DataCite
schemas for the ``oai_datacite`` wrapper and the metadata kernels. Compiling
never touches the network.

:func:`response_schema` is what a harvester would check a response with: the
OAI-PMH envelope together with every format this provider disseminates (the
envelope's ``metadata`` and ``description`` parts are validated strictly, so
their schemas must be known).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from importlib.resources import files
from typing import Any, Final, cast

from lxml import etree

from doiregistry.metadata.errors import SchemaResourceError
from doiregistry.metadata.schema_files import SchemaError, read_schema_file

OAI_URL_PREFIX: Final = "doiregistry-oai-schema:///"
DATACITE_URL_PREFIX: Final = "doiregistry-schema:///"

#: namespace → schema location of everything a response may contain
RESPONSE_IMPORTS: Final = (
    ("http://www.openarchives.org/OAI/2.0/", OAI_URL_PREFIX + "OAI-PMH.xsd"),
    ("http://www.openarchives.org/OAI/2.0/oai_dc/", OAI_URL_PREFIX + "oai_dc.xsd"),
    (
        "http://www.openarchives.org/OAI/2.0/oai-identifier",
        OAI_URL_PREFIX + "oai-identifier.xsd",
    ),
    ("http://schema.datacite.org/oai/oai-1.1/", DATACITE_URL_PREFIX + "oai-1.1/oai.xsd"),
)
_XSD: Final = "http://www.w3.org/2001/XMLSchema"


def read_oai_schema_file(name: str) -> bytes:
    """Bytes of one shipped OAI-PMH schema file (``"OAI-PMH.xsd"``)."""
    if not name or "/" in name or name in {".", ".."}:
        raise SchemaResourceError(f"Not an OAI-PMH schema file: {name!r}")
    node = files("doiregistry.oai") / "schemas" / name
    if not node.is_file():
        raise SchemaResourceError(f"OAI-PMH schema not shipped with the package: {name!r}")
    return node.read_bytes()


def oai_schema_names() -> list[str]:
    """Names of the shipped OAI-PMH ``.xsd`` files, sorted."""
    folder = files("doiregistry.oai") / "schemas"
    return sorted(item.name for item in folder.iterdir() if item.name.endswith(".xsd"))


class _PackageResolver(etree.Resolver):
    """Answer imports from the package's schema folders, and nothing else."""

    def resolve(self, system_url: str, public_id: str, context: Any = None) -> Any:
        url = system_url or ""
        if url.startswith(OAI_URL_PREFIX):
            data = read_oai_schema_file(url[len(OAI_URL_PREFIX) :])
        elif url.startswith(DATACITE_URL_PREFIX):
            data = read_schema_file(url[len(DATACITE_URL_PREFIX) :])
        else:
            raise SchemaResourceError(f"Schema reference outside the package refused: {url!r}")
        return self.resolve_string(data, context, base_url=url)


def _parser() -> etree.XMLParser:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True
    )
    parser.resolvers.add(_PackageResolver())
    return parser


class Schema:
    """A compiled XSD usable from several threads (lxml keeps the last error log on it)."""

    def __init__(self, document: etree._Element) -> None:
        self._schema = etree.XMLSchema(document)
        self._lock = threading.Lock()

    def errors(self, document: etree._Element | etree._ElementTree) -> list[SchemaError]:
        """Every validation error, in document order (empty when valid)."""
        with self._lock:
            if self._schema.validate(document):
                return []
            log = cast(Iterable[Any], self._schema.error_log)
            return [
                SchemaError(str(entry.message), int(entry.line), int(entry.column)) for entry in log
            ]


def _driver(imports: Iterable[tuple[str, str]]) -> etree._Element:
    """An XSD that only imports ``imports`` (namespace, location)."""
    root = etree.Element(f"{{{_XSD}}}schema", nsmap={"xs": _XSD})
    for namespace, location in imports:
        etree.SubElement(root, f"{{{_XSD}}}import", namespace=namespace, schemaLocation=location)
    text = etree.tostring(root)
    return etree.fromstring(text, _parser(), base_url=OAI_URL_PREFIX + "driver.xsd")


_cache: dict[str, Schema] = {}
_cache_lock = threading.Lock()


def _cached(key: str, imports: Iterable[tuple[str, str]]) -> Schema:
    with _cache_lock:
        schema = _cache.get(key)
        if schema is None:
            schema = Schema(_driver(imports))
            _cache[key] = schema
        return schema


def oai_schema(name: str) -> Schema:
    """One shipped OAI-PMH schema on its own (``"oai_dc.xsd"``), compiled once."""
    document = etree.fromstring(
        read_oai_schema_file(name), _parser(), base_url=OAI_URL_PREFIX + name
    )
    with _cache_lock:
        schema = _cache.get(name)
        if schema is None:
            schema = Schema(document)
            _cache[name] = schema
        return schema


def response_schema(kernel_version: str = "4.7") -> Schema:
    """OAI-PMH 2.0 with ``oai_dc``, ``oai_datacite`` and one DataCite kernel-4 version.

    Kernel-4 versions share one namespace, so a response is checked with one
    of them; payloads are also checked one by one against their own version.
    """
    kernel = (
        "http://datacite.org/schema/kernel-4",
        f"{DATACITE_URL_PREFIX}kernel-{kernel_version}/metadata.xsd",
    )
    return _cached(f"response:{kernel_version}", [*RESPONSE_IMPORTS, kernel])
