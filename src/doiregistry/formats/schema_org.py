"""Schema.org JSON-LD (``application/vnd.schemaorg.ld+json``), after bolognese's writer.

As in DataCite's output, a property with one value holds the value itself and
a property with several holds a list; properties without a value are left
out. ``editor`` lists every contributor, as DataCite's does.
"""

from __future__ import annotations

from typing import Any, Final

from doiregistry.domain.doi_record import DoiRecord
from doiregistry.formats.crosscite import AGENCY
from doiregistry.formats.metadata_values import (
    abstract,
    alternate_identifiers,
    as_list,
    compact,
    container_of,
    date_of_type,
    doi_as_url,
    doi_url,
    identifier_as_url,
    people,
    publication_year,
    publisher_object,
    rights_uris,
    subject_names,
    title,
    types_of,
    unwrap,
)
from doiregistry.metadata.resource_types import schema_org_type

CONTEXT: Final = "http://schema.org"

#: schema.org property for each DataCite relation type (``citation`` takes three)
_RELATIONS: Final = (
    ("sameAs", ("IsIdenticalTo",)),
    ("isPartOf", ("IsPartOf",)),
    ("hasPart", ("HasPart",)),
    ("predecessor_of", ("IsPreviousVersionOf",)),
    ("successor_of", ("IsNewVersionOf",)),
    ("citation", ("References", "Cites", "Documents")),
    ("workTranslation", ("HasTranslation",)),
    ("translationOfWork", ("IsTranslationOf",)),
)


def _affiliation(value: Any) -> dict[str, Any] | None:
    if isinstance(value, str):
        return {"@type": "Organization", "name": value}
    if isinstance(value, dict):
        return compact(
            {
                "@type": "Organization",
                "@id": value.get("affiliationIdentifier"),
                "name": value.get("name"),
            }
        )
    return None


def agent(person: dict[str, Any]) -> dict[str, Any]:
    """A creator or contributor as a schema.org ``Person`` or ``Organization``."""
    name_type = person.get("nameType")
    identifiers = [i for i in as_list(person.get("nameIdentifiers")) if isinstance(i, dict)]
    family = person.get("familyName")
    if family:
        name: Any = " ".join(str(part) for part in (person.get("givenName"), family) if part)
    else:
        name = person.get("name")
    result: dict[str, Any] = {
        "@type": str(name_type)[:-2] if name_type else None,
        "@id": identifiers[0].get("nameIdentifier") if identifiers else None,
        "name": name,
        "givenName": person.get("givenName"),
        "familyName": family,
    }
    affiliations = [_affiliation(a) for a in as_list(person.get("affiliation"))]
    result["affiliation"] = unwrap([a for a in affiliations if a])
    for key, value in person.items():
        if key not in result and key not in ("nameIdentifiers", "nameType", "affiliation"):
            result[key] = value
    return compact(result)


def agents(persons: list[dict[str, Any]]) -> Any:
    """Several people, unwrapped."""
    return unwrap([agent(person) for person in persons])


def _property_value(kind: Any, value: Any) -> dict[str, Any]:
    return {"@type": "PropertyValue", "propertyID": kind, "value": value}


def identifiers(record: DoiRecord) -> Any:
    """The DOI and the alternate identifiers as ``PropertyValue`` objects."""
    values = [_property_value("DOI", doi_url(record))]
    values += [
        _property_value(item.get("identifierType"), item.get("identifier"))
        for item in alternate_identifiers(record)
    ]
    return unwrap(values)


def _related(attributes: dict[str, Any]) -> list[dict[str, Any]]:
    return [i for i in as_list(attributes.get("relatedIdentifiers")) if isinstance(i, dict)]


def relation(attributes: dict[str, Any], relation_types: tuple[str, ...]) -> Any:
    """Related works of some relation types, as schema.org references."""
    works = []
    for item in _related(attributes):
        if item.get("relationType") not in relation_types:
            continue
        identifier = item.get("relatedIdentifier")
        if item.get("relatedIdentifierType") == "ISSN" and item.get("relationType") == "IsPartOf":
            works.append({"@type": "Periodical", "issn": identifier})
            continue
        general = item.get("resourceTypeGeneral")
        works.append(
            compact(
                {
                    "@id": identifier_as_url(identifier),
                    "@type": schema_org_type(general) if general else "CreativeWork",
                }
            )
        )
    return unwrap(works)


def reverse(attributes: dict[str, Any]) -> dict[str, Any] | None:
    """``@reverse``: works citing this one and works based on it."""

    def works(relation_type: str) -> Any:
        found = []
        for item in _related(attributes):
            if item.get("relationType") != relation_type:
                continue
            is_doi = item.get("relatedIdentifierType") == "DOI"
            found.append(
                compact(
                    {
                        "@id": doi_as_url(item.get("relatedIdentifier")),
                        "@type": item.get("resourceTypeGeneral") or "ScholarlyArticle",
                        "identifier": None
                        if is_doi
                        else _property_value(
                            item.get("relatedIdentifierType"), item.get("relatedIdentifier")
                        ),
                    }
                )
            )
        return unwrap(found)

    result = compact({"citation": works("IsReferencedBy"), "isBasedOn": works("IsSupplementTo")})
    return result or None


