"""DataCite JSON (``application/vnd.datacite.datacite+json``).

bolognese's DataCite JSON is its crosscite form with camel-case keys and the
publisher given by name (``publisher`` is a string here, as in the REST API's
default presentation).
"""

from __future__ import annotations

from typing import Any

from doiregistry.domain.doi_record import DoiRecord
from doiregistry.formats.crosscite import crosscite
from doiregistry.formats.metadata_values import publisher_name


def camel_case(key: str) -> str:
    """``rights_list`` → ``rightsList``."""
    head, *rest = key.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def datacite_json(record: DoiRecord) -> dict[str, Any]:
    """One DOI as DataCite JSON."""
    document = {camel_case(key): value for key, value in crosscite(record).items()}
    name = publisher_name(record.attributes)
    if name is not None:
        document["publisher"] = name
    return document
