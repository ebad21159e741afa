"""Reading DataCite attribute values of a DOI write into a :class:`DoiPayload` (spec §5.2).

The rules of what values a write may carry: unknown attributes are dropped, as
at DataCite; nested structures keep only their permitted keys. Shape errors (a
title given as a string, ``types`` given as a list…) are collected as field
errors rather than raised one at a time. The JSON:API document around the
attributes is the API's to read.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from typing import Any, Final

from doiregistry.domain.errors import FieldError
from doiregistry.metadata.value_messages import publication_year_message
from doiregistry.registry.dois.payload import METADATA_KEYS, DoiPayload

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


def _json_type(value: Any) -> str:
    return {str: "a string", int: "a number", float: "a number", bool: "a boolean"}.get(
        type(value), "a list" if isinstance(value, list) else "an object"
    )


def _keep_keys(value: Any, allowed: tuple[str, ...]) -> Any:
    """The objects of a list with only their ``allowed`` keys (anything else as it is)."""
    if not isinstance(value, list):
        return value
    return [
        {k: v for k, v in item.items() if k in allowed} if isinstance(item, dict) else item
        for item in value
    ]


def _clean_item(key: str, item: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    cleaned = {k: v for k, v in item.items() if k in allowed}
    if key in ("creators", "contributors"):
        if "nameIdentifiers" in cleaned:
            cleaned["nameIdentifiers"] = _keep_keys(
                cleaned["nameIdentifiers"], _NAME_IDENTIFIER_KEYS
            )
        if "affiliation" in cleaned:
            cleaned["affiliation"] = _keep_keys(cleaned["affiliation"], _AFFILIATION_KEYS)
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
    errors.append(FieldError("publication_year", publication_year_message(value)))
    return None


def _content_url(attributes: Mapping[str, Any]) -> list[str] | None:
    content = attributes.get("contentUrl")
    if content is None:
        return None
    return [str(c) for c in (content if isinstance(content, list) else [content])]


def _with_identifiers(attributes: Mapping[str, Any]) -> Mapping[str, Any]:
    """``alternateIdentifiers`` (the older name) as ``identifiers`` when only it is sent."""
    if "identifiers" in attributes or "alternateIdentifiers" not in attributes:
        return attributes
    alternates = attributes["alternateIdentifiers"]
    return {
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


_PUBLISHER_KEYS: Final = (
    "name",
    "publisherIdentifier",
    "publisherIdentifierScheme",
    "schemeUri",
    "lang",
)


def metadata_value(key: str, value: Any, errors: list[FieldError]) -> Any:
    """``value`` of the metadata attribute ``key`` in the shape the rules take, or ``None``
    with an error in ``errors`` (the same checks for attributes and for DataCite JSON sent
    as ``xml``)."""
    if key in LIST_ITEM_KEYS:
        return _check_list(key, value, errors)
    if key in OBJECT_KEYS:
        return _check_object(key, value, errors)
    if key == "publisher":
        if value is not None and not isinstance(value, (str, dict)):
            errors.append(FieldError("publisher", "Publisher should be a string or an object."))
            return None
        if isinstance(value, dict):
            return {k: v for k, v in value.items() if k in _PUBLISHER_KEYS}
        return value
    if key == "publicationYear":
        return _publication_year(value, errors)
    return _optional_str(key, value, errors)


def _source(value: Any, errors: list[FieldError]) -> str | None:
    source = _optional_str("source", value, errors)
    if source is not None and len(source) > MAX_SOURCE_LENGTH:
        errors.append(
            FieldError("source", f"Source is too long (at most {MAX_SOURCE_LENGTH} characters)")
        )
        return None
    return source


def read_attributes(attributes: Mapping[str, Any], *, client_id: str | None = None) -> DoiPayload:
    """The payload of a write with these DataCite attributes (and related repository)."""
    errors: list[FieldError] = []
    doi = _optional_str("doi", attributes.get("doi"), errors)
    prefix = _optional_str("prefix", attributes.get("prefix"), errors)
    event = _optional_str("event", attributes.get("event"), errors)
    url = _optional_str("url", attributes.get("url"), errors)
    xml = _decode_xml(attributes.get("xml"), errors)
    schema_version = _optional_str("schemaVersion", attributes.get("schemaVersion"), errors)
    source = _source(attributes.get("source"), errors)
    reason = _optional_str("reason", attributes.get("reason"), errors)
    mode = _optional_str("mode", attributes.get("mode"), errors)
    landing_page = attributes.get("landingPage")
    if landing_page is not None and not isinstance(landing_page, dict):
        errors.append(FieldError("landingPage", "Landing page should be an object."))
        landing_page = None
    with_identifiers = _with_identifiers(attributes)
    metadata = {
        key: metadata_value(key, with_identifiers[key], errors)
        for key in METADATA_KEYS
        if key in with_identifiers
    }
    return DoiPayload(
        doi=doi,
        prefix=prefix,
        event=event,
        url=url,
        url_given="url" in attributes,
        xml=xml,
        xml_given="xml" in attributes,
        metadata=metadata,
        schema_version=schema_version,
        content_url=_content_url(attributes),
        content_url_given="contentUrl" in attributes,
        landing_page=landing_page,
        source=source,
        reason=reason,
        reason_given="reason" in attributes,
        should_validate=str(attributes.get("should_validate", "")).lower() == "true",
        mode=mode,
        client_id=client_id,
        errors=tuple(errors),
    )