def _point(place: Any, point: Any) -> dict[str, Any]:
    return {
        "@type": "Place",
        "geo": compact(
            {
                "@type": "GeoCoordinates",
                "address": place,
                "latitude": point.get("pointLatitude"),
                "longitude": point.get("pointLongitude"),
            }
        ),
    }


def _box(place: Any, box: Any) -> dict[str, Any]:
    corners = [
        box.get(key)
        for key in (
            "southBoundLatitude",
            "westBoundLongitude",
            "northBoundLatitude",
            "eastBoundLongitude",
        )
    ]
    text = " ".join(str(c) for c in corners if c is not None) or None
    return {"@type": "Place", "geo": compact({"@type": "GeoShape", "address": place, "box": text})}


def _polygon(place: Any, polygon: Any) -> dict[str, Any]:
    points = []
    for item in as_list(polygon):
        point = item.get("polygonPoint") if isinstance(item, dict) else None
        if isinstance(point, dict):
            pair = [point.get("pointLongitude"), point.get("pointLatitude")]
            points.append([value for value in pair if value is not None])
    return {
        "@type": "Place",
        "geo": compact({"@type": "GeoShape", "address": place, "polygon": points}),
    }


def spatial_coverage(attributes: dict[str, Any]) -> Any:
    """Geo locations as ``Place`` objects (points, boxes, polygons, named places)."""
    places: list[dict[str, Any]] = []
    for location in as_list(attributes.get("geoLocations")):
        if not isinstance(location, dict):
            continue
        place = location.get("geoLocationPlace")
        point = location.get("geoLocationPoint")
        box = location.get("geoLocationBox")
        polygon = location.get("geoLocationPolygon")
        if isinstance(point, dict):
            places.append(_point(place, point))
        if isinstance(box, dict):
            places.append(_box(place, box))
        if polygon:
            places.append(_polygon(place, polygon))
        if place and not point and not box and not polygon:
            places.append({"@type": "Place", "geo": {"@type": "GeoCoordinates", "address": place}})
    return unwrap(places)


def _container(attributes: dict[str, Any], schema_type: str | None) -> tuple[Any, Any]:
    """``periodical`` (non-datasets) or ``includedInDataCatalog`` (datasets)."""
    container = container_of(attributes)
    if not container:
        return None, None
    if schema_type == "Dataset":
        catalog = compact(
            {
                "@id": container.get("identifier"),
                "@type": "DataCatalog",
                "name": container.get("title"),
            }
        )
        return None, catalog
    renamed = {"type": "@type", "id": "@id", "title": "name"}
    return {renamed.get(key, key): value for key, value in container.items()}, None


def _funders(attributes: dict[str, Any]) -> Any:
    funders = [
        compact(
            {
                "@id": item.get("funderIdentifier"),
                "@type": "Organization",
                "name": item.get("funderName"),
            }
        )
        for item in as_list(attributes.get("fundingReferences"))
        if isinstance(item, dict)
    ]
    return unwrap(funders)


def schema_org(record: DoiRecord) -> dict[str, Any]:
    """One DOI as a schema.org JSON-LD object."""
    attributes = record.attributes
    types = types_of(attributes)
    schema_type = types.get("schemaOrg")
    contributors = people(attributes, "contributors")
    periodical, catalog = _container(attributes, schema_type)
    publisher = publisher_object(attributes)
    container = container_of(attributes)
    subjects = subject_names(attributes)
    year = publication_year(attributes)
    document: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": schema_type,
        "@id": doi_url(record),
        "identifier": identifiers(record),
        "url": record.url,
        "additionalType": types.get("resourceType"),
        "name": title(attributes),
        "author": agents(people(attributes, "creators")),
        "editor": agents(contributors),
        "translator": agents([c for c in contributors if c.get("contributorType") == "Translator"]),
        "description": abstract(attributes),
        "license": unwrap(rights_uris(attributes)),
        "version": attributes.get("version"),
        "keywords": ", ".join(subjects) if subjects else None,
        "inLanguage": attributes.get("language"),
        "contentSize": unwrap(as_list(attributes.get("sizes"))),
        "encodingFormat": unwrap(as_list(attributes.get("formats"))),
        "dateCreated": date_of_type(attributes, "Created"),
        "datePublished": date_of_type(attributes, "Issued")
        or (str(year) if year is not None else None),
        "dateModified": date_of_type(attributes, "Updated"),
        "temporalCoverage": date_of_type(attributes, "Coverage"),
        "pageStart": container.get("firstPage"),
        "pageEnd": container.get("lastPage"),
        "spatialCoverage": spatial_coverage(attributes),
    }
    for key, relation_types in _RELATIONS:
        document[key] = relation(attributes, relation_types)
    document.update(
        {
            "@reverse": reverse(attributes),
            "contentUrl": unwrap(as_list(record.content_url)),
            "schemaVersion": attributes.get("schemaVersion") or record.schema_version,
            "periodical": periodical,
            "includedInDataCatalog": catalog,
            "publisher": compact(
                {
                    "@type": "Organization",
                    "@id": publisher.get("publisherIdentifier"),
                    "name": publisher.get("name"),
                }
            )
            if publisher
            else None,
            "funder": _funders(attributes),
            "provider": {"@type": "Organization", "name": AGENCY},
        }
    )
    return compact(document)
