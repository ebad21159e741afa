"""The field catalogue: every field a query may name, its kind and where its values live.

Fields are the dotted paths of the DataCite JSON ``attributes`` (the canonical
form, affiliations and publisher as objects) plus record-level fields (``doi``,
``client_id``, ``created``…) and DataCite's index names as aliases
(``publication_year``, ``related_identifiers.*``, ``aasm_state``…, spec §4.4).

Kinds:

* ``text`` — analysed: matched on words (see :mod:`.tokens`), case- and
  accent-insensitive; indexed in the full-text table under a short code;
* ``keyword`` — whole values, exact and case-sensitive (as DataCite's keyword
  fields); ``keyword_ci`` — whole values, case-insensitive;
* ``number`` — numeric values (ranges compare numerically);
* ``date`` — ISO dates and times (ranges compare chronologically).

Values of attribute paths live in the ``doi_values`` side table; record-level
fields are columns of ``dois``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final


class Kind(StrEnum):
    TEXT = "text"
    KEYWORD = "keyword"
    KEYWORD_CI = "keyword_ci"
    NUMBER = "number"
    DATE = "date"


class Store(StrEnum):
    VALUES = "values"  # rows of doi_values (every attribute leaf)
    COLUMN = "column"  # a column of dois
    RELATION_COUNT = "relation_count"  # derived from related identifiers in the store


@dataclass(frozen=True)
class Field:
    """One queryable field."""

    name: str
    kind: Kind
    store: Store = Store.VALUES
    #: the ``dois`` column, or the relation group of a count
    column: str | None = None
    #: code of the field's words in the full-text index (text fields only)
    code: str | None = None


@dataclass(frozen=True)
class ObjectPath:
    """A path naming an object or list of objects: valid for ``_exists_`` only."""

    name: str
    example: str


T, K, KC, N, D = Kind.TEXT, Kind.KEYWORD, Kind.KEYWORD_CI, Kind.NUMBER, Kind.DATE

_NAME_IDENTIFIER = {"nameIdentifier": K, "nameIdentifierScheme": K, "schemeUri": K}
_AFFILIATION = {
    "name": T,
    "affiliationIdentifier": K,
    "affiliationIdentifierScheme": K,
    "schemeUri": K,
}
_PERSON: dict[str, object] = {
    "name": T,
    "nameType": K,
    "givenName": T,
    "familyName": T,
    "lang": K,
    "nameIdentifiers": _NAME_IDENTIFIER,
    "affiliation": _AFFILIATION,
}
_CONTRIBUTOR: dict[str, object] = {**_PERSON, "contributorType": K}
_POINT = {"pointLongitude": N, "pointLatitude": N}
_TITLE = {"title": T, "titleType": K, "lang": K}

#: the nested structure of the canonical attributes
STRUCTURE: Final[dict[str, object]] = {
    "identifiers": {"identifier": K, "identifierType": K},
    "creators": _PERSON,
    "titles": _TITLE,
    "publisher": {
        "name": T,
        "publisherIdentifier": K,
        "publisherIdentifierScheme": K,
        "schemeUri": K,
        "lang": K,
    },
    "container": {
        "type": K,
        "identifier": K,
        "identifierType": K,
        "title": T,
        "volume": K,
        "issue": K,
        "firstPage": K,
        "lastPage": K,
    },
    "subjects": {
        "subject": T,
        "subjectScheme": K,
        "schemeUri": K,
        "valueUri": K,
        "lang": K,
        "classificationCode": K,
    },
    "contributors": _CONTRIBUTOR,
    "dates": {"date": D, "dateType": K, "dateInformation": T},
    "language": K,
    "types": {
        "resourceTypeGeneral": K,
        "resourceType": T,
        "schemaOrg": K,
        "citeproc": K,
        "bibtex": K,
        "ris": K,
    },
    "relatedIdentifiers": {
        "relatedIdentifier": KC,
        "relatedIdentifierType": K,
        "relationType": K,
        "relatedMetadataScheme": K,
        "schemeUri": K,
        "schemeType": K,
        "resourceTypeGeneral": K,
        "relationTypeInformation": T,
    },
    "relatedItems": {
        "relationType": K,
        "relatedItemType": K,
        "relationTypeInformation": T,
        "relatedItemIdentifier": {
            "relatedItemIdentifier": KC,
            "relatedItemIdentifierType": K,
            "relatedMetadataScheme": K,
            "schemeURI": K,
            "schemeType": K,
        },
        "creators": _PERSON,
        "titles": _TITLE,
        "publicationYear": N,
        "volume": K,
        "issue": K,
        "number": K,
        "numberType": K,
        "firstPage": K,
        "lastPage": K,
        "publisher": T,
        "edition": K,
        "contributors": _CONTRIBUTOR,
    },
    "sizes": K,
    "formats": K,
    "version": K,
    "rightsList": {
        "rights": T,
        "rightsUri": K,
        "rightsIdentifier": KC,
        "rightsIdentifierScheme": K,
        "schemeUri": K,
        "lang": K,
    },
    "descriptions": {"description": T, "descriptionType": K, "lang": K},
    "geoLocations": {
        "geoLocationPoint": _POINT,
        "geoLocationBox": {
            "westBoundLongitude": N,
            "eastBoundLongitude": N,
            "southBoundLatitude": N,
            "northBoundLatitude": N,
        },
        "geoLocationPolygon": {"polygonPoint": _POINT, "inPolygonPoint": _POINT},
        "geoLocationPlace": T,
    },
    "fundingReferences": {
        "funderName": T,
        "funderIdentifier": K,
        "funderIdentifierType": K,
        "awardNumber": K,
        "awardUri": K,
        "awardTitle": T,
        "schemeUri": K,
    },
    "contentUrl": K,
    "landingPage": {
        "checked": D,
        "url": K,
        "status": N,
        "contentType": K,
        "error": K,
        "redirectCount": N,
        "redirectUrls": K,
        "downloadLatency": N,
        "hasSchemaOrg": K,
        "schemaOrgId": K,
        "dcIdentifier": K,
        "citationDoi": K,
        "bodyHasPid": K,
    },
    # derived fields, indexed like attribute paths
    "creator_names": T,
    "affiliation_id": KC,
    "organization_id": KC,
    "person_id": KC,
    "fields_of_science": KC,
}

#: record-level fields stored as columns of ``dois``
COLUMNS: Final[dict[str, tuple[Kind, str]]] = {
    "doi": (KC, "doi"),
    "url": (K, "url"),
    "client_id": (KC, "client_id"),
    "provider_id": (KC, "provider_id"),
    "consortium_id": (KC, "consortium_id"),  # virtual: through the member's consortium
    "prefix": (KC, "prefix"),
    "suffix": (KC, "suffix"),
    "state": (KC, "state"),
    "schemaVersion": (K, "schema_version"),
    "source": (K, "source"),
    "reason": (T, "reason"),
    "publicationYear": (N, "publication_year"),
    "resource_type_id": (KC, "resource_type_id"),
    "created": (D, "created"),
    "updated": (D, "updated"),
    "registered": (D, "registered"),
    "published": (K, "published"),
    "metadataVersion": (N, "metadata_version"),
    "agency": (KC, "agency"),  # virtual: always "datacite"
}

#: derived counts (spec §4.2 ``has-*``): relation group → field
COUNTS: Final[dict[str, str]] = {
    "citationCount": "citations",
    "referenceCount": "references",
    "partCount": "parts",
    "partOfCount": "partOf",
    "versionCount": "versions",
    "versionOfCount": "versionOf",
    "viewCount": "views",
    "downloadCount": "downloads",
}

#: short, stable codes of the text fields in the full-text index (never renumber)
TEXT_CODES: Final[dict[str, str]] = {
    "titles.title": "ti",
    "descriptions.description": "de",
    "creators.name": "cn",
    "creators.givenName": "cg",
    "creators.familyName": "cf",
    "creators.affiliation.name": "ca",
    "contributors.name": "kn",
    "contributors.givenName": "kg",
    "contributors.familyName": "kf",
    "contributors.affiliation.name": "ka",
    "publisher.name": "pu",
    "container.title": "ct",
    "subjects.subject": "su",
    "dates.dateInformation": "di",
    "types.resourceType": "rt",
    "relatedIdentifiers.relationTypeInformation": "ri",
    "relatedItems.relationTypeInformation": "ii",
    "relatedItems.creators.name": "in",
    "relatedItems.creators.givenName": "ig",
    "relatedItems.creators.familyName": "if",
    "relatedItems.creators.affiliation.name": "ia",
    "relatedItems.titles.title": "it",
    "relatedItems.publisher": "ip",
    "relatedItems.contributors.name": "jn",
    "relatedItems.contributors.givenName": "jg",
    "relatedItems.contributors.familyName": "jf",
    "relatedItems.contributors.affiliation.name": "ja",
    "rightsList.rights": "rr",
    "geoLocations.geoLocationPlace": "gp",
    "fundingReferences.funderName": "fn",
    "fundingReferences.awardTitle": "fa",
    "creator_names": "nm",
    "reason": "re",
}

#: DataCite's index names and other spellings → catalogue names (spec §4.4)
PREFIX_ALIASES: Final[dict[str, str]] = {
    "publication_year": "publicationYear",
    "related_identifiers": "relatedIdentifiers",
    "related_items": "relatedItems",
    "rights_list": "rightsList",
    "funding_references": "fundingReferences",
    "geo_locations": "geoLocations",
    "version_info": "version",
    "landing_page": "landingPage",
    "content_url": "contentUrl",
    "citation_count": "citationCount",
    "view_count": "viewCount",
    "download_count": "downloadCount",
    "reference_count": "referenceCount",
    "part_count": "partCount",
    "part_of_count": "partOfCount",
    "version_count": "versionCount",
    "version_of_count": "versionOfCount",
    "schema_version": "schemaVersion",
    "publisher_obj": "publisher",
    "aasm_state": "state",
    "uid": "doi",
    "id": "doi",
    "client": "client_id",
    "provider": "provider_id",
    "metadata_version": "metadataVersion",
    "resourceTypeId": "resource_type_id",
    "clientId": "client_id",
    "providerId": "provider_id",
    "consortiumId": "consortium_id",
}
#: whole-name aliases
NAME_ALIASES: Final[dict[str, str]] = {
    "publisher": "publisher.name",
    "creators.id": "creators.nameIdentifiers.nameIdentifier",
    "contributors.id": "contributors.nameIdentifiers.nameIdentifier",
    "creators.affiliation": "creators.affiliation.name",
    "contributors.affiliation": "contributors.affiliation.name",
}
#: ``creators_and_contributors.x`` means ``creators.x OR contributors.x``
UNION_PREFIX: Final = "creators_and_contributors"
EXISTS_FIELD: Final = "_exists_"

#: default fields of an unqualified query, with their boosts (spec §4.3)
DEFAULT_FIELDS: Final[tuple[tuple[str, int], ...]] = (
    ("doi", 50),
    ("relatedIdentifiers.relatedIdentifier", 3),
    ("titles.title", 3),
    ("creator_names", 3),
    ("creators.nameIdentifiers.nameIdentifier", 3),
    ("publisher.name", 3),
    ("descriptions.description", 3),
    ("subjects.subject", 3),
)


def _flatten(prefix: str, node: object, out: dict[str, Kind], objects: dict[str, str]) -> None:
    if isinstance(node, Kind):
        out[prefix] = node
        return
    assert isinstance(node, dict)
    first_leaf = None
    for key, child in node.items():
        path = f"{prefix}.{key}" if prefix else key
        _flatten(path, child, out, objects)
        if first_leaf is None:
            first_leaf = path if isinstance(child, Kind) else objects.get(path)
    if prefix:
        objects[prefix] = first_leaf or prefix


def _build() -> tuple[dict[str, Field], dict[str, ObjectPath]]:
    leaves: dict[str, Kind] = {}
    object_examples: dict[str, str] = {}
    _flatten("", STRUCTURE, leaves, object_examples)
    fields = {
        path: Field(path, kind, Store.VALUES, code=TEXT_CODES.get(path))
        for path, kind in leaves.items()
    }
    for name, (kind, column) in COLUMNS.items():
        fields[name] = Field(name, kind, Store.COLUMN, column=column, code=TEXT_CODES.get(name))
    for name, group in COUNTS.items():
        fields[name] = Field(name, Kind.NUMBER, Store.RELATION_COUNT, column=group)
    objects = {
        path: ObjectPath(path, example)
        for path, example in object_examples.items()
        if path not in fields
    }
    missing = set(TEXT_CODES) - {f.name for f in fields.values() if f.kind is Kind.TEXT}
    assert not missing, f"text codes without a text field: {missing}"
    return fields, objects


FIELDS, OBJECTS = _build()
TEXT_FIELDS: Final = {f.name: f for f in FIELDS.values() if f.code is not None}


class UnknownField(LookupError):
    """A field name the catalogue does not know."""


def canonical_name(name: str) -> str:
    """Apply DataCite's aliases to a field name (without resolving it)."""
    name = NAME_ALIASES.get(name, name)
    head, dot, rest = name.partition(".")
    if head in PREFIX_ALIASES:
        name = PREFIX_ALIASES[head] + dot + rest
    return NAME_ALIASES.get(name, name)


