"""``/clients/{id}/activities``, ``/repositories/{id}/activities`` and
``/providers/{id}/activities``: an account's history, for the account, its member and staff
(spec §9; issue 15, item 5)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from tests.factories import ADMIN, make_repository

from doiregistry.registry.container import Registry

OWNER = ("DATACITE.TEST", "secret")
OTHER = ("DATACITE.OTHER", "other")


@pytest.fixture
def accounts(http: TestClient, registry: Registry) -> TestClient:
    make_repository(registry, "datacite", "datacite.test", prefix="10.5438")
    make_repository(registry, "datacite", "datacite.other", password="other", prefix="10.5439")
    change = {"data": {"type": "clients", "attributes": {"name": "Renamed"}}}
    assert http.patch("/clients/datacite.test", json=change, auth=OWNER).status_code == 200
    return http


@pytest.mark.parametrize("shape", ["clients", "repositories"])
def test_a_repository_history(accounts: TestClient, shape: str) -> None:
    for auth in (ADMIN, OWNER):
        body = accounts.get(f"/{shape}/DATACITE.TEST/activities", auth=auth).json()
        assert body["meta"] == {"total": 2, "totalPages": 1, "page": 1}
        newest, first = body["data"]
        assert (newest["attributes"]["action"], newest["attributes"]["version"]) == ("update", 2)
        assert first["attributes"]["action"] == "create"
        assert first["attributes"]["prov:wasDerivedFrom"].endswith("/repositories/datacite.test")
    oldest_first = accounts.get(
        f"/{shape}/datacite.test/activities?sort=created&page[size]=1", auth=ADMIN
    ).json()
    assert [one["attributes"]["version"] for one in oldest_first["data"]] == [1]
    assert oldest_first["meta"]["totalPages"] == 2


def test_a_member_history(accounts: TestClient) -> None:
    body = accounts.get("/providers/datacite/activities", auth=ADMIN).json()
    assert body["meta"]["total"] == 1
    assert body["data"][0]["attributes"]["action"] == "create"
    assert body["data"][0]["attributes"]["prov:wasDerivedFrom"].endswith("/providers/datacite")


@pytest.mark.parametrize(
    ("path", "auth"),
    [
        ("/clients/datacite.test/activities", None),
        ("/clients/datacite.test/activities", OTHER),
        ("/repositories/datacite.test/activities", OTHER),
        ("/clients/datacite.none/activities", ADMIN),
        ("/providers/datacite/activities", None),
        ("/providers/datacite/activities", OWNER),
        ("/providers/nobody/activities", ADMIN),
    ],
)
def test_who_may_not_see_a_history_gets_404(
    accounts: TestClient, path: str, auth: tuple[str, str] | None
) -> None:
    response = accounts.get(path, auth=auth)
    assert response.status_code == 404
    assert response.json()["errors"][0]["status"] == "404"


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("page[number]=x", "page[number] must be an integer, not 'x'"),
        ("page[size]=1.5", "page[size] must be an integer, not '1.5'"),
    ],
)
@pytest.mark.parametrize("owner", ["clients/datacite.test", "providers/datacite"])
def test_bad_paging_is_a_400(accounts: TestClient, owner: str, query: str, title: str) -> None:
    response = accounts.get(f"/{owner}/activities?{query}", auth=ADMIN)
    assert response.status_code == 400
    assert response.json()["errors"][0]["title"] == title


def test_a_deleted_repository_has_no_history_to_show(accounts: TestClient) -> None:
    assert accounts.delete("/clients/datacite.other", auth=ADMIN).status_code == 204
    assert accounts.get("/clients/datacite.other/activities", auth=ADMIN).status_code == 404
