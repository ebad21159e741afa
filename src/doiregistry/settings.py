"""Server settings: one immutable value built from the command line and the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass

DEFAULT_DATABASE_URL = "sqlite:///./doiregistry.db"


@dataclass(frozen=True)
class Settings:
    """Everything the server needs to know at start-up.

    ``database_url`` is a SQLAlchemy URL (``sqlite:///path.db`` or
    ``postgresql+psycopg://user@host/db``); ``base_url`` is the public address
    used in links (derived from each request when empty).
    """

    database_url: str = DEFAULT_DATABASE_URL
    base_url: str = ""
    site_title: str = "DataCite REST API"
    #: OAI-PMH ``Identify``: the repository's name
    oai_repository_name: str = "doiregistry"
    #: OAI-PMH ``Identify``: administrator addresses, comma-separated
    oai_admin_email: str = "admin@example.org"
    #: the OAI-PMH base URL reported in responses (``<base_url>/oai`` when empty)
    oai_base_url: str = ""
    #: records, headers or sets per OAI-PMH list response
    oai_page_size: int = 100
    #: when set (``oai.example.org``), ``oai:<it>:<doi>`` identifiers are accepted too
    oai_repository_identifier: str = ""
    #: whether ``GET /dois`` returns the default facets when ``disable-facets`` is not sent
    facets_by_default: bool = True

    @classmethod
    def from_env(cls, **overrides: str | None) -> Settings:
        """Settings from ``DOIREGISTRY_*`` variables, with explicit overrides winning."""

        def pick(name: str, env: str, default: str) -> str:
            value = overrides.get(name)
            return value if value is not None else os.environ.get(env, default)

        return cls(
            database_url=pick("database_url", "DOIREGISTRY_DATABASE", DEFAULT_DATABASE_URL),
            base_url=pick("base_url", "DOIREGISTRY_BASE_URL", ""),
            oai_repository_name=pick(
                "oai_repository_name", "DOIREGISTRY_OAI_REPOSITORY_NAME", "doiregistry"
            ),
            oai_admin_email=pick(
                "oai_admin_email", "DOIREGISTRY_OAI_ADMIN_EMAIL", "admin@example.org"
            ),
            oai_base_url=pick("oai_base_url", "DOIREGISTRY_OAI_BASE_URL", ""),
            oai_page_size=int(pick("oai_page_size", "DOIREGISTRY_OAI_PAGE_SIZE", "100")),
            oai_repository_identifier=pick(
                "oai_repository_identifier", "DOIREGISTRY_OAI_REPOSITORY_IDENTIFIER", ""
            ),
            facets_by_default=pick("facets_by_default", "DOIREGISTRY_FACETS_BY_DEFAULT", "true")
            .strip()
            .lower()
            not in ("false", "0", "no"),
        )
