"""Messages a person can act on for a value outside a controlled list or a year that is not one.

libxml2 reports a misspelled ``resourceTypeGeneral`` as a facet failure
(``[facet 'enumeration'] The value 'Datasett' is not an element of the set
{…}``) and a bad year by the pattern it breaks. :func:`readable_schema_message`
turns those into ``resourceTypeGeneral 'Datasett' is not one of the allowed
values: …`` (the allowed values read from the shipped XSD's enumerations) and
``Publication year 'abc' is not a year.``; the JSON reader uses the same
wording through :func:`not_allowed_message` and :func:`publication_year_message`.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from typing import Final

from doiregistry.metadata.schema_files import (
    XSD_NAMESPACE,
    enumeration,
    iter_schema_files,
    kernel_folder,
    parse_schema_document,
)

_ENUMERATION_FAILURE: Final = re.compile(
    r"^Element '[^']*', attribute '([^']+)': \[facet 'enumeration'\] The value '(.*)' "
    r"is not an element of the set \{.*\}\.$",
    re.DOTALL,
)
_YEAR_FAILURE: Final = re.compile(
    r"^Element '(?:\{[^}]*\})?publicationYear': \[facet 'pattern'\] The value '(.+)' "
    r"is not accepted by the pattern",
    re.DOTALL,
)

_attribute_types: dict[str, dict[str, str]] = {}
_attribute_types_lock = threading.Lock()


def not_allowed_message(name: str, value: str, allowed: Iterable[str]) -> str:
    """``<name> '<value>' is not one of the allowed values: A, B, C.``"""
    return f"{name} '{value}' is not one of the allowed values: {', '.join(sorted(allowed))}."


def publication_year_message(value: object) -> str:
    """What is wrong with a ``publicationYear`` that is not a four-digit year."""
    return f"Publication year '{value}' is not a year."


def attribute_types(version: str) -> dict[str, str]:
    """Attribute name → the named ``simpleType`` it is declared with in a kernel's XSDs.

    Every attribute name has one type in each shipped kernel (``resourceTypeGeneral``
    and ``relatedItemType`` → ``resourceType``, ``dateType`` → ``dateType``…).
    """
    with _attribute_types_lock:
        cached = _attribute_types.get(version)
        if cached is not None:
            return cached
        folder = kernel_folder(version)
        types: dict[str, str] = {}
        for relative in iter_schema_files():
            if not relative.startswith(f"{folder}/"):
                continue
            for attribute in parse_schema_document(relative).iter(f"{{{XSD_NAMESPACE}}}attribute"):
                name, type_name = attribute.get("name"), attribute.get("type")
                if name and type_name and not type_name.startswith("xs:"):
                    types[name] = type_name
        _attribute_types[version] = types
        return types


def readable_schema_message(message: str, version: str) -> str | None:
    """A plainer wording of a libxml2 enumeration or year failure; ``None`` for anything else.

    ``version`` is the kernel the document was checked against, whose
    enumerations name the allowed values.
    """
    failure = _ENUMERATION_FAILURE.match(message.strip())
    if failure is not None:
        attribute, value = failure.groups()
        type_name = attribute_types(version).get(attribute)
        if type_name is None:
            return None
        return not_allowed_message(attribute, value, enumeration(type_name, version))
    year = _YEAR_FAILURE.match(message.strip())
    if year is not None:
        return publication_year_message(year.group(1))
    return None
