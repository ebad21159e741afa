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

    @classmethod
    def from_env(cls, **overrides: str | None) -> Settings:
        """Settings from ``DOIREGISTRY_*`` variables, with explicit overrides winning."""

        def pick(name: str, env: str, default: str) -> str:
            value = overrides.get(name)
            return value if value is not None else os.environ.get(env, default)

        return cls(
            database_url=pick("database_url", "DOIREGISTRY_DATABASE", DEFAULT_DATABASE_URL),
            base_url=pick("base_url", "DOIREGISTRY_BASE_URL", ""),
        )
