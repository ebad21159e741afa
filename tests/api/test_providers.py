"""``/providers`` over HTTP: shapes, status codes, permissions and error documents (spec §7)."""

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
JSONAPI = {"content-type": "application/vnd.api+json"}

#: the full attribute order of spec §7, as staff see it
STAFF_ATTRIBUTES = [
    "name",
    "displayName",
    "symbol",
    "website",
    "systemEmail",
    "groupEmail",
    "globusUuid",
    "description",
    "region",
    "country",
    "logoUrl",
    "memberType",
    "organizationType",
    "focusArea",
    "nonProfitStatus",
    "isActive",
    "hasPassword",
    "joined",
    "twitterHandle",
    "billingInformation",
    "rorId",
    "salesforceId",
    "fromSalesforce",
    "technicalContact",
    "secondaryTechnicalContact",
    "billingContact",
    "secondaryBillingContact",
    "serviceContact",
    "secondaryServiceContact",
    "votingContact",
    "hasRequiredContacts",
    "created",
    "updated",
    "doiEstimate",
]
PUBLIC_ATTRIBUTES = [
    "name",
    "displayName",
    "symbol",
    "website",
    "description",
    "region",
    "country",
    "logoUrl",
    "memberType",
    "organizationType",
    "focusArea",
    "nonProfitStatus",
    "isActive",
    "joined",
    "rorId",
    "created",
    "updated",
    "doiEstimate",
]


def body(attributes: dict[str, Any], **related: str) -> dict[str, Any]:
    data: dict[str, Any] = {"type": "providers", "attributes": attributes}
    if related:
        data["relationships"] = {
            name: {"data": {"type": "providers", "id": value}} for name, value in related.items()
        }
    return {"data": data}


def new_provider(**attributes: Any) -> dict[str, Any]:
    values = {
        "symbol": "TIB",
        "name": "Technische Informationsbibliothek",
        "displayName": "TIB",
        "systemEmail": "doi@tib.example.org",
        "country": "DE",
        "passwordInput": "tib-secret",
    }
    values.update(attributes)
    return body(values)


def error(status: int, title: str) -> dict[str, Any]:
    return {"errors": [{"status": str(status), "title": title}]}


def is_subsequence(part: list[str], whole: list[str]) -> bool:
    remaining = iter(whole)
    return all(name in remaining for name in part)


# -- create ---------------------------------------------------------------------------------


def test_staff_creates_a_provider_with_201(http: TestClient) -> None:
    response = http.post("/providers", json=new_provider(), auth=ADMIN, headers=JSONAPI)
    assert response.status_code == 201, response.text
    assert response.headers["location"] == "/providers/tib"
    assert response.headers["content-type"].startswith("application/vnd.api+json")
    document = response.json()
    data = document["data"]
    assert (data["id"], data["type"]) == ("tib", "providers")
    assert list(data["attributes"]) == STAFF_ATTRIBUTES
    assert data["attributes"]["region"] == "EMEA"
    assert data["attributes"]["hasPassword"] is True
    assert data["attributes"]["created"].endswith("Z") and "." in data["attributes"]["created"]
    assert data["relationships"] == {"clients": {"data": []}, "prefixes": {"data": []}}
    assert document["meta"] == {"repositoryCount": 0}


def test_create_without_credentials_is_401(http: TestClient) -> None:
    response = http.post("/providers", json=new_provider())
    assert response.status_code == 401
    assert response.json() == error(401, "Bad credentials.")
    wrong = http.post("/providers", json=new_provider(), auth=("admin", "wrong"))
    assert wrong.status_code == 401


def test_create_by_a_member_is_403(http: TestClient, registry: Registry) -> None:
    make_provider(registry, "datacite", password=MEMBER[1])
    response = http.post("/providers", json=new_provider(), auth=MEMBER)
    assert response.status_code == 403
    assert response.json() == error(403, "You are not authorized to access this resource.")


def test_invalid_provider_is_422_per_attribute(http: TestClient) -> None:
    response = http.post(
        "/providers",
        json=new_provider(symbol="T1", systemEmail="nope", memberType="boss"),
        auth=ADMIN,
    )
    assert response.status_code == 422
    assert response.json() == {
        "errors": [
            {"source": "symbol", "title": "Should only contain capital letters"},
            {"source": "system_email", "title": "system_email should be an email"},
            {"source": "member_type", "title": "Member type boss is not included in the list"},
        ]
    }


