"""Server settings as data: one table of every setting (name, environment variable,
default, type, help) that builds :class:`Settings`, reads the environment with clear
errors, and generates ``docs/settings.md`` (``python -m doiregistry.settings``).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any, Final

from doiregistry.demo.setup import PASSWORD_ENV as DEMO_PASSWORD_ENV
from doiregistry.registry.accounts.login_throttle import LoginLimits
from doiregistry.registry.accounts.staff import PASSWORD_ENV as ADMIN_PASSWORD_ENV
from doiregistry.search.dois.budgets import SearchBudgets
from doiregistry.search.query.bounds import QueryLimits

_QUERY_LIMITS: Final = QueryLimits()
_BUDGETS: Final = SearchBudgets()
DEFAULT_DATABASE_URL: Final = "sqlite:///./doiregistry.db"
_TRUE: Final = ("true", "1", "yes", "on")
_FALSE: Final = ("false", "0", "no", "off")


class SettingError(ValueError):
    """A setting's value (from the environment or the command line) is unusable."""


@dataclass(frozen=True)
class Setting:
    """One setting: the :class:`Settings` field ``name``, read from ``env``."""

    name: str
    env: str
    default: str | int | bool
    help: str
    #: the smallest value an integer setting accepts
    minimum: int | None = None

    @property
    def kind(self) -> type:
        return type(self.default)

    def parse(self, text: str) -> str | int | bool:
        """The value of ``text``, or a :class:`SettingError` that says what is wrong."""
        if isinstance(self.default, bool):
            folded = text.strip().lower()
            if folded in _TRUE:
                return True
            if folded in _FALSE:
                return False
            raise SettingError(
                f"{self.env} must be true or false (also 1/0, yes/no, on/off), not {text!r}"
            )
        if isinstance(self.default, int):
            try:
                number = int(text.strip())
            except ValueError:
                raise SettingError(f"{self.env} must be a whole number, not {text!r}") from None
            if self.minimum is not None and number < self.minimum:
                raise SettingError(f"{self.env} must be at least {self.minimum}, not {number}")
            return number
        return text


