"""``/clients`` and ``/repositories`` over HTTP: the two shapes, prefixes, errors (spec §6)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from tests.factories import ADMIN, add_prefix, insert_doi_row, make_provider, make_repository

from doiregistry.registry.container import Registry

RECORDINGS = Path(__file__).resolve().parents[2].parent / "shared" / "datacite-testdata" / "json"
CLIENTS_LIST = (
    RECORDINGS / "api" / "api.datacite.org" / "clients-list" / "rdatacite__dc_clients.json"
)
MEMBER = ("datacite", "member-secret")
OWNER = ("DATACITE.TEST", "secret")

REPOSITORY_ATTRIBUTES = [
    "name",
    "symbol",
    "re3data",
    "opendoar",
    "year",
    "systemEmail",
    "serviceContact",
    "globusUuid",
    "alternateName",
    "description",
    "clientType",
    "repositoryType",
    "language",
    "certificate",
    "domains",
    "issn",
    "url",
    "software",
    "salesforceId",
    "fromSalesforce",
    "created",
    "updated",
    "analyticsDashboardUrl",
    "analyticsTrackingId",
    "subjects",
    "isActive",
    "hasPassword",
]


def body(kind: str, attributes: dict[str, Any], provider: str | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {"type": kind, "attributes": attributes}
    if provider:
        data["relationships"] = {"provider": {"data": {"type": "providers", "id": provider}}}
    return {"data": data}


def new_repository(kind: str = "clients", **attributes: Any) -> dict[str, Any]:
    values = {
        "symbol": "DATACITE.REPO",
        "name": "A repository",
        "systemEmail": "repo@example.org",
        "passwordInput": "repo-secret",
    }
    values.update(attributes)
    return body(kind, values, "datacite")


def error(status: int, title: str) -> dict[str, Any]:
    return {"errors": [{"status": str(status), "title": title}]}


def with_member(registry: Registry, *prefixes: str) -> None:
    make_provider(registry, "datacite", password=MEMBER[1])
    for prefix in prefixes:
        add_prefix(registry, prefix)


# -- create ---------------------------------------------------------------------------------


def test_member_creates_a_client_which_gets_a_prefix(http: TestClient, registry: Registry) -> None:
    with_member(registry, "10.5438")
    response = http.post("/clients", json=new_repository(), auth=MEMBER)
    assert response.status_code == 201, response.text
    assert response.headers["location"] == "/clients/datacite.repo"
    data = response.json()["data"]
    assert (data["id"], data["type"]) == ("datacite.repo", "clients")
    assert data["attributes"]["domains"] == "*"
    assert data["attributes"]["hasPassword"] is True
    assert data["relationships"] == {
        "provider": {"data": {"id": "datacite", "type": "providers"}},
        "prefixes": {"data": [{"id": "10.5438", "type": "prefixes"}]},
    }
    assert (
        http.get("/clients/datacite.repo", auth=("datacite.repo", "repo-secret")).status_code == 200
    )


def test_member_creates_a_repository(http: TestClient, registry: Registry) -> None:
    with_member(registry, "10.5438")
    response = http.post("/repositories", json=new_repository("repositories"), auth=MEMBER)
    assert response.status_code == 201, response.text
    document = response.json()
    assert document["data"]["type"] == "repositories"
    assert document["meta"] == {"doiCount": 0, "prefixCount": 1}


def test_no_free_prefix_is_422(http: TestClient, registry: Registry) -> None:
    with_member(registry)
    response = http.post("/repositories", json=new_repository("repositories"), auth=MEMBER)
    assert response.status_code == 422
    assert response.json() == {
        "errors": [
            {"source": "base", "title": "No prefixes available.  Unable to create repository."}
        ]
    }
    assert http.get("/repositories/datacite.repo").status_code == 404


def test_invalid_repository_is_422(http: TestClient, registry: Registry) -> None:
    with_member(registry, "10.5438")
    response = http.post(
        "/clients", json=new_repository(symbol="OTHER.REPO", systemEmail=""), auth=MEMBER
    )
    assert response.status_code == 422
    assert response.json() == {
        "errors": [
            {
                "source": "symbol",
                "title": ", Your Client ID must include the name of your provider."
                " Separated by a dot '.' ",
            },
            {"source": "system_email", "title": "Can't be blank"},
        ]
    }


def test_create_permissions(http: TestClient, registry: Registry) -> None:
    make_provider(registry, "small", member_type="member_only", password="small-secret")
    make_repository(registry, "datacite", "datacite.test", prefix="10.5438")
    add_prefix(registry, "10.5439")
    assert http.post("/clients", json=new_repository()).status_code == 401
    assert http.post("/clients", json=new_repository(), auth=OWNER).status_code == 403
    small = body(
        "clients", {"symbol": "SMALL.REPO", "name": "S", "systemEmail": "s@e.org"}, "small"
    )
    assert http.post("/clients", json=small, auth=("small", "small-secret")).status_code == 403
    assert http.post("/clients", json=small, auth=ADMIN).status_code == 201


def test_random_repository_symbol(http: TestClient) -> None:
    symbol = http.get("/repositories/random").json()["symbol"]
    assert len(symbol) == 6 and symbol.isalpha() and symbol.isupper()


# -- read -----------------------------------------------------------------------------------


def test_anonymous_view_of_a_client(http: TestClient, registry: Registry) -> None:
    make_repository(registry)
    data = http.get("/clients/DATACITE.TEST").json()["data"]
    assert list(data["attributes"]) == [
        "name",
        "symbol",
        "year",
        "alternateName",
        "description",
        "language",
        "clientType",
        "domains",
        "re3data",
        "opendoar",
        "issn",
        "url",
        "created",
        "updated",
        "isActive",
    ]


def test_client_shape_matches_datacites_recording(http: TestClient, registry: Registry) -> None:
    recorded = json.loads(CLIENTS_LIST.read_text())["data"][0]
    make_repository(registry)
    ours = http.get("/clients/datacite.test", auth=OWNER).json()["data"]
    assert list(ours) == list(recorded)
    assert list(ours["attributes"]) == list(recorded["attributes"])
    assert list(ours["relationships"]) == list(recorded["relationships"])


def test_staff_view_of_a_repository(http: TestClient, registry: Registry) -> None:
    make_repository(registry)
    insert_doi_row(registry.database, "10.5438/abc", "datacite.test", "datacite")
    document = http.get("/repositories/datacite.test", auth=ADMIN).json()
    assert list(document["data"]["attributes"]) == REPOSITORY_ATTRIBUTES
    assert document["meta"] == {"doiCount": 1, "prefixCount": 1}
    listed = http.get("/repositories", auth=ADMIN).json()["data"][0]["attributes"]
    assert "fromSalesforce" not in listed


def test_unknown_repository_is_404(http: TestClient) -> None:
    for path in ("/clients/datacite.none", "/repositories/datacite.none"):
        response = http.get(path)
        assert response.status_code == 404
        assert response.json() == error(404, "The resource you are looking for doesn't exist.")


def test_list_filters_by_provider_and_keeps_it_in_next(
    http: TestClient, registry: Registry
) -> None:
    make_repository(registry, "datacite", "datacite.one", prefix="10.5438")
    make_repository(registry, "datacite", "datacite.two", prefix="10.5439")
    make_repository(registry, "other", "other.one", prefix="10.5440")
    document = http.get("/clients", params={"provider-id": "datacite", "page[size]": 1}).json()
    assert [document["meta"][k] for k in ("total", "totalPages", "page")] == [2, 2, 1]
    assert "provider-id=datacite" in document["links"]["next"]
    both = http.get("/repositories", params={"provider_id": "datacite,other"}).json()
    assert both["meta"]["total"] == 3


def test_prefixes_of_a_repository(http: TestClient, registry: Registry) -> None:
    make_repository(registry)
    for path in ("/clients/datacite.test/prefixes", "/repositories/datacite.test/prefixes"):
        document = http.get(path).json()
        assert [(item["id"], item["type"]) for item in document["data"]] == [
            ("10.5438", "prefixes")
        ]
    assert http.get("/clients/datacite.none/prefixes").status_code == 404


# -- update ---------------------------------------------------------------------------------


def test_repository_updates_itself(http: TestClient, registry: Registry) -> None:
    make_repository(registry)
    response = http.put(
        "/clients/datacite.test",
        json=body("clients", {"name": "Renamed", "domains": "example.org"}),
        auth=OWNER,
    )
    assert response.status_code == 200, response.text
    attributes = response.json()["data"]["attributes"]
    assert (attributes["name"], attributes["domains"]) == ("Renamed", "example.org")
    patched = http.patch(
        "/repositories/datacite.test",
        json=body("repositories", {"clientType": "periodical", "issn": {"issnl": "1234-5678"}}),
        auth=OWNER,
    )
    assert patched.status_code == 200
    assert patched.json()["data"]["attributes"]["issn"] == {"issnl": "1234-5678"}
    assert patched.json()["meta"] == {"doiCount": 0, "prefixCount": 1}


def test_update_permissions_and_errors(http: TestClient, registry: Registry) -> None:
    make_repository(registry, "datacite", "datacite.test", prefix="10.5438")
    make_repository(registry, "datacite", "datacite.other", password="other", prefix="10.5439")
    change = body("clients", {"name": "X"})
    assert http.patch("/clients/datacite.other", json=change, auth=OWNER).status_code == 403
    assert http.patch("/clients/datacite.other", json=change).status_code == 401
    assert http.patch("/clients/datacite.none", json=change, auth=ADMIN).status_code == 404
    invalid = http.patch(
        "/clients/datacite.test", json=body("clients", {"clientType": "journal"}), auth=OWNER
    )
    assert invalid.status_code == 422
    assert invalid.json()["errors"] == [
        {"source": "client_type", "title": "Client type journal is not included in the list"}
    ]
    transfer = http.patch(
        "/clients/datacite.test", json=body("clients", {"mode": "transfer"}), auth=ADMIN
    )
    assert transfer.status_code == 400


# -- delete ---------------------------------------------------------------------------------


def test_member_deletes_a_repository(http: TestClient, registry: Registry) -> None:
    with_member(registry)
    make_repository(registry)
    assert http.delete("/repositories/datacite.test", auth=OWNER).status_code == 403
    assert http.delete("/repositories/datacite.test").status_code == 401
    response = http.delete("/repositories/datacite.test", auth=MEMBER)
    assert response.status_code == 204
    assert http.get("/clients/datacite.test").status_code == 404
    assert http.delete("/clients/datacite.test", auth=MEMBER).status_code == 404


def test_repository_with_dois_is_not_deleted(http: TestClient, registry: Registry) -> None:
    make_repository(registry)
    insert_doi_row(registry.database, "10.5438/abc", "datacite.test", "datacite")
    as_client = http.delete("/clients/datacite.test", auth=ADMIN)
    assert as_client.status_code == 400
    assert as_client.json() == error(400, "Can't delete client that has DOIs.")
    as_repository = http.delete("/repositories/datacite.test", auth=ADMIN)
    assert as_repository.json() == error(400, "Can't delete repository that has DOIs.")