def test_duplicate_symbol_is_422(http: TestClient, registry: Registry) -> None:
    make_provider(registry, "tib")
    response = http.post("/providers", json=new_provider(), auth=ADMIN)
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"source": "symbol", "title": "This name has already been taken"}
    ]


def test_malformed_bodies_are_400(http: TestClient) -> None:
    not_json = http.post("/providers", content=b"{nope", auth=ADMIN, headers=JSONAPI)
    assert not_json.status_code == 400
    assert not_json.json()["errors"][0]["title"].startswith("The request body is not valid JSON")
    no_data = http.post("/providers", json={"attributes": {}}, auth=ADMIN)
    assert no_data.status_code == 400
    assert no_data.json() == error(400, "You need to provide a payload following the JSONAPI spec")


def test_random_symbol(http: TestClient) -> None:
    response = http.get("/providers/random")
    assert response.status_code == 200
    symbol = response.json()["symbol"]
    assert len(symbol) == 4 and symbol.isalpha() and symbol.isupper()


# -- read -----------------------------------------------------------------------------------


def test_anonymous_callers_see_no_contact_or_billing_details(
    http: TestClient, registry: Registry
) -> None:
    make_provider(registry, "datacite", password=MEMBER[1], groupEmail="group@example.org")
    response = http.get("/providers/DATACITE")
    assert response.status_code == 200
    attributes = response.json()["data"]["attributes"]
    assert list(attributes) == PUBLIC_ATTRIBUTES
    assert "group@example.org" not in response.text


def test_a_member_sees_its_own_contacts_but_not_staff_fields(
    http: TestClient, registry: Registry
) -> None:
    make_provider(registry, "datacite", password=MEMBER[1])
    attributes = http.get("/providers/datacite", auth=MEMBER).json()["data"]["attributes"]
    assert list(attributes) == [
        name for name in STAFF_ATTRIBUTES if name not in ("salesforceId", "fromSalesforce")
    ]


def test_shape_matches_datacites_recorded_provider(http: TestClient, registry: Registry) -> None:
    recorded = json.loads(CLIENTS_LIST.read_text())["included"][0]
    make_provider(registry, "datacite", password=MEMBER[1])
    ours = http.get("/providers/datacite", auth=MEMBER).json()["data"]
    assert is_subsequence(list(recorded["attributes"]), list(ours["attributes"]))
    assert list(recorded["relationships"]) == list(ours["relationships"])
    assert set(recorded) == set(ours)


def test_unknown_provider_is_404(http: TestClient) -> None:
    response = http.get("/providers/nobody")
    assert response.status_code == 404
    assert response.json() == error(404, "The resource you are looking for doesn't exist.")


def test_show_relationships_and_meta_of_a_consortium(http: TestClient, registry: Registry) -> None:
    make_provider(registry, "cons", member_type="consortium")
    make_provider(registry, "org", member_type="consortium_organization", consortium="cons")
    make_repository(registry, "org", "org.repo", prefix="10.5438")
    consortium = http.get("/providers/cons").json()
    assert consortium["meta"] == {"consortiumOrganizationCount": 1}
    assert consortium["data"]["relationships"]["consortiumOrganizations"] == {
        "data": [{"id": "org", "type": "providers"}]
    }
    organisation = http.get("/providers/org").json()
    assert organisation["meta"] == {"repositoryCount": 1}
    assert organisation["data"]["relationships"] == {
        "clients": {"data": [{"id": "org.repo", "type": "clients"}]},
        "prefixes": {"data": [{"id": "10.5438", "type": "prefixes"}]},
        "consortium": {"data": {"id": "cons", "type": "providers"}},
    }
    organisations = http.get("/providers/cons/organizations").json()
    assert [item["id"] for item in organisations["data"]] == ["org"]


def test_list_pages_and_links(http: TestClient, registry: Registry) -> None:
    for symbol in ("AA", "BB", "CC"):
        make_provider(registry, symbol)
    response = http.get("/providers", params={"page[size]": 2, "member-type": "direct_member"})
    assert response.status_code == 200
    document = response.json()
    assert list(document) == ["data", "meta", "links"]
    assert [item["id"] for item in document["data"]] == ["aa", "bb"]
    assert list(document["meta"])[:3] == ["total", "totalPages", "page"]
    assert [document["meta"][k] for k in ("total", "totalPages", "page")] == [3, 2, 1]
    assert "member-type=direct_member" in document["links"]["next"]
    assert "page%5Bnumber%5D=2" in document["links"]["next"]
    last = http.get(document["links"]["next"]).json()
    assert [item["id"] for item in last["data"]] == ["cc"]
    assert "next" not in last["links"]
    assert http.get("/providers", params={"page[size]": 5000}).json()["meta"]["totalPages"] == 1


