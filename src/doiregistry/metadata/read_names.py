"""Creators and contributors: names, name identifiers and affiliations.

Each ``creator`` / ``contributor`` element becomes::

    {"nameType", "name", "givenName", "familyName",
     "nameIdentifiers": [{"nameIdentifier", "nameIdentifierScheme", "schemeUri"}],
     "affiliation": [{"name", "affiliationIdentifier",
                      "affiliationIdentifierScheme", "schemeUri"}],
     "contributorType"}

with keys present only when they have a value. As in DataCite:

* ``name`` is the ``creatorName`` / ``contributorName`` text, tidied: a
  trailing initial (``Smith J.``) gets a comma (``Smith, J.``), `` - `` loses
  its spaces, the first letter of each word is capitalised and every
  whitespace character becomes a plain space. With both ``givenName`` and
  ``familyName`` the name is ``Family, Given``.
* Without a ``familyName``, a name that is not ``Organizational`` and either
  has an ORCID iD or is written ``Family, Given`` (no ``;``) is split into
  given and family name and marked ``Personal``. DataCite also splits
  ``Given Family`` names whose first word is a known given name; we have no
  such list and leave those names as written.
* ORCID and ROR name identifiers become full ``https://orcid.org/…`` /
  ``https://ror.org/…`` URLs with the scheme URI ``https://orcid.org`` /
  ``https://ror.org`` (an ORCID iD that cannot be recognised loses its
  ``nameIdentifier``); other identifiers keep their text and ``schemeURI``.
* An affiliation identifier that is not an ``https://`` URL is prefixed with
  the affiliation's ``schemeURI``; ROR ids become ``https://ror.org/…`` URLs.
* A creator with more than one name element is malformed and skipped.
"""

from __future__ import annotations

import re
from typing import Any

from doiregistry.metadata.read_identifiers import normalize_id, normalize_orcid, normalize_ror
from doiregistry.metadata.read_text import squish
from doiregistry.metadata.read_tree import (
    Element,
    attr,
    child,
    children,
    has_children,
    is_blank,
    nested,
    own_text,
    text_or_none,
)

