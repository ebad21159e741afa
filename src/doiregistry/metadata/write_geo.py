"""Writing ``<geoLocations>``: places, points, boxes and polygons.

REST form of one geo location::

    {"geoLocationPlace": "...",
     "geoLocationPoint": {"pointLongitude": ..., "pointLatitude": ...},
     "geoLocationBox": {"westBoundLongitude": ..., "eastBoundLongitude": ...,
                        "southBoundLatitude": ..., "northBoundLatitude": ...},
     "geoLocationPolygon": [{"polygonPoint": {...}}, ..., {"inPolygonPoint": {...}}]}

``geoLocationPolygon`` is one polygon (a list of point entries) or, as
DataCite returns several polygons, a list of such lists. Coordinates may be
numbers or numeric strings. A point, box or polygon with a missing or
out-of-range coordinate is left out, and so is a polygon with fewer than the
four points the XSD requires; a geo location with nothing left is dropped.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lxml import etree

from doiregistry.metadata.write_values import as_list, coordinate, nonempty

_BOX_SIDES = (
    ("westBoundLongitude", "longitude"),
    ("eastBoundLongitude", "longitude"),
    ("southBoundLatitude", "latitude"),
    ("northBoundLatitude", "latitude"),
)


def _point(value: Any) -> tuple[str, str] | None:
    if not isinstance(value, Mapping):
        return None
    longitude = coordinate(value.get("pointLongitude"), "longitude")
    latitude = coordinate(value.get("pointLatitude"), "latitude")
    if longitude is None or latitude is None:
        return None
    return longitude, latitude


def _write_point(parent: etree._Element, tag: str, ns: str, point: tuple[str, str]) -> None:
    element = etree.SubElement(parent, tag)
    etree.SubElement(element, f"{{{ns}}}pointLongitude").text = point[0]
    etree.SubElement(element, f"{{{ns}}}pointLatitude").text = point[1]


def _box(value: Any) -> list[tuple[str, str]] | None:
    if not isinstance(value, Mapping):
        return None
    sides: list[tuple[str, str]] = []
    for key, kind in _BOX_SIDES:
        text = coordinate(value.get(key), kind)
        if text is None:
            return None
        sides.append((key, text))
    return sides


def _polygons(value: Any) -> list[list[Any]]:
    items = as_list(value)
    if items and all(isinstance(item, list) for item in items):
        return items
    return [items] if items else []


def _write_polygon(parent: etree._Element, ns: str, entries: list[Any]) -> None:
    points: list[tuple[str, str]] = []
    inside: tuple[str, str] | None = None
    for entry in entries:
        if not isinstance(entry, Mapping):
            continue
        if "polygonPoint" in entry:
            point = _point(entry.get("polygonPoint"))
            if point is None:
                return  # a polygon with a broken vertex is not the polygon meant
            points.append(point)
        if "inPolygonPoint" in entry:
            inside = _point(entry.get("inPolygonPoint")) or inside
    if len(points) < 4:
        return
    polygon = etree.SubElement(parent, f"{{{ns}}}geoLocationPolygon")
    for point in points:
        _write_point(polygon, f"{{{ns}}}polygonPoint", ns, point)
    if inside is not None:
        _write_point(polygon, f"{{{ns}}}inPolygonPoint", ns, inside)


def _geo_location(ns: str, location: Mapping[str, Any]) -> etree._Element:
    element = etree.Element(f"{{{ns}}}geoLocation")
    place = nonempty(location.get("geoLocationPlace"))
    if place is not None:
        etree.SubElement(element, f"{{{ns}}}geoLocationPlace").text = place
    point = _point(location.get("geoLocationPoint"))
    if point is not None:
        _write_point(element, f"{{{ns}}}geoLocationPoint", ns, point)
    box = _box(location.get("geoLocationBox"))
    if box is not None:
        box_element = etree.SubElement(element, f"{{{ns}}}geoLocationBox")
        for key, text in box:
            etree.SubElement(box_element, f"{{{ns}}}{key}").text = text
    for entries in _polygons(location.get("geoLocationPolygon")):
        _write_polygon(element, ns, entries)
    return element


def write_geo_locations(parent: etree._Element, ns: str, geo_locations: Any) -> None:
    """Append ``<geoLocations>`` for the geo locations that have something to say."""
    wrapper = etree.Element(f"{{{ns}}}geoLocations")
    for location in as_list(geo_locations):
        if isinstance(location, Mapping):
            element = _geo_location(ns, location)
            if len(element):
                wrapper.append(element)
    if len(wrapper):
        parent.append(wrapper)
