"""All services of one running registry, built over one store."""

from __future__ import annotations

from doiregistry.registry.accounts.authentication import Authenticator
from doiregistry.registry.accounts.clients import ClientService
from doiregistry.registry.accounts.login_throttle import LoginLimits, LoginThrottle
from doiregistry.registry.accounts.providers import ProviderService
from doiregistry.registry.activities import ActivityService
from doiregistry.registry.doi_totals import DoiTotalsService
from doiregistry.registry.dois.mds import MdsService
from doiregistry.registry.dois.service import DoiService
from doiregistry.registry.prefixes.service import PrefixService
from doiregistry.search.dois.budgets import SearchBudgets
from doiregistry.search.dois.service import DoiSearch
from doiregistry.storage.engine import Database


class Registry:
    """The services the HTTP layer calls; one per application."""

    def __init__(
        self,
        database: Database,
        *,
        facets_by_default: bool = True,
        login_limits: LoginLimits | None = None,
        search_budgets: SearchBudgets | None = None,
    ) -> None:
        self.database = database
        self.authenticator = Authenticator(database, throttle=LoginThrottle(login_limits))
        self.dois = DoiService(database)
        self.mds = MdsService(self.dois)
        self.providers = ProviderService(database)
        self.clients = ClientService(database)
        self.prefixes = PrefixService(database)
        self.doi_search = DoiSearch(
            database, facets_by_default=facets_by_default, budgets=search_budgets
        )
        self.activities = ActivityService(database)
        self.doi_totals = DoiTotalsService(database)