_WHITESPACE_CHARS = frozenset(
    "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
    "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


def _spaces(text: str) -> str:
    """Every whitespace character replaced by one plain space (no trimming)."""
    return "".join(" " if char in _WHITESPACE_CHARS else char for char in text)


def _compact(mapping: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in mapping.items() if value is not None}


def read_name_identifier(element: Element) -> dict[str, Any] | None:
    """One ``nameIdentifier`` element, normalised for ORCID and ROR."""
    if is_blank(element):
        return None
    text = own_text(element)
    value = text.strip() or None
    scheme = attr(element, "nameIdentifierScheme")
    if scheme == "ORCID":
        return _compact(
            {
                "nameIdentifier": normalize_orcid(value),
                "schemeUri": "https://orcid.org",
                "nameIdentifierScheme": "ORCID",
            }
        )
    if scheme == "ROR":
        return _compact(
            {
                "nameIdentifier": normalize_ror(value),
                "schemeUri": "https://ror.org",
                "nameIdentifierScheme": "ROR",
            }
        )
    return _compact(
        {
            "nameIdentifier": value,
            "schemeUri": attr(element, "schemeURI"),
            "nameIdentifierScheme": scheme,
        }
    )


def read_affiliation(element: Element) -> dict[str, Any] | None:
    """One ``affiliation`` element as an affiliation object."""
    if is_blank(element):
        return None
    name = squish(own_text(element)) or None
    scheme = attr(element, "affiliationIdentifierScheme")
    scheme_uri = attr(element, "schemeURI")
    raw_identifier = attr(element, "affiliationIdentifier")
    identifier: str | None = None
    if raw_identifier:
        prefix = None
        if scheme_uri:
            prefix = scheme_uri if scheme_uri.endswith("/") else scheme_uri + "/"
        if not raw_identifier.startswith("https://") and prefix:
            identifier = normalize_id(prefix + raw_identifier)
        else:
            identifier = normalize_id(raw_identifier)
        if identifier is None:
            identifier = normalize_ror(raw_identifier) if scheme == "ROR" else raw_identifier
    return _compact(
        {
            "name": name,
            "affiliationIdentifier": identifier,
            "affiliationIdentifierScheme": scheme,
            "schemeUri": scheme_uri,
        }
    )


_TRAILING_INITIALS = re.compile(r"\s([A-Z]\.)?(-?[A-Z]\.)$", re.M)
_WORD_START = re.compile(r"\b(['’]?[a-z])")
#: Lower-case words that start a family name (``von Mering``, ``van der Berg``).
NAME_PARTICLES = frozenset(
    {"da", "de", "del", "della", "der", "di", "do", "dos", "du"}
    | {"la", "le", "ten", "ter", "van", "von", "zu"}
)


def tidy_name(text: str) -> str:
    """A creator name tidied the way DataCite tidies it (see module notes)."""
    if "," not in text:
        text = _TRAILING_INITIALS.sub(lambda m: ", " + (m.group(1) or "") + m.group(2), text)
    text = text.replace(" - ", "-")
    text = _WORD_START.sub(lambda m: m.group(1).capitalize(), text)
    return _spaces(text)


_NAME_PART = re.compile(r"(?:[^\W\d_]|[.'\u2019\- ])+")


def split_personal_name(name: str) -> tuple[str | None, str | None]:
    """``(given, family)`` of ``Family, Given`` or ``Given Family``.

    ``(None, None)`` when the name holds anything but letters, spaces, dots,
    hyphens and apostrophes (``Smith, J. (Ed.)``): such names are not split.
    """
    if "," in name:
        family, _, given = name.partition(",")
        family, given = family.strip(), given.strip()
        if not all(_NAME_PART.fullmatch(part) for part in (family, given) if part):
            return None, None
        return given or None, family or None
    words = name.split()
    if not all(_NAME_PART.fullmatch(word) for word in words):
        return None, None
    if len(words) < 2:
        return None, None
    first_family = len(words) - 1
    for index in range(1, len(words) - 1):
        if words[index] in NAME_PARTICLES:
            first_family = index
            break
    return " ".join(words[:first_family]), " ".join(words[first_family:])


def is_personal_name(name: str | None, name_type: str | None, orcid: bool) -> bool:
    """Whether DataCite would treat a name without family name as a person's."""
    if name_type == "Organizational" or not name:
        return False
    return orcid or ("," in name and ";" not in name)


def _name_text(element: Element | None) -> str | None:
    if element is None:
        return None
    return text_or_none(element)


def read_person(element: Element, name_element: str) -> dict[str, Any] | None:
    """A ``creator`` or ``contributor`` element (``name_element`` is its name child).

    Returns ``None`` for a malformed entry (more than one name element).
    """
    if not has_children(element):
        # <creator>Text</creator>: the text is the name
        text = own_text(element)
        return build_person(name=tidy_name(text) if text.strip() else None)
    name_elements = children(element, name_element)
    if len(name_elements) > 1:
        return None
    name_el = name_elements[0] if name_elements else None
    name_text = _name_text(name_el)
    name_identifiers = [
        found
        for found in (read_name_identifier(el) for el in children(element, "nameIdentifier"))
        if found is not None
    ]
    affiliations = [
        found
        for found in (read_affiliation(el) for el in children(element, "affiliation"))
        if found is not None
    ]
    return build_person(
        name=tidy_name(name_text) if name_text is not None else None,
        name_type=attr(name_el, "nameType"),
        given=_name_text(child(element, "givenName")),
        family=_name_text(child(element, "familyName")),
        name_identifiers=name_identifiers,
        affiliations=affiliations,
        contributor_type=attr(element, "contributorType"),
    )


def build_person(
    *,
    name: str | None,
    name_type: str | None = None,
    given: str | None = None,
    family: str | None = None,
    name_identifiers: list[dict[str, Any]] | None = None,
    affiliations: list[dict[str, Any]] | None = None,
    contributor_type: str | None = None,
) -> dict[str, Any]:
    """A creator/contributor object from its parts, completing personal names."""
    if family and given:
        name = f"{family}, {given}"
    if not family:
        orcid = any(i.get("nameIdentifierScheme") == "ORCID" for i in name_identifiers or [])
        if is_personal_name(name, name_type, orcid) and name is not None:
            given, family = split_personal_name(name)
            name_type = "Personal"
            if family:
                name = f"{family}, {given}" if given else family
        else:
            given = None
    return _compact(
        {
            "nameType": name_type,
            "name": name,
            "givenName": given,
            "familyName": family,
            "nameIdentifiers": name_identifiers or None,
            "affiliation": affiliations or None,
            "contributorType": contributor_type,
        }
    )


def read_creators(parent: Element, wrapper: str = "creators") -> list[dict[str, Any]]:
    """Every ``creators/creator`` of ``parent``."""
    found = (read_person(el, "creatorName") for el in nested(parent, wrapper, "creator"))
    return [person for person in found if person is not None]


def read_contributors(parent: Element, wrapper: str = "contributors") -> list[dict[str, Any]]:
    """Every ``contributors/contributor`` of ``parent``."""
    found = (read_person(el, "contributorName") for el in nested(parent, wrapper, "contributor"))
    return [person for person in found if person is not None]
