"""DOI totals per repository, member or prefix (``/clients/totals``, ``/providers/totals``,
``/prefixes/totals``; spec §6.4, §7, §8): registered and findable DOIs, their states and
how many were created this month, this year, last year and two years ago."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from doiregistry.storage import accounts, doi_totals
from doiregistry.storage.engine import Database

_STATE_TITLES = {"findable": "Findable", "registered": "Registered"}


@dataclass
class DoiTotal:
    """The totals of one repository, member or prefix (``title`` is its name)."""

    id: str
    title: str
    count: int = 0
    temporal: dict[str, int] = field(default_factory=dict)
    states: list[dict[str, object]] = field(default_factory=list)


def creation_windows(now: datetime) -> dict[str, tuple[datetime, datetime]]:
    """The four creation windows totals count in, by name, each from its start to its end."""
    month = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    year = month.replace(month=1)
    last_year, two_years_ago = year.replace(year=year.year - 1), year.replace(year=year.year - 2)
    end = timedelta(microseconds=1)
    return {
        "this_month": (month, now),
        "this_year": (year, now),
        "last_year": (last_year, year - end),
        "two_years_ago": (two_years_ago, last_year - end),
    }


class DoiTotalsService:
    def __init__(self, database: Database) -> None:
        self.database = database

    def _totals(
        self, group: doi_totals.Group, names: dict[str, str] | None, **equal_to: str
    ) -> list[DoiTotal]:
        windows = creation_windows(self.database.clock.now())
        with self.database.read() as connection:
            rows = doi_totals.counts(connection, group, windows, **equal_to)
        totals: dict[str, DoiTotal] = {}
        for row in rows:
            key = str(row.key)
            total = totals.setdefault(
                key, DoiTotal(key, (names or {}).get(key, key), temporal=dict.fromkeys(windows, 0))
            )
            total.count += int(row.doi_count)
            for name in windows:
                total.temporal[name] += int(getattr(row, name) or 0)
            title = _STATE_TITLES.get(row.state, row.state)
            total.states.append({"id": row.state, "title": title, "count": int(row.doi_count)})
        return list(totals.values())

    def by_client(self, provider_id: str | None = None) -> list[DoiTotal]:
        """Per repository, of one member when ``provider_id`` is given."""
        with self.database.read() as connection:
            _, names = accounts.account_names(connection)
        only = {"provider_id": provider_id.lower()} if provider_id else {}
        return self._totals("client_id", names, **only)

    def by_provider(self) -> list[DoiTotal]:
        with self.database.read() as connection:
            names, _ = accounts.account_names(connection)
        return self._totals("provider_id", names)

    def by_prefix(self, client_id: str | None = None) -> list[DoiTotal]:
        """Per prefix, of one repository when ``client_id`` is given."""
        only = {"client_id": client_id.lower()} if client_id else {}
        return self._totals("prefix", None, **only)
