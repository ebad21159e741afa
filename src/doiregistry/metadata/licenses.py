"""SPDX licences: recognising a ``rightsList`` entry and rewriting it.

A rights entry is recognised as an SPDX licence when its
``rightsIdentifier`` equals a licence id (any case), when its text equals a
licence's full name or id, or when its ``rightsUri`` (or its text, if that is
a URL) points at the licence's reference page. Creative Commons deed URLs
(``…/licenses/by/4.0/``) are first rewritten to their ``legalcode`` page,
as DataCite does. A recognised entry becomes::

    {"rights": "<SPDX name>", "rightsUri": "<first SPDX reference URL>",
     "rightsIdentifier": "<lower-case SPDX id>", "rightsIdentifierScheme": "SPDX",
     "schemeUri": "https://spdx.org/licenses/", "lang": "<kept>"}

Unrecognised entries keep their values; ``rightsIdentifier`` is lower-cased.
The licence data is the SPDX License List shipped in ``data/spdx_licenses.json``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any
from urllib.parse import urlsplit, urlunsplit

SPDX_SCHEME_URI = "https://spdx.org/licenses/"
SPDX_SCHEME = "SPDX"

_CC = "https://creativecommons.org/licenses"
_CC_KINDS = ("by", "by-nc", "by-nd-nc", "by-nc-sa", "by-nd", "by-sa", "by-nc-nd")
_CC_VERSIONS = ("1.0", "2.0", "2.5", "3.0", "4.0")


def _cc_legalcode_urls() -> dict[str, str]:
    """Deed URL (https, no trailing slash) → legal-code URL, as DataCite maps them.

    DataCite maps ``by-nd/4.0`` to the 2.0 legal code by mistake; we map it to
    4.0. The US port of CC BY 3.0 is mapped to the unported licence, as in
    DataCite.
    """
    urls = {
        f"{_CC}/{kind}/{version}": f"{_CC}/{kind}/{version}/legalcode"
        for kind in _CC_KINDS
        for version in _CC_VERSIONS
    }
    urls[f"{_CC}/by/3.0/us"] = f"{_CC}/by/3.0/legalcode"
    urls[f"{_CC}/publicdomain"] = f"{_CC}/publicdomain/"
    urls["https://creativecommons.org/publicdomain/zero/1.0"] = (
        "https://creativecommons.org/publicdomain/zero/1.0/legalcode"
    )
    return urls


@dataclass(frozen=True)
class License:
    """One SPDX licence: id, full name and reference URLs."""

    id: str
    name: str
    see_also: tuple[str, ...]
    deprecated: bool

    @property
    def url(self) -> str | None:
        """The first reference URL, which DataCite uses as ``rightsUri``."""
        return self.see_also[0] if self.see_also else None


@dataclass(frozen=True)
class _Index:
    by_id: dict[str, License]
    by_name: dict[str, License]
    by_url: dict[str, License]
    cc_urls: dict[str, str]


@cache
def _index() -> _Index:
    text = files("doiregistry.metadata").joinpath("data/spdx_licenses.json").read_text("utf-8")
    raw: dict[str, Any] = json.loads(text)
    licenses = [
        License(str(row[0]), str(row[1]), tuple(str(u) for u in row[2]), bool(row[3]))
        for row in raw["licenses"]
    ]
    # Current ids win over deprecated ones that share a name or URL.
    ordered = sorted(licenses, key=lambda lic: lic.deprecated, reverse=True)
    by_id = {lic.id.lower(): lic for lic in ordered}
    by_name = {lic.name: lic for lic in ordered}
    by_url = {lic.url: lic for lic in ordered if lic.url}
    return _Index(by_id, by_name, by_url, _cc_legalcode_urls())


def license_list_version() -> str:
    """Version of the bundled SPDX License List."""
    text = files("doiregistry.metadata").joinpath("data/spdx_licenses.json").read_text("utf-8")
    return str(json.loads(text)["licenseListVersion"])


def get_license(license_id: str) -> License | None:
    """The SPDX licence with this id (any case)."""
    return _index().by_id.get(license_id.lower())


def normalize_license_url(url: str | None) -> str | None:
    """A licence URL in the form it is compared with SPDX reference URLs.

    ``http`` becomes ``https``, repeated and trailing slashes are dropped and
    Creative Commons deed URLs become their legal-code URLs. ``info:`` URIs
    are returned unchanged; anything that is not a URL gives ``None``.
    """
    if not url:
        return None
    if url.startswith("info"):
        return url
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https", "ftp") or not parts.netloc:
        return None
    path = re.sub(r"/{2,}", "/", parts.path)
    if len(path) > 1:
        path = path.rstrip("/")
    normalized = urlunsplit(("https", parts.netloc, path, parts.query, parts.fragment))
    return _index().cc_urls.get(normalized, normalized)


def find_license(
    *,
    identifier: str | None = None,
    uri: str | None = None,
    text: str | None = None,
) -> License | None:
    """The SPDX licence a rights entry refers to, if any.

    Tried in DataCite's order: identifier, URI, text as full name (or, for a
    bare string, as id), text as URL.
    """
    index = _index()
    if identifier:
        found = index.by_id.get(identifier.lower())
        if found:
            return found
    normalized_uri = normalize_license_url(uri)
    if normalized_uri and normalized_uri in index.by_url:
        return index.by_url[normalized_uri]
    if text:
        if text in index.by_name:
            return index.by_name[text]
        by_id = index.by_id.get(text.lower())
        if by_id is not None and by_id.id == text:
            return by_id
        normalized = normalize_license_url(text)
        if normalized and normalized in index.by_url:
            return index.by_url[normalized]
    return None


def normalize_rights(entry: dict[str, Any]) -> dict[str, Any]:
    """Rewrite one ``rightsList`` entry to its SPDX form when it names a licence.

    ``entry`` uses the JSON attribute keys (``rights``, ``rightsUri``,
    ``rightsIdentifier``, ``rightsIdentifierScheme``, ``schemeUri``, ``lang``).
    Keys without a value are left out of the result.
    """

    def text_value(key: str) -> str | None:
        value = entry.get(key)
        return value if isinstance(value, str) and value else None

    rights = entry.get("rights")
    found = find_license(
        identifier=text_value("rightsIdentifier"),
        uri=text_value("rightsUri"),
        text=rights if isinstance(rights, str) else None,
    )
    if found is not None:
        result: dict[str, Any] = {
            "rights": found.name,
            "rightsUri": found.url,
            "rightsIdentifier": found.id.lower(),
            "rightsIdentifierScheme": SPDX_SCHEME,
            "schemeUri": SPDX_SCHEME_URI,
            "lang": entry.get("lang"),
        }
    else:
        identifier = entry.get("rightsIdentifier")
        result = {
            "rights": rights,
            "rightsUri": entry.get("rightsUri"),
            "rightsIdentifier": identifier.lower() if isinstance(identifier, str) else identifier,
            "rightsIdentifierScheme": entry.get("rightsIdentifierScheme"),
            "schemeUri": entry.get("schemeUri"),
            "lang": entry.get("lang"),
        }
    return {key: value for key, value in result.items() if value is not None}
