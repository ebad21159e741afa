"""``geoLocations``: points, boxes, polygons and places.

Each kernel-4 ``geoLocation`` becomes::

    {"geoLocationPoint": {"pointLatitude", "pointLongitude"},
     "geoLocationBox": {"westBoundLongitude", "eastBoundLongitude",
                        "southBoundLatitude", "northBoundLatitude"},
     "geoLocationPolygon": [{"polygonPoint": {...}}, ..., {"inPolygonPoint": {...}}],
     "geoLocationPlace": "..."}

with empty parts left out. A ``geoLocation`` holding several polygons gets a
list of such lists, as DataCite returns it. Coordinates are returned as the
strings found in the document; :func:`doiregistry.metadata.normalize.normalize_attributes`
turns numeric ones into numbers.

Like DataCite, a ``geoLocation`` written in the kernel-3 style (point or box as
one space-separated text) is skipped entirely, and so is an empty one.
"""

from __future__ import annotations

from typing import Any

from doiregistry.metadata.read_tree import (
    Element,
    child,
    children,
    has_children,
    nested,
    own_text,
    text_or_none,
)

_POINT_KEYS = ("pointLatitude", "pointLongitude")
_BOX_KEYS = ("westBoundLongitude", "eastBoundLongitude", "southBoundLatitude", "northBoundLatitude")


def _coordinates(element: Element | None, keys: tuple[str, ...]) -> dict[str, str] | None:
    if element is None:
        return None
    values = {key: text_or_none(child(element, key)) for key in keys}
    found = {key: value for key, value in values.items() if value is not None}
    return found or None


def _is_text_only(element: Element | None) -> bool:
    """A kernel-3 style coordinate element (``<geoLocationPoint>1 2</...>``)."""
    return element is not None and not has_children(element) and bool(own_text(element).strip())


def _polygon(element: Element) -> list[dict[str, Any]]:
    points: list[dict[str, Any]] = []
    for point in children(element, "polygonPoint"):
        coordinates = _coordinates(point, _POINT_KEYS)
        if coordinates:
            points.append({"polygonPoint": coordinates})
    for point in children(element, "inPolygonPoint"):
        coordinates = _coordinates(point, _POINT_KEYS)
        if coordinates:
            points.append({"inPolygonPoint": coordinates})
    return points


def read_geo_location(element: Element) -> dict[str, Any] | None:
    """One ``geoLocation`` element, or ``None`` when DataCite would skip it."""
    if not has_children(element):
        return None
    point = child(element, "geoLocationPoint")
    box = child(element, "geoLocationBox")
    polygons = children(element, "geoLocationPolygon")
    if _is_text_only(point) or _is_text_only(box) or any(_is_text_only(p) for p in polygons):
        return None
    result: dict[str, Any] = {}
    point_value = _coordinates(point, _POINT_KEYS)
    if point_value:
        result["geoLocationPoint"] = point_value
    box_value = _coordinates(box, _BOX_KEYS)
    if box_value:
        result["geoLocationBox"] = box_value
    if len(polygons) > 1:
        shapes = [shape for shape in (_polygon(p) for p in polygons) if shape]
        if shapes:
            result["geoLocationPolygon"] = shapes
    elif polygons:
        shape = _polygon(polygons[0])
        if shape:
            result["geoLocationPolygon"] = shape
    place = text_or_none(child(element, "geoLocationPlace"))
    if place is not None and place.strip():
        result["geoLocationPlace"] = place.strip()
    return result


def read_geo_locations(resource: Element) -> list[dict[str, Any]]:
    """Every ``geoLocations/geoLocation`` of the resource."""
    found = (read_geo_location(el) for el in nested(resource, "geoLocations", "geoLocation"))
    return [location for location in found if location is not None]
