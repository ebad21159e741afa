"""Reading the JSON:API body of a DOI write into checked, plain values (spec §5.2).

Unknown attributes are dropped, as at DataCite; nested structures keep only
their permitted keys. Shape errors (a title given as a string, ``types`` given
as a list…) are collected as field errors rather than raised one at a time.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, field
from typing import Any, Final

from doiregistry.domain.errors import BadRequest, FieldError
from doiregistry.domain.nul_text import NUL_IN_BODY, has_nul

MISSING_PAYLOAD = "You need to provide a payload following the JSONAPI spec"
#: the size of the ``source`` column (storage/tables.py)
MAX_SOURCE_LENGTH = 32

NAME_KEYS: Final = (
    "nameType",
    "nameIdentifiers",
    "name",
    "givenName",
    "familyName",
    "affiliation",
    "lang",
)
_AFFILIATION_KEYS: Final = (
    "name",
    "affiliationIdentifier",
    "affiliationIdentifierScheme",
    "schemeUri",
)
_NAME_IDENTIFIER_KEYS: Final = ("nameIdentifier", "nameIdentifierScheme", "schemeUri")

#: permitted keys of each list element (``None``: a list of strings)
LIST_ITEM_KEYS: Final[dict[str, tuple[str, ...] | None]] = {
    "creators": NAME_KEYS,
    "contributors": (*NAME_KEYS, "contributorType"),
    "titles": ("title", "titleType", "lang"),
    "subjects": ("subject", "subjectScheme", "schemeUri", "valueUri", "lang", "classificationCode"),
    "dates": ("date", "dateType", "dateInformation"),
    "descriptions": ("description", "descriptionType", "lang"),
    "rightsList": (
        "rights",
        "rightsUri",
        "rightsIdentifier",
        "rightsIdentifierScheme",
        "schemeUri",
        "lang",
    ),
    "identifiers": ("identifier", "identifierType"),
    "relatedIdentifiers": (
        "relatedIdentifier",
        "relatedIdentifierType",
        "relationType",
        "relatedMetadataScheme",
        "schemeUri",
        "schemeType",
        "resourceTypeGeneral",
        "relationTypeInformation",
    ),
    "fundingReferences": (
        "funderName",
        "funderIdentifier",
        "funderIdentifierType",
        "awardNumber",
        "awardUri",
        "awardTitle",
        "schemeUri",
    ),
    "geoLocations": (
        "geoLocationPoint",
        "geoLocationBox",
        "geoLocationPolygon",
        "geoLocationPlace",
    ),
    "relatedItems": (
        "relationType",
        "relatedItemType",
        "relationTypeInformation",
        "relatedItemIdentifier",
        "creators",
        "titles",
        "publicationYear",
        "volume",
        "issue",
        "number",
        "numberType",
        "firstPage",
        "lastPage",
        "publisher",
        "edition",
        "contributors",
    ),
    "sizes": None,
    "formats": None,
}
OBJECT_KEYS: Final[dict[str, tuple[str, ...]]] = {
    "types": ("resourceTypeGeneral", "resourceType", "schemaOrg", "bibtex", "citeproc", "ris"),
    "container": (
        "type",
        "identifier",
        "identifierType",
        "title",
        "volume",
        "issue",
        "firstPage",
        "lastPage",
    ),
}
SCALAR_KEYS: Final = ("language", "version", "publicationYear")

#: every metadata attribute that is also expressed in the XML
METADATA_KEYS: Final = (
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
_SINGULAR: Final = {
    "creators": "Creator",
    "contributors": "Contributor",
    "titles": "Title",
    "subjects": "Subject",
    "dates": "Date",
    "descriptions": "Description",
    "rightsList": "Rights",
    "identifiers": "Identifier",
    "relatedIdentifiers": "Related identifier",
    "fundingReferences": "Funding reference",
    "geoLocations": "Geo location",
    "relatedItems": "Related item",
}


@dataclass
class DoiPayload:
    """The checked content of one create or update request."""

    doi: str | None = None
    prefix: str | None = None
    event: str | None = None
    url: str | None = None
    url_given: bool = False
    xml: bytes | None = None
    xml_given: bool = False
    #: metadata attributes present in the request (``None`` = sent as JSON null)
    metadata: dict[str, Any] = field(default_factory=dict)
    schema_version: str | None = None
    content_url: list[str] | None = None
    content_url_given: bool = False
    landing_page: dict[str, Any] | None = None
    source: str | None = None
    reason: str | None = None
    reason_given: bool = False
    should_validate: bool = False
    mode: str | None = None
    client_id: str | None = None
    errors: list[FieldError] = field(default_factory=list)


def _json_type(value: Any) -> str:
    return {str: "a string", int: "a number", float: "a number", bool: "a boolean"}.get(
        type(value), "a list" if isinstance(value, list) else "an object"
    )


def _clean_name_identifiers(value: Any) -> Any:
    if not isinstance(value, list):
        return value
    return [
        {k: v for k, v in item.items() if k in _NAME_IDENTIFIER_KEYS}
        if isinstance(item, dict)
        else item
        for item in value
    ]


def _clean_affiliations(value: Any) -> Any:
    if not isinstance(value, list):
        return value
    return [
        {k: v for k, v in item.items() if k in _AFFILIATION_KEYS}
        if isinstance(item, dict)
        else item
        for item in value
    ]


def _clean_item(key: str, item: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    cleaned = {k: v for k, v in item.items() if k in allowed}
    if key in ("creators", "contributors"):
        if "nameIdentifiers" in cleaned:
            cleaned["nameIdentifiers"] = _clean_name_identifiers(cleaned["nameIdentifiers"])
        if "affiliation" in cleaned:
            cleaned["affiliation"] = _clean_affiliations(cleaned["affiliation"])
    return cleaned


def _check_list(key: str, value: Any, errors: list[FieldError]) -> Any:
    if value is None:
        return None
    allowed = LIST_ITEM_KEYS[key]
    items = value if isinstance(value, list) else [value]
    cleaned: list[Any] = []
    for item in items:
        if allowed is None:
            if isinstance(item, (dict, list)):
                errors.append(FieldError(key, f"{key.capitalize()} must be a list of strings."))
                continue
            cleaned.append(str(item))
        elif isinstance(item, dict):
            cleaned.append(_clean_item(key, item, allowed))
        else:
            errors.append(
                FieldError(
                    key,
                    f"{_SINGULAR[key]} '{item}' should be an object instead of {_json_type(item)}.",
                )
            )
    return cleaned


def _check_object(key: str, value: Any, errors: list[FieldError]) -> Any:
    if value is None:
        return None
    if not isinstance(value, dict):
        errors.append(
            FieldError(
                key, f"{key.capitalize()} should be an object instead of {_json_type(value)}."
            )
        )
        return None
    return {k: v for k, v in value.items() if k in OBJECT_KEYS[key]}


def _decode_xml(value: Any, errors: list[FieldError]) -> bytes | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        errors.append(FieldError("xml", "Xml must be a base64-encoded string."))
        return None
    try:
        data = base64.b64decode("".join(value.split()), validate=True)
    except (binascii.Error, ValueError):
        errors.append(FieldError("xml", "Xml is not valid base64."))
        return None
    return data.strip()


def _optional_str(key: str, value: Any, errors: list[FieldError]) -> str | None:
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        errors.append(
            FieldError(
                key, f"{key.capitalize()} should be a string instead of {_json_type(value)}."
            )
        )
        return None
    return str(value)


def _publication_year(value: Any, errors: list[FieldError]) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    errors.append(FieldError("publication_year", f"Publication year '{value}' is not a year."))
    return None


def read_payload(body: Any) -> DoiPayload:
    """Check a JSON:API document of a DOI write. Raises :class:`BadRequest` without ``data``."""
    if not isinstance(body, dict) or not isinstance(body.get("data"), dict):
        raise BadRequest(MISSING_PAYLOAD)
    if has_nul(body):
        raise BadRequest(NUL_IN_BODY)
    data = body["data"]
    attributes = data.get("attributes")
    if attributes is None:
        attributes = {}
    if not isinstance(attributes, dict):
        raise BadRequest("data.attributes must be an object")
    payload = DoiPayload()
    errors = payload.errors
    payload.doi = _optional_str("doi", attributes.get("doi"), errors)
    payload.prefix = _optional_str("prefix", attributes.get("prefix"), errors)
    payload.event = _optional_str("event", attributes.get("event"), errors)
    payload.url_given = "url" in attributes
    payload.url = _optional_str("url", attributes.get("url"), errors)
    payload.xml_given = "xml" in attributes
    payload.xml = _decode_xml(attributes.get("xml"), errors)
    payload.schema_version = _optional_str("schemaVersion", attributes.get("schemaVersion"), errors)
    payload.source = _optional_str("source", attributes.get("source"), errors)
    if payload.source is not None and len(payload.source) > MAX_SOURCE_LENGTH:
        errors.append(
            FieldError("source", f"Source is too long (at most {MAX_SOURCE_LENGTH} characters)")
        )
        payload.source = None
    payload.reason_given = "reason" in attributes
    payload.reason = _optional_str("reason", attributes.get("reason"), errors)
    payload.mode = _optional_str("mode", attributes.get("mode"), errors)
    payload.should_validate = str(attributes.get("should_validate", "")).lower() == "true"
    if "contentUrl" in attributes:
        payload.content_url_given = True
        content = attributes["contentUrl"]
        payload.content_url = (
            None
            if content is None
            else [str(c) for c in (content if isinstance(content, list) else [content])]
        )
    if isinstance(attributes.get("landingPage"), dict):
        payload.landing_page = attributes["landingPage"]
    elif attributes.get("landingPage") is not None:
        errors.append(FieldError("landingPage", "Landing page should be an object."))
    if "identifiers" not in attributes and "alternateIdentifiers" in attributes:
        alternates = attributes["alternateIdentifiers"]
        attributes = {
            **attributes,
            "identifiers": [
                {
                    "identifier": a.get("alternateIdentifier"),
                    "identifierType": a.get("alternateIdentifierType"),
                }
                if isinstance(a, dict)
                else a
                for a in (alternates if isinstance(alternates, list) else [alternates])
            ]
            if alternates is not None
            else None,
        }
    for key in METADATA_KEYS:
        if key not in attributes:
            continue
        value = attributes[key]
        if key in LIST_ITEM_KEYS:
            payload.metadata[key] = _check_list(key, value, errors)
        elif key in OBJECT_KEYS:
            payload.metadata[key] = _check_object(key, value, errors)
        elif key == "publisher":
            if value is not None and not isinstance(value, (str, dict)):
                errors.append(FieldError("publisher", "Publisher should be a string or an object."))
                value = None
            if isinstance(value, dict):
                value = {
                    k: v
                    for k, v in value.items()
                    if k
                    in (
                        "name",
                        "publisherIdentifier",
                        "publisherIdentifierScheme",
                        "schemeUri",
                        "lang",
                    )
                }
            payload.metadata[key] = value
        elif key == "publicationYear":
            payload.metadata[key] = _publication_year(value, errors)
        else:
            payload.metadata[key] = _optional_str(key, value, errors)
    client = (
        (data.get("relationships") or {}).get("client")
        if isinstance(data.get("relationships"), dict)
        else None
    )
    if isinstance(client, dict) and isinstance(client.get("data"), dict):
        client_id = client["data"].get("id")
        payload.client_id = str(client_id).lower() if client_id else None
    return payload
