"""Record identifiers: ``doi:`` and the lower-case DOI (``doi:10.5072/abc``).

When the repository has an OAI identifier namespace configured
(``oai_repository_identifier``), ``oai:<namespace>:<DOI>`` is accepted as
well. Anything else, an identifier without a colon included, names nothing
here (``idDoesNotExist``).
"""

from __future__ import annotations

import re
from typing import Final

from doiregistry.metadata.doi import normalize_doi
from doiregistry.oai.errors import OaiError

_DOI: Final = re.compile(r"10\.[0-9]{4,9}/\S+")
_MAX_LENGTH: Final = 255


def identifier_of(doi: str) -> str:
    """The OAI identifier of a DOI."""
    return f"doi:{normalize_doi(doi)}"


def unknown(identifier: str) -> OaiError:
    return OaiError("idDoesNotExist", f'"{identifier}" is unknown or illegal in this repository.')


def doi_of(identifier: str, repository_identifier: str = "") -> str:
    """The lower-case DOI an identifier names, or ``idDoesNotExist``."""
    scheme, colon, rest = identifier.partition(":")
    if not colon:
        raise unknown(identifier)
    candidate: str | None = None
    if scheme.lower() == "doi":
        candidate = rest
    elif scheme == "oai" and repository_identifier:
        namespace, colon, local = rest.partition(":")
        if colon and namespace.lower() == repository_identifier.lower():
            candidate = local
    if candidate is None or len(candidate) > _MAX_LENGTH or not _DOI.fullmatch(candidate):
        raise unknown(identifier)
    return normalize_doi(candidate)