def test_bad_page_number_is_400(http: TestClient) -> None:
    response = http.get("/providers", params={"page[number]": "two"})
    assert response.status_code == 400
    assert "page[number]" in response.json()["errors"][0]["title"]


def test_repositories_and_prefixes_of_a_provider(http: TestClient, registry: Registry) -> None:
    make_repository(registry, "datacite", "datacite.test", prefix="10.5438")
    clients = http.get("/providers/datacite/clients").json()
    assert [(item["id"], item["type"]) for item in clients["data"]] == [
        ("datacite.test", "clients")
    ]
    repositories = http.get("/providers/datacite/repositories").json()
    assert repositories["data"][0]["type"] == "repositories"
    prefixes = http.get("/providers/datacite/prefixes").json()
    assert [item["id"] for item in prefixes["data"]] == ["10.5438"]
    for path in ("clients", "repositories", "prefixes", "organizations"):
        assert http.get(f"/providers/nobody/{path}").status_code == 404


# -- update ---------------------------------------------------------------------------------


def test_member_updates_itself_with_put_or_patch(http: TestClient, registry: Registry) -> None:
    make_provider(registry, "datacite", password=MEMBER[1])
    patched = http.patch("/providers/datacite", json=body({"displayName": "DataCite"}), auth=MEMBER)
    assert patched.status_code == 200, patched.text
    assert patched.json()["data"]["attributes"]["displayName"] == "DataCite"
    put = http.put(
        "/providers/datacite", json=body({"website": "https://datacite.org"}), auth=MEMBER
    )
    assert put.status_code == 200
    attributes = put.json()["data"]["attributes"]
    assert (attributes["displayName"], attributes["website"]) == (
        "DataCite",
        "https://datacite.org",
    )


def test_update_permissions(http: TestClient, registry: Registry) -> None:
    make_provider(registry, "datacite", password=MEMBER[1])
    make_provider(registry, "other")
    assert http.patch("/providers/other", json=body({"name": "X"}), auth=MEMBER).status_code == 403
    member_type = http.patch(
        "/providers/datacite", json=body({"memberType": "consortium"}), auth=MEMBER
    )
    assert member_type.status_code == 403
    assert http.patch("/providers/other", json=body({"name": "X"})).status_code == 401
    assert http.patch("/providers/nobody", json=body({"name": "X"}), auth=ADMIN).status_code == 404
    symbol = http.patch("/providers/other", json=body({"symbol": "NEW"}), auth=ADMIN)
    assert symbol.status_code == 422
    assert symbol.json()["errors"] == [{"source": "symbol", "title": "Cannot be changed"}]


# -- delete ---------------------------------------------------------------------------------


def test_staff_deletes_a_provider(http: TestClient, registry: Registry) -> None:
    make_provider(registry, "datacite", password=MEMBER[1])
    assert http.delete("/providers/datacite", auth=MEMBER).status_code == 403
    assert http.delete("/providers/datacite").status_code == 401
    response = http.delete("/providers/datacite", auth=ADMIN)
    assert response.status_code == 204
    assert response.content == b""
    assert http.get("/providers/datacite").status_code == 404
    assert http.delete("/providers/datacite", auth=ADMIN).status_code == 404
    assert all(item["id"] != "datacite" for item in http.get("/providers").json()["data"])


def test_provider_with_repositories_is_not_deleted(http: TestClient, registry: Registry) -> None:
    make_repository(registry, "datacite", "datacite.test")
    add_prefix(registry, "10.9999")
    insert_doi_row(registry.database, "10.5438/x", "datacite.test", "datacite")
    response = http.delete("/providers/datacite", auth=ADMIN)
    assert response.status_code == 400
    assert response.json() == error(400, "Can't delete provider that has active clients.")


def test_wrong_method_on_the_collection_is_405(http: TestClient) -> None:
    response = http.delete("/providers", auth=ADMIN)
    assert response.status_code == 405
    assert "GET" in response.headers["allow"]