def resolve(name: str) -> list[Field]:
    """The fields a query field name stands for (two for ``creators_and_contributors.*``).

    Raises :class:`UnknownField` for names the catalogue does not know, and
    for object paths (which are valid only with ``_exists_``).
    """
    head, dot, rest = name.partition(".")
    if head == UNION_PREFIX and dot:
        return resolve(f"creators.{rest}") + resolve(f"contributors.{rest}")
    canonical = canonical_name(name)
    field = FIELDS.get(canonical)
    if field is not None:
        return [field]
    if canonical in OBJECTS:
        raise UnknownField(
            f"{name} is an object; name one of its fields (e.g. {OBJECTS[canonical].example})"
            f" or use _exists_:{name}"
        )
    raise UnknownField(f"Unknown field {name}")


def exists_paths(name: str) -> list[str]:
    """Catalogue paths that ``_exists_:name`` looks at (a field or an object)."""
    head, dot, rest = name.partition(".")
    if head == UNION_PREFIX and dot:
        return exists_paths(f"creators.{rest}") + exists_paths(f"contributors.{rest}")
    if head == UNION_PREFIX:
        return ["creators", "contributors"]
    canonical = canonical_name(name)
    if canonical in FIELDS or canonical in OBJECTS or canonical in ("creators", "contributors"):
        return [canonical]
    raise UnknownField(f"Unknown field {name}")
