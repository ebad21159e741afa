"""The OAI-PMH XML Schemas shipped as package data, and the schema of a whole response.

The XSDs live in ``doiregistry/oai/schemas/`` (see its ``ATTRIBUTION.md``)
and are read through the one XSD wrapper of the package
(:mod:`doiregistry.metadata.schema_files`): every ``xs:import`` is answered
from package data only, this folder or the DataCite schemas (for the
``oai_datacite`` wrapper and the metadata kernels). Compiling never touches
the network.

:func:`response_schema` is what a harvester would check a response with: the
OAI-PMH envelope together with every format this provider disseminates (the
envelope's ``metadata`` and ``description`` parts are validated strictly, so
their schemas must be known).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from lxml import etree

from doiregistry.metadata.errors import SchemaResourceError
from doiregistry.metadata.schema_files import (
    DATACITE_SCHEMAS,
    CompiledSchema,
    SchemaFolder,
    cached_schema,
    schema_parser,
)

#: the OAI-PMH schemas (``schemas/``, see its ``ATTRIBUTION.md``)
OAI_SCHEMAS: Final = SchemaFolder(
    "doiregistry.oai", "schemas", "doiregistry-oai-schema:///", "OAI-PMH schema"
)
OAI_URL_PREFIX: Final = OAI_SCHEMAS.url_prefix
DATACITE_URL_PREFIX: Final = DATACITE_SCHEMAS.url_prefix

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
    if "/" in name:
        raise SchemaResourceError(f"Not an OAI-PMH schema file path: {name!r}")
    return OAI_SCHEMAS.read(name)


def oai_schema_names() -> list[str]:
    """Names of the shipped OAI-PMH ``.xsd`` files, sorted."""
    return sorted(OAI_SCHEMAS.files())


def _parse(text: bytes, url: str) -> etree._Element:
    return etree.fromstring(text, schema_parser(OAI_SCHEMAS, DATACITE_SCHEMAS), base_url=url)


def _driver(imports: Iterable[tuple[str, str]]) -> etree._Element:
    """An XSD that only imports ``imports`` (namespace, location)."""
    root = etree.Element(f"{{{_XSD}}}schema", nsmap={"xs": _XSD})
    for namespace, location in imports:
        etree.SubElement(root, f"{{{_XSD}}}import", namespace=namespace, schemaLocation=location)
    return _parse(etree.tostring(root), OAI_URL_PREFIX + "driver.xsd")


def oai_schema(name: str) -> CompiledSchema:
    """One shipped OAI-PMH schema on its own (``"oai_dc.xsd"``), compiled once."""
    return cached_schema(
        OAI_URL_PREFIX + name, lambda: _parse(read_oai_schema_file(name), OAI_URL_PREFIX + name)
    )


def response_schema(kernel_version: str = "4.7") -> CompiledSchema:
    """OAI-PMH 2.0 with ``oai_dc``, ``oai_datacite`` and one DataCite kernel-4 version.

    Kernel-4 versions share one namespace, so a response is checked with one
    of them; payloads are also checked one by one against their own version.
    """
    kernel = (
        "http://datacite.org/schema/kernel-4",
        f"{DATACITE_URL_PREFIX}kernel-{kernel_version}/metadata.xsd",
    )
    return cached_schema(
        f"oai-response:{kernel_version}", lambda: _driver([*RESPONSE_IMPORTS, kernel])
    )
