"""The ``dois`` row columns of a checked DOI, shared by the DOI service and the importer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from doiregistry.registry.dois.row_columns import (
    DERIVED_COLUMNS,
    MAX_PUBLISHED_LENGTH,
    identity_columns,
    metadata_columns,
    publication_year,
    published_value,
    registered_at,
    resource_type_id,
)

NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def test_metadata_columns_hold_the_values_and_what_derives_from_them() -> None:
    attributes: dict[str, Any] = {
        "publicationYear": 2021,
        "types": {"resourceTypeGeneral": "BookChapter"},
        "dates": [{"date": "2021-05-01", "dateType": "Issued"}],
    }
    columns = metadata_columns(
        state="findable",
        url="https://example.org/",
        xml="<resource/>",
        attributes=attributes,
        schema_version="http://datacite.org/schema/kernel-4",
    )
    assert columns == {
        "state": "findable",
        "url": "https://example.org/",
        "xml": "<resource/>",
        "attributes": attributes,
        "schema_version": "http://datacite.org/schema/kernel-4",
        "publication_year": 2021,
        "resource_type_id": "book-chapter",
        "published": "2021-05-01",
    }
    assert set(DERIVED_COLUMNS) <= set(columns)


def test_no_metadata_derives_nothing() -> None:
    columns = metadata_columns(
        state="draft", url=None, xml=None, attributes={}, schema_version=None
    )
    assert [columns[key] for key in DERIVED_COLUMNS] == [None, None, None]


def test_published_is_the_issued_date_else_the_year_and_fits_its_column() -> None:
    assert published_value({"publicationYear": 2020, "dates": [{"date": "x"}]}) == "2020"
    issued = {"dates": [{"dateType": "Issued", "date": "9" * 40}]}
    columns = metadata_columns(
        state="draft", url=None, xml=None, attributes=issued, schema_version=None
    )
    assert columns["published"] == "9" * MAX_PUBLISHED_LENGTH


@pytest.mark.parametrize(
    ("value", "year"), [(2020, 2020), ("2020-05", 2020), ("soon", None), (None, None)]
)
def test_publication_year(value: Any, year: int | None) -> None:
    assert publication_year(value) == year


@pytest.mark.parametrize(
    ("types", "slug"),
    [
        ({"resourceTypeGeneral": "Dataset"}, "dataset"),
        ({"resourceTypeGeneral": "BookChapter"}, "book-chapter"),
        ({"resourceTypeGeneral": "A" * 40}, None),  # 79 characters once dashed: not a type
        ({}, None),
        ([], None),
    ],
)
def test_resource_type_id(types: Any, slug: str | None) -> None:
    assert resource_type_id({"types": types}) == slug


def test_identity_columns_of_a_new_row() -> None:
    assert identity_columns("10.5438/ab/c", "datacite.test", "datacite", NOW) == {
        "doi": "10.5438/ab/c",
        "prefix": "10.5438",
        "suffix": "ab/c",
        "client_id": "datacite.test",
        "provider_id": "datacite",
        "metadata_version": 0,
        "created": NOW,
    }


def test_registered_is_set_once_when_a_doi_leaves_draft() -> None:
    earlier = NOW - timedelta(days=1)
    assert registered_at("draft", None, NOW) is None
    assert registered_at("registered", None, NOW) == NOW
    assert registered_at("findable", earlier, NOW) == earlier
    assert registered_at("draft", earlier, NOW) == earlier