SETTINGS: Final[tuple[Setting, ...]] = (
    Setting(
        "database_url",
        "DOIREGISTRY_DATABASE",
        DEFAULT_DATABASE_URL,
        "SQLAlchemy URL of the store: `sqlite:///path.db` (the embedded default) or "
        "`postgresql+psycopg://user@host/dbname`.",
    ),
    Setting(
        "base_url",
        "DOIREGISTRY_BASE_URL",
        "",
        "Public address of the server, used in links (`https://api.example.org`); "
        "derived from each request when empty.",
    ),
    Setting(
        "site_title",
        "DOIREGISTRY_SITE_TITLE",
        "DataCite REST API",
        "The name `GET /` answers with.",
    ),
    Setting(
        "oai_repository_name",
        "DOIREGISTRY_OAI_REPOSITORY_NAME",
        "doiregistry",
        "OAI-PMH `Identify`: the repository's name.",
    ),
    Setting(
        "oai_admin_email",
        "DOIREGISTRY_OAI_ADMIN_EMAIL",
        "admin@example.org",
        "OAI-PMH `Identify`: administrator addresses, comma-separated.",
    ),
    Setting(
        "oai_base_url",
        "DOIREGISTRY_OAI_BASE_URL",
        "",
        "The OAI-PMH base URL reported in responses (`<base url>/oai` when empty).",
    ),
    Setting(
        "oai_page_size",
        "DOIREGISTRY_OAI_PAGE_SIZE",
        100,
        "Records, headers or sets per OAI-PMH list response.",
        minimum=1,
    ),
    Setting(
        "oai_repository_identifier",
        "DOIREGISTRY_OAI_REPOSITORY_IDENTIFIER",
        "",
        "When set (`oai.example.org`), `oai:<it>:<doi>` identifiers are accepted too.",
    ),
    Setting(
        "facets_by_default",
        "DOIREGISTRY_FACETS_BY_DEFAULT",
        True,
        "Whether `GET /dois` returns the default facets when `disable-facets` is not sent.",
    ),
    Setting(
        "max_query_clauses",
        "DOIREGISTRY_MAX_QUERY_CLAUSES",
        _QUERY_LIMITS.max_clauses,
        "Most terms, phrases, ranges and `_exists_` tests one query (`query=`, an OAI "
        "query set) may hold; more is a 400 (OpenSearch's `max_clause_count`).",
        minimum=1,
    ),
    Setting(
        "max_query_wildcards",
        "DOIREGISTRY_MAX_QUERY_WILDCARDS",
        _QUERY_LIMITS.max_wildcards,
        "Most wildcard terms (`*`, `?`) one query may hold; more is a 400.",
        minimum=0,
    ),
    Setting(
        "max_query_leading_wildcards",
        "DOIREGISTRY_MAX_QUERY_LEADING_WILDCARDS",
        _QUERY_LIMITS.max_leading_wildcards,
        "Most terms starting with a wildcard (`*ab`, each scans every word or value) one "
        "query may hold; more is a 400.",
        minimum=0,
    ),
    Setting(
        "max_query_depth",
        "DOIREGISTRY_MAX_QUERY_DEPTH",
        _QUERY_LIMITS.max_depth,
        "Deepest nesting of `AND`/`OR`/`NOT` one query may use; deeper is a 400 "
        "(OpenSearch's `max_nested_depth`).",
        minimum=1,
    ),
    Setting(
        "search_time_budget_ms",
        "DOIREGISTRY_SEARCH_TIME_BUDGET_MS",
        _BUDGETS.time_budget_ms,
        "Milliseconds the database may spend on one search (SQLite: all its statements, "
        "PostgreSQL: each statement); a search out of time is a 503 with `Retry-After`.",
        minimum=1,
    ),
    Setting(
        "facet_time_budget_ms",
        "DOIREGISTRY_FACET_TIME_BUDGET_MS",
        _BUDGETS.facet_time_budget_ms,
        "Milliseconds one search may spend counting facets; facets not counted in time are "
        "listed in `meta.facetsTimedOut`.",
        minimum=1,
    ),
    Setting(
        "login_address_attempts",
        "DOIREGISTRY_LOGIN_ADDRESS_ATTEMPTS",
        10,
        "Wrong passwords from one client address within the login window before that "
        "address is refused (429 with `Retry-After`) for the lock-out time. Counted in memory "
        "per process: behind a load balancer each process throttles on its own.",
        minimum=1,
    ),
    Setting(
        "login_account_attempts",
        "DOIREGISTRY_LOGIN_ACCOUNT_ATTEMPTS",
        50,
        "Wrong passwords for one account, from any address, within the login window before "
        "the account is refused for the lock-out time; keep it above the address limit so "
        "the right password from elsewhere still works while one address guesses.",
        minimum=1,
    ),
    Setting(
        "login_window",
        "DOIREGISTRY_LOGIN_WINDOW",
        300,
        "Seconds within which wrong passwords are counted towards the login limits.",
        minimum=1,
    ),
    Setting(
        "login_lockout",
        "DOIREGISTRY_LOGIN_LOCKOUT",
        900,
        "Seconds a locked-out address or account is refused before its password is checked again.",
        minimum=1,
    ),
)
_BY_NAME: Final = {setting.name: setting for setting in SETTINGS}

#: secrets read where they are used, never kept in :class:`Settings`
SECRETS: Final = (
    (
        ADMIN_PASSWORD_ENV,
        "Password of the staff account `admin`, set at start-up "
        "(or `doiregistry accounts set-admin-password`).",
    ),
    (
        DEMO_PASSWORD_ENV,
        "Password of the demo repository `DEMO.REPO` of `serve --demo` "
        "(a new random one at each start when unset).",
    ),
)


def _default(name: str) -> Any:
    return field(default=_BY_NAME[name].default)


