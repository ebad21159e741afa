"""Which DataCite XSD a metadata document is checked against.

The root element's namespace decides the schema family; for kernel-4 the
version named in ``xsi:schemaLocation`` is used when the package ships that
XSD, otherwise the latest (4.7). Kernel-3 documents use the kernel-3 (3.1)
XSD. Every other namespace (kernel-2.x, the versioned ``kernel-3.0`` or
``kernel-4.0`` namespaces, none at all) has no shipped XSD.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from doiregistry.metadata.schema_files import (
    KERNEL_3_NAMESPACE,
    KERNEL_4_NAMESPACE,
    KERNEL_4_VERSIONS,
    LATEST_KERNEL_4,
)

XSI_NAMESPACE = "http://www.w3.org/2001/XMLSchema-instance"
_SCHEMA_LOCATION = f"{{{XSI_NAMESPACE}}}schemaLocation"
_KERNEL_4_LOCATION = re.compile(r"/kernel-(4(?:\.\d+)*)/")
_RETIRED_NAMESPACE = re.compile(r"^http://datacite\.org/schema/kernel-[23](?:\.\d+)*$")


@dataclass(frozen=True)
class SchemaChoice:
    """The namespace of a document and the shipped kernel version to validate it with.

    ``version`` is ``None`` when no XSD is shipped for the namespace.
    """

    namespace: str | None
    version: str | None


def root_namespace(root: etree._Element) -> str | None:
    """Namespace URI of the root element, ``None`` when it has none."""
    return etree.QName(root).namespace


def declared_kernel_4_version(root: etree._Element) -> str | None:
    """Kernel-4 version named in ``xsi:schemaLocation`` (``"4.3"``, ``"4"``), if any."""
    location = root.get(_SCHEMA_LOCATION) or ""
    tokens = location.split()
    # Pairs of (namespace, location); prefer the location paired with kernel-4.
    for namespace, url in zip(tokens[::2], tokens[1::2], strict=False):
        if namespace == KERNEL_4_NAMESPACE:
            match = _KERNEL_4_LOCATION.search(url)
            return match.group(1) if match else None
    for token in tokens:
        match = _KERNEL_4_LOCATION.search(token)
        if match:
            return match.group(1)
    return None


def choose_schema(root: etree._Element) -> SchemaChoice:
    """Pick the shipped XSD for a parsed DataCite document."""
    namespace = root_namespace(root)
    if namespace == KERNEL_4_NAMESPACE:
        declared = declared_kernel_4_version(root)
        version = declared if declared in KERNEL_4_VERSIONS else LATEST_KERNEL_4
        return SchemaChoice(namespace, version)
    if namespace == KERNEL_3_NAMESPACE:
        return SchemaChoice(namespace, "3")
    return SchemaChoice(namespace, None)


def is_retired_namespace(namespace: str | None) -> bool:
    """True for DataCite kernel-2.x and kernel-3.x namespaces (not accepted for registration)."""
    return namespace is not None and _RETIRED_NAMESPACE.match(namespace) is not None
