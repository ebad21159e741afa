"""The typed input of a DOI write: what a request asks to change, as plain values.

Every surface builds one: the REST API from its JSON:API document
(:mod:`doiregistry.api.rest.doi_body`), MDS from its plain-text requests, the
importer from its records; DataCite attribute values become one through
:func:`~doiregistry.registry.dois.attribute_reader.read_attributes`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from doiregistry.domain.errors import FieldError
from doiregistry.metadata.presentation import XML_METADATA_ATTRIBUTES

#: every metadata attribute that is also expressed in the XML (the keys ``metadata`` may hold)
METADATA_KEYS: Final = XML_METADATA_ATTRIBUTES


@dataclass(frozen=True)
class DoiPayload:
    """The checked content of one create or update request.

    ``*_given`` tell an attribute sent as ``null`` (clear it) from one not sent (keep it).
    """

    doi: str | None = None
    prefix: str | None = None
    event: str | None = None
    url: str | None = None
    url_given: bool = False
    #: the metadata document as sent (DataCite XML, or DataCite JSON), decoded from base64
    xml: bytes | None = None
    xml_given: bool = False
    #: metadata attributes present in the request (``None`` = sent as JSON null)
    metadata: Mapping[str, Any] = field(default_factory=dict)
    schema_version: str | None = None
    content_url: list[str] | None = None
    content_url_given: bool = False
    landing_page: dict[str, Any] | None = None
    source: str | None = None
    reason: str | None = None
    reason_given: bool = False
    should_validate: bool = False
    mode: str | None = None
    #: the repository named by the request (staff creating a DOI, or a transfer)
    client_id: str | None = None
    #: problems with the values sent, reported (422) together with the rules' findings
    errors: tuple[FieldError, ...] = ()
