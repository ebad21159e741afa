"""Plain wording of XSD enumeration and year failures, the allowed values read from the XSDs."""

from __future__ import annotations

import pytest

from doiregistry.metadata.schema_files import enumeration
from doiregistry.metadata.value_messages import (
    attribute_types,
    not_allowed_message,
    publication_year_message,
    readable_schema_message,
)

NS = "{http://datacite.org/schema/kernel-4}"


def _enumeration_failure(element: str, attribute: str, value: str) -> str:
    return (
        f"Element '{NS}{element}', attribute '{attribute}': [facet 'enumeration'] "
        f"The value '{value}' is not an element of the set {{'A', 'B'}}."
    )


@pytest.mark.parametrize(
    ("element", "attribute", "value", "type_name"),
    [
        ("resourceType", "resourceTypeGeneral", "Datasett", "resourceType"),
        ("date", "dateType", "Creatd", "dateType"),
        ("relatedIdentifier", "relationType", "IsCitedBx", "relationType"),
        ("relatedItem", "relatedItemType", "Jornal", "resourceType"),
        ("creatorName", "nameType", "Persona", "nameType"),
    ],
)
def test_an_enumeration_failure_names_the_value_and_the_allowed_ones(
    element: str, attribute: str, value: str, type_name: str
) -> None:
    message = readable_schema_message(_enumeration_failure(element, attribute, value), "4.7")
    allowed = sorted(enumeration(type_name, "4.7"))
    assert (
        message == f"{attribute} '{value}' is not one of the allowed values: {', '.join(allowed)}."
    )


def test_the_allowed_values_are_those_of_the_checked_kernel() -> None:
    message = readable_schema_message(
        _enumeration_failure("resourceType", "resourceTypeGeneral", "Datasett"), "4.3"
    )
    assert message is not None
    assert "Dataset" in message and "Instrument" not in message  # Instrument came with 4.5


def test_a_year_that_is_not_one_is_named() -> None:
    failure = (
        f"Element '{NS}publicationYear': [facet 'pattern'] The value 'abc' is not accepted "
        "by the pattern '[\\d]{4}'."
    )
    assert readable_schema_message(failure, "4.7") == "Publication year 'abc' is not a year."
    assert publication_year_message("abc") == "Publication year 'abc' is not a year."


@pytest.mark.parametrize(
    "failure",
    [
        # an empty year keeps DataCite's wording (the property is missing)
        f"Element '{NS}publicationYear': [facet 'pattern'] The value '' is not accepted "
        "by the pattern '[\\d]{4}'.",
        f"Element '{NS}resource': Missing child element(s). Expected is ( {NS}titles ).",
        _enumeration_failure("thing", "noSuchAttribute", "x"),
    ],
)
def test_other_failures_keep_their_message(failure: str) -> None:
    assert readable_schema_message(failure, "4.7") is None


def test_attribute_types_come_from_the_xsd() -> None:
    types = attribute_types("4.7")
    assert types["resourceTypeGeneral"] == "resourceType"
    assert types["relatedItemIdentifierType"] == "relatedIdentifierType"
    assert "schemeURI" not in types  # built-in XSD types are not controlled lists


def test_not_allowed_message_sorts_the_values() -> None:
    assert (
        not_allowed_message("x", "c", ["b", "a"]) == "x 'c' is not one of the allowed values: a, b."
    )
