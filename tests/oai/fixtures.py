"""Fixtures the OAI-PMH HTTP tests share: import ``corpus_fixture`` and ``oai_fixture``
into a test module to use the fixture ``oai``.

``oai`` serves the application over the search tests' corpus of real records
(``tests.search.corpus``: two members, two repositories, findable,
registered and draft DOIs), on each backend, with ten records per page.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient
from lxml import etree
from sqlalchemy import select
from tests.oai.checks import valid
from tests.search import conftest as search_fixtures
from tests.search.corpus import Corpus

from doiregistry.api.app import create_app
from doiregistry.settings import Settings
from doiregistry.storage.engine import Database
from doiregistry.storage.tables import dois

PAGE_SIZE = 10
SETTINGS = Settings(
    oai_page_size=PAGE_SIZE,
    oai_admin_email="oai@example.org, second@example.org",
    oai_repository_name="Test registry",
)


@dataclass
class Oai:
    """A client of ``/oai`` that checks every response it gets."""

    client: TestClient
    database: Database

    def get(self, **params: str) -> etree._Element:
        response = self.client.get("/oai", params=params)
        assert response.status_code == 200
        assert response.headers["content-type"] == "text/xml; charset=utf-8"
        return valid(response.content)

    def post(self, **params: str) -> etree._Element:
        response = self.client.post("/oai", data=params)
        assert response.status_code == 200
        return valid(response.content)

    def rows(self) -> list[Any]:
        with self.database.read() as connection:
            return list(connection.execute(select(dois).order_by(dois.c.updated, dois.c.doi)))


def serve(database: Database, settings: Settings = SETTINGS) -> Iterator[Oai]:
    with TestClient(create_app(settings, database)) as client:
        yield Oai(client, database)


#: the search tests' corpus, one store per backend and test module
corpus_fixture = search_fixtures.corpus


@pytest.fixture(scope="module", name="oai")
def oai_fixture(corpus_fixture: Corpus) -> Iterator[Oai]:
    yield from serve(corpus_fixture.database)
