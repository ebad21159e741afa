"""Request bodies: size limit (413), gzip/deflate inflation, and broken compression (400)."""

from __future__ import annotations

import gzip
import json
import zlib

import pytest
from fastapi.testclient import TestClient
from tests.api.conftest import REPOSITORY_AUTH

from doiregistry.api import request_body

OWNER = REPOSITORY_AUTH
BODY = json.dumps({"data": {"attributes": {"doi": "10.5438/zipped"}}}).encode()


@pytest.mark.parametrize(
    ("encoding", "compress"),
    [("gzip", gzip.compress), ("deflate", zlib.compress)],
)
def test_compressed_bodies_are_inflated(
    client: TestClient, encoding: str, compress: object
) -> None:
    assert callable(compress)
    response = client.post(
        "/dois",
        content=compress(BODY),
        auth=OWNER,
        headers={"content-type": "application/vnd.api+json", "content-encoding": encoding},
    )
    assert response.status_code == 201, response.text
    assert response.json()["data"]["id"] == "10.5438/zipped"


def test_broken_compression_is_400(client: TestClient) -> None:
    response = client.post(
        "/dois",
        content=b"not gzip at all",
        auth=OWNER,
        headers={"content-type": "application/vnd.api+json", "content-encoding": "gzip"},
    )
    assert response.status_code == 400
    assert "cannot be decompressed" in response.json()["errors"][0]["title"]


def test_oversized_bodies_are_413(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(request_body, "MAX_BODY_BYTES", 100)
    big = json.dumps(
        {"data": {"attributes": {"doi": "10.5438/x", "titles": [{"title": "x" * 500}]}}}
    )
    response = client.post(
        "/dois", content=big, auth=OWNER, headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    bomb = gzip.compress(b"{" + b" " * 10_000 + b"}")
    inflated = client.post(
        "/dois",
        content=bomb,
        auth=OWNER,
        headers={"content-type": "application/json", "content-encoding": "gzip"},
    )
    assert inflated.status_code == 413
    assert client.get("/dois/10.5438/x", auth=OWNER).status_code == 404
