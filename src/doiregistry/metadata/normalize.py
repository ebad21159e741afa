"""Normalisation DataCite applies to metadata attributes on every save.

:func:`normalize_attributes` takes REST ``attributes`` (from JSON or from
the XML reader) and returns a normalised copy; only the properties present
in the input are touched, so it suits partial updates too:

* ``publisher`` given as a string becomes ``{"name": …}``; an object keeps
  only ``name``, ``publisherIdentifier``, ``publisherIdentifierScheme``,
  ``schemeUri`` and ``lang``;
* ``types`` gets its missing ``schemaOrg`` / ``citeproc`` / ``bibtex`` /
  ``ris`` (:mod:`~doiregistry.metadata.resource_types`);
* ``rightsList`` entries naming an SPDX licence get the SPDX form
  (:mod:`~doiregistry.metadata.licenses`);
* ``subjects`` naming an OECD FOS field or ANZSRC FOR field get an extra FOS
  subject (:mod:`~doiregistry.metadata.fields_of_science`), and repeated
  subjects are dropped;
* ``language`` becomes an ISO 639-1 code when recognisable
  (:mod:`~doiregistry.metadata.languages`);
* ``identifiers`` of type ``DOI`` are removed;
* numeric strings in ``geoLocations`` coordinates become numbers.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from doiregistry.metadata.fields_of_science import fos_for_subject, fos_subject
from doiregistry.metadata.languages import normalize_language
from doiregistry.metadata.licenses import normalize_rights
from doiregistry.metadata.resource_types import complete_types

PUBLISHER_KEYS = ("name", "publisherIdentifier", "publisherIdentifierScheme", "schemeUri", "lang")

_NUMBER = re.compile(r"[+-]?(?:\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_COORDINATE_GROUPS = ("geoLocationPoint", "geoLocationBox")
_POLYGON_POINTS = ("polygonPoint", "inPolygonPoint")


def normalize_publisher(value: Any) -> dict[str, Any] | None:
    """A publisher as an object with only DataCite's keys, or ``None``."""
    if isinstance(value, str):
        return {"name": value} if value else None
    if isinstance(value, dict):
        result = {key: value[key] for key in PUBLISHER_KEYS if value.get(key) is not None}
        return result or None
    return None


def normalize_rights_list(value: list[Any]) -> list[Any]:
    """SPDX form for every entry naming a licence; strings become objects."""
    result: list[Any] = []
    for entry in value:
        if isinstance(entry, str):
            if entry:
                result.append(normalize_rights({"rights": entry}))
        elif isinstance(entry, dict):
            result.append(normalize_rights(entry))
        elif entry is not None:
            result.append(entry)
    return result


def normalize_subjects(value: list[Any]) -> list[Any]:
    """Add a FOS subject after each subject that maps to one; drop repeats."""
    result: list[Any] = []
    for entry in value:
        subject = {"subject": entry} if isinstance(entry, str) else entry
        candidates = [subject]
        if isinstance(subject, dict):
            field = fos_for_subject(subject)
            if field is not None:
                candidates.append(fos_subject(field))
        for candidate in candidates:
            if candidate not in result:
                result.append(candidate)
    return result


def coordinate_number(value: Any) -> Any:
    """A numeric string as ``int`` or ``float``; anything else unchanged."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    match = _NUMBER.fullmatch(text)
    if match is None:
        return value
    if match.group(1) is None and match.group(2) is None and "." not in text:
        return int(text)
    return float(text)


def _numbers(coordinates: Any) -> Any:
    if not isinstance(coordinates, dict):
        return coordinates
    return {key: coordinate_number(item) for key, item in coordinates.items()}


def _polygon(points: Any) -> Any:
    if not isinstance(points, list):
        return points
    result = []
    for point in points:
        if isinstance(point, list):
            result.append(_polygon(point))
        elif isinstance(point, dict):
            result.append(
                {
                    key: _numbers(item) if key in _POLYGON_POINTS else item
                    for key, item in point.items()
                }
            )
        else:
            result.append(point)
    return result


def normalize_geo_locations(value: list[Any]) -> list[Any]:
    """Numeric coordinate strings in points, boxes and polygons become numbers."""
    result: list[Any] = []
    for location in value:
        if not isinstance(location, dict):
            result.append(location)
            continue
        converted = dict(location)
        for key in _COORDINATE_GROUPS:
            if key in converted:
                converted[key] = _numbers(converted[key])
        if "geoLocationPolygon" in converted:
            converted["geoLocationPolygon"] = _polygon(converted["geoLocationPolygon"])
        result.append(converted)
    return result


def normalize_identifiers(value: list[Any]) -> list[Any]:
    """Drop identifiers of type ``DOI`` (the DOI is the record's own id)."""
    return [
        entry
        for entry in value
        if not (isinstance(entry, dict) and entry.get("identifierType") == "DOI")
    ]


def normalize_attributes(attrs: dict[str, Any]) -> dict[str, Any]:
    """A normalised copy of ``attrs`` (see the module documentation)."""
    result = copy.deepcopy(attrs)
    if "publisher" in result:
        result["publisher"] = normalize_publisher(result["publisher"])
    if isinstance(result.get("types"), dict):
        result["types"] = complete_types(result["types"])
    if isinstance(result.get("rightsList"), list):
        result["rightsList"] = normalize_rights_list(result["rightsList"])
    if isinstance(result.get("subjects"), list):
        result["subjects"] = normalize_subjects(result["subjects"])
    if "language" in result:
        language = result["language"]
        result["language"] = normalize_language(language) if isinstance(language, str) else None
    if isinstance(result.get("identifiers"), list):
        result["identifiers"] = normalize_identifiers(result["identifiers"])
    if isinstance(result.get("geoLocations"), list):
        result["geoLocations"] = normalize_geo_locations(result["geoLocations"])
    return result
