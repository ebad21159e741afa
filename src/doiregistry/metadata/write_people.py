"""Writing creators and contributors (with their names, identifiers and affiliations).

A person or organisation in the REST form is
``{name, nameType, givenName, familyName, lang, nameIdentifiers: [...],
affiliation: [...]}`` (plus ``contributorType`` for contributors).
Affiliations may be plain strings (names) or objects
``{name, affiliationIdentifier, affiliationIdentifierScheme, schemeUri}``.

The kernel-4 XSD declares ``nameIdentifier`` and ``affiliation`` with an
``xsi:type`` attribute on the element declaration, which XML Schema ignores:
their content is unconstrained (``anyType``). So they are written as given,
even without an identifier value, a scheme or a name, and keep everything a
document read from DataCite XML had.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lxml import etree

from doiregistry.metadata.write_values import (
    as_list,
    as_mapping,
    clean_text,
    controlled,
    language,
    nonempty,
    text_of,
)


def _set(element: etree._Element, name: str, value: str | None) -> None:
    if value is not None:
        element.set(name, value)


def _display_name(person: Mapping[str, Any]) -> str | None:
    """The name to write: ``name``, else ``"Family, Given"`` (DataCite's format)."""
    name = nonempty(person.get("name"))
    if name is not None:
        return name
    family = nonempty(person.get("familyName"))
    given = nonempty(person.get("givenName"))
    if family and given:
        return f"{family}, {given}"
    return family or given


def _write_name(parent: etree._Element, tag: str, person: Mapping[str, Any], name: str) -> None:
    element = etree.SubElement(parent, tag)
    element.text = name
    name_type = controlled(person.get("nameType"), "nameType")
    if name_type is not None:
        element.set("nameType", name_type)
    lang = language(person.get("lang"))
    if lang is not None:
        element.set("{http://www.w3.org/XML/1998/namespace}lang", lang)


def _write_given_family(parent: etree._Element, ns: str, person: Mapping[str, Any]) -> None:
    for key in ("givenName", "familyName"):
        text = nonempty(person.get(key))
        if text is not None:
            etree.SubElement(parent, f"{{{ns}}}{key}").text = text


def _write_name_identifiers(parent: etree._Element, ns: str, person: Mapping[str, Any]) -> None:
    for item in as_list(person.get("nameIdentifiers")):
        if not isinstance(item, Mapping):
            continue
        value = clean_text(item.get("nameIdentifier"))
        scheme = clean_text(item.get("nameIdentifierScheme"))
        scheme_uri = text_of(item, "schemeUri", "schemeURI")
        if value is None and scheme is None and scheme_uri is None:
            continue
        element = etree.SubElement(parent, f"{{{ns}}}nameIdentifier")
        element.text = value
        _set(element, "nameIdentifierScheme", scheme)
        _set(element, "schemeURI", scheme_uri)


def _write_affiliations(parent: etree._Element, ns: str, person: Mapping[str, Any]) -> None:
    for item in as_list(person.get("affiliation")):
        affiliation = as_mapping(item, "name")
        if affiliation is None:
            continue
        name = clean_text(affiliation.get("name"))
        identifier = clean_text(affiliation.get("affiliationIdentifier"))
        scheme = clean_text(affiliation.get("affiliationIdentifierScheme"))
        scheme_uri = text_of(affiliation, "schemeUri", "schemeURI")
        if name is None and identifier is None and scheme is None and scheme_uri is None:
            continue
        element = etree.SubElement(parent, f"{{{ns}}}affiliation")
        element.text = name
        _set(element, "affiliationIdentifier", identifier)
        _set(element, "affiliationIdentifierScheme", scheme)
        _set(element, "schemeURI", scheme_uri)


def _creator(ns: str, person: Mapping[str, Any], *, full: bool) -> etree._Element | None:
    """A ``<creator>``, or ``None`` when nothing about the person can be written."""
    name = _display_name(person)
    creator = etree.Element(f"{{{ns}}}creator")
    _write_name(creator, f"{{{ns}}}creatorName", person, name or "")
    _write_given_family(creator, ns, person)
    if full:
        _write_name_identifiers(creator, ns, person)
        _write_affiliations(creator, ns, person)
    # The XSD lets creatorName be empty, but a creator needs *something* to say.
    if name is None and len(creator) == 1:
        return None
    return creator


def write_creators(
    parent: etree._Element, ns: str, creators: Any, *, full: bool = True, always: bool = True
) -> None:
    """Append ``<creators>``; ``full=False`` is the related-item form (names only).

    With ``always`` the wrapper is written even when empty (it is mandatory
    for the resource, so validation then reports ``creators`` as DataCite does).
    """
    wrapper = etree.Element(f"{{{ns}}}creators")
    for person in as_list(creators):
        if isinstance(person, Mapping):
            creator = _creator(ns, person, full=full)
            if creator is not None:
                wrapper.append(creator)
    if always or len(wrapper):
        parent.append(wrapper)


def write_contributors(
    parent: etree._Element, ns: str, contributors: Any, *, full: bool = True
) -> None:
    """Append ``<contributors>`` with every contributor that has a name and a valid type."""
    written: list[tuple[Mapping[str, Any], str, str]] = []
    for person in as_list(contributors):
        if not isinstance(person, Mapping):
            continue
        name = _display_name(person)
        contributor_type = controlled(person.get("contributorType"), "contributorType")
        if name is None or contributor_type is None:
            continue  # contributorName must not be empty; contributorType is required
        written.append((person, name, contributor_type))
    if not written:
        return
    wrapper = etree.SubElement(parent, f"{{{ns}}}contributors")
    for person, name, contributor_type in written:
        contributor = etree.SubElement(wrapper, f"{{{ns}}}contributor")
        contributor.set("contributorType", contributor_type)
        _write_name(contributor, f"{{{ns}}}contributorName", person, name)
        _write_given_family(contributor, ns, person)
        if full:
            _write_name_identifiers(contributor, ns, person)
            _write_affiliations(contributor, ns, person)
