"""The OpenAPI description lists every account and prefix route, with unique operation ids."""

from __future__ import annotations

from fastapi.testclient import TestClient

EXPECTED = {
    "/providers": {"get", "post"},
    "/providers/random": {"get"},
    "/providers/{provider_id}": {"get", "put", "patch", "delete"},
    "/providers/{provider_id}/clients": {"get"},
    "/providers/{provider_id}/repositories": {"get"},
    "/providers/{provider_id}/prefixes": {"get"},
    "/providers/{provider_id}/organizations": {"get"},
    "/clients": {"get", "post"},
    "/clients/{client_id}": {"get", "put", "patch", "delete"},
    "/clients/{client_id}/prefixes": {"get"},
    "/repositories": {"get", "post"},
    "/repositories/random": {"get"},
    "/repositories/{client_id}": {"get", "put", "patch", "delete"},
    "/repositories/{client_id}/prefixes": {"get"},
    "/prefixes": {"get", "post"},
    "/prefixes/{prefix}": {"get", "put", "patch", "delete"},
    "/provider-prefixes": {"get", "post"},
    "/provider-prefixes/{provider_prefix_id}": {"get", "put", "patch", "delete"},
    "/client-prefixes": {"get", "post"},
    "/client-prefixes/{client_prefix_id}": {"get", "put", "patch", "delete"},
    "/repository-prefixes": {"get", "post"},
    "/repository-prefixes/{client_prefix_id}": {"get", "put", "patch", "delete"},
}


def test_every_route_is_described_once(http: TestClient) -> None:
    response = http.get("/openapi.json")  # a duplicate operation id would warn, failing the test
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path, methods in EXPECTED.items():
        assert set(paths[path]) == methods, path
    operation_ids = [op["operationId"] for item in paths.values() for op in item.values()]
    assert len(operation_ids) == len(set(operation_ids))
