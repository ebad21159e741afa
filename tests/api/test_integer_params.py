"""Huge integer parameters are clamped or named in a 400, never a 500 (issue 15, item 2)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from tests.seed import seed_repository

from doiregistry.api.app import create_app
from doiregistry.api.rest.integer_params import LARGEST, integer, leading_integer, saturated
from doiregistry.domain.errors import BadRequest
from doiregistry.domain.listing import MAX_PAGE_NUMBER
from doiregistry.settings import Settings
from doiregistry.storage.engine import Database

OWNER = ("DATACITE.TEST", "secret")
HUGE = ("368934881474191034", "99999999999999999999", "9" * 5000)


def test_saturation() -> None:
    assert saturated("42") == 42
    assert saturated("0" * 30 + "7") == 7
    assert saturated(str(LARGEST)) == LARGEST
    assert saturated(str(LARGEST + 1)) == LARGEST
    assert saturated("9" * 5000, negative=True) == -LARGEST


def test_integer_reading() -> None:
    assert integer("page[size]", None) is None
    assert integer("page[size]", " ") is None
    assert integer("page[size]", " -3 ") == -3
    assert integer("page[number]", "9" * 5000) == LARGEST
    assert leading_integer("12abc") == 12 and leading_integer("true") == 0
    assert leading_integer("9" * 5000) == LARGEST


@pytest.mark.parametrize("value", ["ten", "1.5", "1e3", "--1"])
def test_what_is_not_an_integer_is_a_400_naming_the_parameter(value: str) -> None:
    with pytest.raises(BadRequest) as caught:
        integer("page[number]", value)
    assert caught.value.title == f"page[number] must be an integer, not {value!r}"


def test_a_long_value_is_shortened_in_the_message() -> None:
    with pytest.raises(BadRequest) as caught:
        integer("seed", "x" * 5000)
    assert caught.value.title == f"seed must be an integer, not {'x' * 40 + '…'!r}"


@pytest.fixture
def client(database: Database) -> Iterator[TestClient]:
    seed_repository(database)
    with TestClient(create_app(Settings(), database)) as test_client:
        response = test_client.put(
            "/dois/10.5438/h1",
            json={"data": {"attributes": {"titles": [{"title": "T"}], "publisher": "P"}}},
            auth=OWNER,
        )
        assert response.status_code == 201, response.text
        yield test_client


@pytest.mark.parametrize("number", HUGE)
@pytest.mark.parametrize(
    "path",
    [
        "/dois",
        "/dois?sort=name",
        "/dois?sort=created",
        "/dois?sort=-created",
        "/activities",
        "/dois/10.5438/h1/activities",
        "/providers",
        "/clients",
        "/prefixes",
    ],
)
def test_a_huge_page_number_is_clamped(client: TestClient, path: str, number: str) -> None:
    separator = "&" if "?" in path else "?"
    response = client.get(f"{path}{separator}page[number]={number}", auth=OWNER)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["data"] == [] and body["meta"]["page"] == MAX_PAGE_NUMBER


def test_activities_clamp_size_and_name_a_bad_value(client: TestClient) -> None:
    body = client.get(f"/activities?page[size]={'9' * 5000}", auth=OWNER).json()
    assert body["meta"] == {"total": 1, "totalPages": 1, "page": 1}
    bad = client.get("/dois/10.5438/h1/activities?page[number]=x", auth=OWNER)
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["title"] == "page[number] must be an integer, not 'x'"


@pytest.mark.parametrize("name", ["has-citations", "has-views", "seed", "sample", "page[size]"])
def test_other_huge_integers_on_dois_are_safe(client: TestClient, name: str) -> None:
    response = client.get(f"/dois?{name}={'9' * 5000}&random=true&sample-group=client")
    assert response.status_code == 200, response.text


@pytest.mark.parametrize("number", HUGE[1:])
def test_a_random_number_past_64_bits_is_a_400(client: TestClient, number: str) -> None:
    response = client.get(f"/dois/random?prefix=10.5438&number={number}")
    assert response.status_code == 400
    assert response.json()["errors"][0]["title"] == f"number must be at most {LARGEST}"


def test_random_names_at_the_limits(client: TestClient) -> None:
    largest = client.get(f"/dois/random?prefix=10.5438&number={LARGEST}")
    assert largest.status_code == 200 and len(largest.json()["dois"]) == 1
    many = client.get(f"/dois/random?prefix=10.5438&size={'9' * 5000}&number=7")
    assert many.status_code == 200 and len(many.json()["dois"]) == 1000


@pytest.mark.parametrize("path", ["/clients", "/providers", "/prefixes"])
@pytest.mark.parametrize("year", ["9" * 5000, "20000", "²"])
def test_a_year_past_four_digits_is_a_400(client: TestClient, path: str, year: str) -> None:
    response = client.get(path, params={"year": year})
    assert response.status_code == 400
    assert response.json()["errors"][0]["title"] == (
        f"year must be a year or a comma-separated list of years, not {year}"
    )


def test_random_reads_decimal_digits_only(client: TestClient) -> None:
    superscript = client.get("/dois/random", params={"prefix": "10.5438", "number": "12²3"})
    plain = client.get("/dois/random", params={"prefix": "10.5438", "number": "123"})
    assert superscript.status_code == 200 and superscript.json() == plain.json()