@dataclass(frozen=True)
class Settings:
    """Everything the server needs to know at start-up; defaults, variables and help
    come from :data:`SETTINGS`."""

    database_url: str = _default("database_url")
    base_url: str = _default("base_url")
    site_title: str = _default("site_title")
    oai_repository_name: str = _default("oai_repository_name")
    oai_admin_email: str = _default("oai_admin_email")
    oai_base_url: str = _default("oai_base_url")
    oai_page_size: int = _default("oai_page_size")
    oai_repository_identifier: str = _default("oai_repository_identifier")
    facets_by_default: bool = _default("facets_by_default")
    max_query_clauses: int = _default("max_query_clauses")
    max_query_wildcards: int = _default("max_query_wildcards")
    max_query_leading_wildcards: int = _default("max_query_leading_wildcards")
    max_query_depth: int = _default("max_query_depth")
    search_time_budget_ms: int = _default("search_time_budget_ms")
    facet_time_budget_ms: int = _default("facet_time_budget_ms")
    login_address_attempts: int = _default("login_address_attempts")
    login_account_attempts: int = _default("login_account_attempts")
    login_window: int = _default("login_window")
    login_lockout: int = _default("login_lockout")

    @property
    def query_limits(self) -> QueryLimits:
        """The bounds every query (``GET /dois``, OAI query sets) is checked against."""
        return QueryLimits(
            max_clauses=self.max_query_clauses,
            max_wildcards=self.max_query_wildcards,
            max_leading_wildcards=self.max_query_leading_wildcards,
            max_depth=self.max_query_depth,
        )

    @property
    def search_budgets(self) -> SearchBudgets:
        """Query bounds and time budgets of the DOI search."""
        return SearchBudgets(
            query_limits=self.query_limits,
            time_budget_ms=self.search_time_budget_ms,
            facet_time_budget_ms=self.facet_time_budget_ms,
        )

    @property
    def login_limits(self) -> LoginLimits:
        """The login throttle's limits these settings ask for."""
        return LoginLimits(
            address_attempts=self.login_address_attempts,
            account_attempts=self.login_account_attempts,
            window=self.login_window,
            lockout=self.login_lockout,
        )

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, **overrides: str | None
    ) -> Settings:
        """Settings from the ``DOIREGISTRY_*`` variables, explicit (command-line)
        overrides winning; :class:`SettingError` names the variable of a bad value."""
        source = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for setting in SETTINGS:
            text = overrides.get(setting.name)
            if text is None:
                text = source.get(setting.env)
            if text is not None:
                values[setting.name] = setting.parse(text)
        unknown = set(overrides) - set(_BY_NAME)
        if unknown:
            raise TypeError(f"unknown settings: {', '.join(sorted(unknown))}")
        return cls(**values)


def _check_table() -> None:
    declared = {item.name: item.type for item in fields(Settings)}
    listed = {setting.name: setting.kind.__name__ for setting in SETTINGS}
    if declared != listed:
        raise AssertionError(f"Settings {declared} and the table {listed} disagree")


_check_table()


def _cell(value: str | int | bool) -> str:
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if value == "":
        return "(empty)"
    return f"`{value}`"


def settings_markdown() -> str:
    """``docs/settings.md``: every setting with its variable, type, default and help."""
    lines = [
        "# Settings",
        "",
        "Generated from the table in `src/doiregistry/settings.py` "
        "(`python -m doiregistry.settings > docs/settings.md`); a test keeps the two equal.",
        "",
        "The server reads each setting from its environment variable at start-up; "
        "`doiregistry serve --database` overrides `DOIREGISTRY_DATABASE`. A value that "
        "cannot be used stops the start with a message naming the variable. Booleans "
        "take `true`/`false` (also `1`/`0`, `yes`/`no`, `on`/`off`).",
        "",
        "| variable | type | default | what it sets |",
        "|---|---|---|---|",
    ]
    for setting in SETTINGS:
        kind = setting.kind.__name__
        if setting.minimum is not None:
            kind += f" ≥ {setting.minimum}"
        lines.append(f"| `{setting.env}` | {kind} | {_cell(setting.default)} | {setting.help} |")
    lines += [
        "",
        "## Secrets",
        "",
        "Read where they are used; never logged or stored in plain text.",
        "",
    ]
    lines += ["| variable | what it sets |", "|---|---|"]
    lines += [f"| `{env}` | {text} |" for env, text in SECRETS]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(settings_markdown())
