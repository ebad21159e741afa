"""The metadata formats disseminated, in the order ``ListMetadataFormats`` names them.

``oai_dc`` is unqualified Dublin Core crosswalked from the record,
``oai_datacite`` DataCite's OAI wrapper around the stored DataCite XML, and
``datacite`` the stored DataCite XML itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from doiregistry.oai.errors import OaiError


@dataclass(frozen=True)
class MetadataFormat:
    prefix: str
    schema: str
    namespace: str
    #: True when the format is made from the stored DataCite XML (not from attributes)
    needs_xml: bool


OAI_DC: Final = MetadataFormat(
    "oai_dc",
    "http://www.openarchives.org/OAI/2.0/oai_dc.xsd",
    "http://www.openarchives.org/OAI/2.0/oai_dc/",
    needs_xml=False,
)
OAI_DATACITE: Final = MetadataFormat(
    "oai_datacite",
    "http://schema.datacite.org/oai/oai-1.1/oai.xsd",
    "http://schema.datacite.org/oai/oai-1.1/",
    needs_xml=True,
)
DATACITE: Final = MetadataFormat(
    "datacite",
    "http://schema.datacite.org/meta/kernel-4/metadata.xsd",
    "http://datacite.org/schema/kernel-4",
    needs_xml=True,
)
FORMATS: Final = (OAI_DC, OAI_DATACITE, DATACITE)
_BY_PREFIX: Final = {item.prefix: item for item in FORMATS}


def metadata_format(prefix: str) -> MetadataFormat:
    """The format of a metadata prefix, or ``cannotDisseminateFormat``."""
    found = _BY_PREFIX.get(prefix)
    if found is None:
        raise OaiError(
            "cannotDisseminateFormat",
            f"The metadata format '{prefix}' is not supported by this repository.",
        )
    return found
