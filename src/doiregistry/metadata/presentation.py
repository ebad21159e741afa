"""The REST API's output form of canonical metadata attributes (spec §4.9).

Canonical attributes hold affiliations and the publisher as objects.
DataCite's REST API shows, by default, affiliations as a list of names and
the publisher as its name; ``affiliation=true`` / ``publisher=true`` ask for
the objects. Whatever the stored shape, the output always has lists for
list-valued properties (creators, titles, subjects, …), each creator's and
contributor's ``affiliation`` and ``nameIdentifiers`` are lists, and
``container`` / ``types`` are objects (``{}`` when empty).
"""

from __future__ import annotations

from typing import Any, Final

#: The DataCite metadata properties that the XML also expresses, in the order DataCite's
#: serialiser emits them: the one list that the REST output, the write reader and the
#: audit trail derive theirs from.
XML_METADATA_ATTRIBUTES: Final[tuple[str, ...]] = (
    "identifiers",
    "creators",
    "titles",
    "publisher",
    "container",
    "publicationYear",
    "subjects",
    "contributors",
    "dates",
    "language",
    "types",
    "relatedIdentifiers",
    "relatedItems",
    "sizes",
    "formats",
    "version",
    "rightsList",
    "descriptions",
    "geoLocations",
    "fundingReferences",
)
#: Metadata properties in the order DataCite's serialiser emits them.
ATTRIBUTE_ORDER: Final[tuple[str, ...]] = ("doi", *XML_METADATA_ATTRIBUTES, "schemaVersion")

LIST_PROPERTIES = frozenset(
    {
        "identifiers",
        "creators",
        "titles",
        "subjects",
        "contributors",
        "dates",
        "relatedIdentifiers",
        "relatedItems",
        "sizes",
        "formats",
        "rightsList",
        "descriptions",
        "geoLocations",
        "fundingReferences",
    }
)
OBJECT_PROPERTIES = frozenset({"container", "types"})


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, list):
        return value
    return [value]


def present_affiliation(value: Any, *, as_objects: bool) -> Any:
    """One affiliation as a name string, or as an object when ``as_objects``."""
    if as_objects:
        return {"name": value} if isinstance(value, str) else value
    if isinstance(value, dict):
        return value.get("name")
    return value


def present_person(person: Any, *, affiliation: bool) -> Any:
    """A creator or contributor with list-valued ``affiliation`` and ``nameIdentifiers``."""
    if not isinstance(person, dict):
        return person
    result = dict(person)
    affiliations = [
        present_affiliation(item, as_objects=affiliation)
        for item in _as_list(person.get("affiliation"))
    ]
    result["affiliation"] = [item for item in affiliations if item is not None]
    result["nameIdentifiers"] = _as_list(person.get("nameIdentifiers"))
    return result


def present_publisher(value: Any, *, as_object: bool) -> Any:
    """The publisher name, or the publisher object when ``as_object``."""
    if value is None:
        return None
    if as_object:
        return {"name": value} if isinstance(value, str) else value
    if isinstance(value, dict):
        return value.get("name")
    return value


def present_attributes(
    attrs: dict[str, Any],
    *,
    affiliation: bool = False,
    publisher: bool = False,
    url: str | None = None,
) -> dict[str, Any]:
    """Canonical attributes in the REST output form.

    ``affiliation`` / ``publisher`` mirror the query parameters of the same
    name. Identifiers equal to the DOI or to ``url`` are left out, as
    DataCite's serialiser does. Properties not listed in
    :data:`ATTRIBUTE_ORDER` are kept after the known ones.
    """
    result: dict[str, Any] = {}
    keys = [key for key in ATTRIBUTE_ORDER if key in attrs]
    keys += [key for key in attrs if key not in ATTRIBUTE_ORDER]
    excluded = {attrs.get("doi"), url} - {None}
    for key in keys:
        result[key] = present_property(
            key, attrs[key], affiliation=affiliation, publisher=publisher, excluded=excluded
        )
    return result


def present_property(
    key: str,
    value: Any,
    *,
    affiliation: bool = False,
    publisher: bool = False,
    excluded: set[Any] | frozenset[Any] = frozenset(),
) -> Any:
    """One property of :func:`present_attributes`; ``excluded``: identifiers to leave out."""
    if key in ("creators", "contributors"):
        return [present_person(p, affiliation=affiliation) for p in _as_list(value)]
    if key == "publisher":
        return present_publisher(value, as_object=publisher)
    if key == "identifiers":
        return [
            item
            for item in _as_list(value)
            if not (isinstance(item, dict) and item.get("identifier") in excluded)
        ]
    if key in LIST_PROPERTIES:
        return _as_list(value)
    if key in OBJECT_PROPERTIES:
        return value if isinstance(value, dict) else {}
    return value
