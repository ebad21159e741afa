"""Recognising and normalising persistent identifiers found in DataCite XML.

DOIs are recognised bare, with ``doi:``, or as ``doi.org`` / ``dx.doi.org``
(and DataCite's handle test servers) URLs, and are returned lower-case.
ORCID iDs and ROR ids become their canonical ``https://`` URLs, Crossref
Funder IDs become ``https://doi.org/10.13039/<number>``, and other
``http(s)`` URLs are tidied (scheme and host lower-cased, default port,
fragment and trailing slash dropped). Functions return ``None`` for input
they do not recognise; callers decide whether to keep the raw value.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit, urlunsplit

_DOI_RESOLVERS = r"(?:doi\.org|handle\.stage\.datacite\.org|handle\.test\.datacite\.org)"
_DOI = re.compile(
    rf"\A(?:https?:/(?:/)?(?:dx\.)?{_DOI_RESOLVERS}/)?(?:doi:)?(10\.\d{{4,5}}/.+)\Z", re.S
)
_FUNDER_DOI = re.compile(
    rf"\A(?:https?:/(?:/)?(?:dx\.)?{_DOI_RESOLVERS}/)?(?:doi:)?(?:10\.13039/)?([1-9]\d+)\Z"
)
_ORCID = re.compile(
    r"\A(?:https?://(?:www\.)?orcid\.org/)?(\d{4}[\s-]\d{4}[\s-]\d{4}[\s-]\d{3}[0-9X]+)\Z"
)
_ROR = re.compile(r"\A(?:(?:https?://)?(?:www\.)?ror\.org/)?(0[a-z0-9]{6}\d{2})/?\Z")
_ZERO_WIDTH_SPACE = "\u200b"

#: Canonical spelling of ``alternateIdentifierType`` values DataCite fixes.
IDENTIFIER_TYPES: dict[str, str] = {
    "ark": "ARK",
    "arxiv": "arXiv",
    "bibcode": "bibcode",
    "doi": "DOI",
    "ean13": "EAN13",
    "eissn": "EISSN",
    "handle": "Handle",
    "igsn": "IGSN",
    "isbn": "ISBN",
    "issn": "ISSN",
    "istc": "ISTC",
    "lissn": "LISSN",
    "lsid": "LSID",
    "pmid": "PMID",
    "purl": "PURL",
    "upc": "UPC",
    "url": "URL",
    "urn": "URN",
    "md5": "md5",
    "minid": "minid",
    "dataguid": "dataguid",
}


def identifier_type(value: str | None) -> str | None:
    """Canonical capitalisation of a known identifier type; others unchanged."""
    if not value:
        return None
    return IDENTIFIER_TYPES.get(value.lower(), value)


def validate_doi(value: str | None) -> str | None:
    """The lower-case DOI name in ``value`` (bare, ``doi:`` or resolver URL)."""
    if not value:
        return None
    match = _DOI.match(value)
    if match is None:
        return None
    return match.group(1).replace(_ZERO_WIDTH_SPACE, "").lower()


def doi_as_url(doi: str) -> str:
    """``https://doi.org/<doi>`` with unsafe characters percent-encoded."""
    return "https://doi.org/" + quote(doi, safe="/:;()._-~*$=,!'@&+?#[]")


def validate_funder_doi(value: str | None) -> str | None:
    """A Crossref Funder ID as ``https://doi.org/10.13039/<number>``."""
    if not value:
        return None
    match = _FUNDER_DOI.match(value)
    if match is None:
        return None
    return "https://doi.org/10.13039/" + match.group(1)


def validate_orcid(value: str | None) -> str | None:
    """The bare ORCID iD (``0000-0002-1825-0097``) in ``value``."""
    if not value:
        return None
    match = _ORCID.match(value)
    if match is None:
        return None
    return re.sub(r"\s", "-", match.group(1))


def normalize_orcid(value: str | None) -> str | None:
    """``https://orcid.org/<iD>`` for a recognisable ORCID iD."""
    orcid = validate_orcid(value)
    return f"https://orcid.org/{orcid}" if orcid else None


def normalize_ror(value: str | None) -> str | None:
    """``https://ror.org/<id>`` for a recognisable ROR id (bare or URL)."""
    if not value:
        return None
    match = _ROR.match(value.strip())
    if match is None:
        return None
    return "https://ror.org/" + match.group(1)


def clean_url(value: str | None) -> str | None:
    """A tidied ``http(s)`` URL, or ``None`` for anything else.

    Scheme and host are lower-cased, a default port, the fragment, repeated
    slashes and a trailing slash on the path are removed.
    """
    if not value:
        return None
    try:
        parts = urlsplit(value.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower()
    if port is not None and port != (80 if scheme == "http" else 443):
        host = f"{host}:{port}"
    if parts.username:
        host = f"{parts.username}@{host}"
    path = re.sub(r"/{2,}", "/", parts.path)
    if len(path) > 1:
        path = path.rstrip("/")
    return urlunsplit((scheme, host, path, parts.query, ""))


def normalize_id(value: str | None) -> str | None:
    """A DOI as its ``https://doi.org/`` URL, else a tidied ``http(s)`` URL."""
    if not value:
        return None
    doi = validate_doi(value)
    if doi:
        return doi_as_url(doi)
    return clean_url(value)
