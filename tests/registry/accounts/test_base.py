"""The write steps providers and repositories share (:mod:`registry.accounts.base`): the
write gate, random symbols, and update / soft delete with their audit rows, run on both
kinds of account."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from tests.factories import STAFF, Services, insert_doi_row, make_repository

from doiregistry.domain.errors import (
    BadRequest,
    Forbidden,
    NotFound,
    Unauthorized,
    ValidationFailed,
)
from doiregistry.domain.principal import ANONYMOUS, Principal, Role
from doiregistry.registry.accounts.base import AccountService, random_symbol, require_writer
from doiregistry.registry.accounts.client_rules import ClientPayload
from doiregistry.registry.accounts.provider_rules import ProviderPayload
from doiregistry.storage import accounts, activity_records


@dataclass(frozen=True)
class Kind:
    """One kind of account under test: its service, an account of it and its payload type."""

    service: Callable[[Services], AccountService[Any, Any]]
    account_id: str
    payload: Callable[[dict[str, Any]], Any]
    audit_name: str
    refusal: str


PROVIDERS = Kind(
    lambda services: services.providers,
    "datacite",
    ProviderPayload,
    "Provider",
    "Can't delete provider that has active clients.",
)
CLIENTS = Kind(
    lambda services: services.clients,
    "datacite.test",
    ClientPayload,
    "Client",
    "Can't delete client that has DOIs.",
)


@pytest.fixture(params=[PROVIDERS, CLIENTS], ids=["providers", "clients"])
def kind(request: pytest.FixtureRequest, services: Services) -> Kind:
    make_repository(services)
    chosen: Kind = request.param
    return chosen


def history(services: Services, kind: Kind) -> list[Any]:
    with services.database.read() as connection:
        return activity_records.for_auditable(connection, kind.audit_name, kind.account_id)


def test_require_writer() -> None:
    with pytest.raises(Unauthorized):
        require_writer(ANONYMOUS)
    with pytest.raises(Forbidden):
        require_writer(Principal(Role.PROVIDER_ADMIN, uid="x", is_active=False))
    require_writer(STAFF)


def test_random_symbol() -> None:
    symbol = random_symbol(7)
    assert len(symbol) == 7 and symbol.isascii() and symbol.isalpha() and symbol.isupper()


def test_update_merges_onto_the_stored_state_and_audits_the_change(
    services: Services, kind: Kind
) -> None:
    service = kind.service(services)
    before = service.get(STAFF, kind.account_id)
    record = service.update(STAFF, kind.account_id, kind.payload({"name": "Renamed"}))
    assert record.name == "Renamed"
    assert record.symbol == before.symbol and record.created == before.created
    assert record.updated > before.updated
    latest = history(services, kind)[0]
    assert (latest.action, latest.changes) == ("update", {"name": [before.name, "Renamed"]})


def test_update_keeps_the_symbol(services: Services, kind: Kind) -> None:
    with pytest.raises(ValidationFailed) as excinfo:
        kind.service(services).update(STAFF, kind.account_id, kind.payload({"symbol": "OTHER"}))
    assert [(e.source, e.title) for e in excinfo.value.errors] == [("symbol", "Cannot be changed")]


def test_update_gates(services: Services, kind: Kind) -> None:
    service = kind.service(services)
    with pytest.raises(Unauthorized):
        service.update(ANONYMOUS, kind.account_id, kind.payload({}))
    with pytest.raises(NotFound):
        service.update(STAFF, "nobody.none", kind.payload({}))
    stranger = Principal(Role.PROVIDER_ADMIN, uid="other", provider_ids=frozenset({"other"}))
    with pytest.raises(Forbidden):
        service.update(stranger, kind.account_id, kind.payload({}))


def test_update_sets_the_password(services: Services, kind: Kind) -> None:
    kind.service(services).update(
        STAFF, kind.account_id, kind.payload({"passwordInput": "changed"})
    )
    assert not services.authenticator.authenticate(kind.account_id, "changed").is_anonymous


def test_soft_delete_is_refused_while_something_rests_on_the_account(
    services: Services, kind: Kind
) -> None:
    if kind is CLIENTS:
        insert_doi_row(services.database, "10.5438/one", "datacite.test", "datacite")
    with pytest.raises(BadRequest) as excinfo:
        kind.service(services).delete(STAFF, kind.account_id)
    assert excinfo.value.title == kind.refusal


def test_soft_delete_marks_releases_and_audits(services: Services) -> None:
    make_repository(services)
    services.clients.delete(STAFF, "datacite.test")
    services.providers.delete(STAFF, "datacite")
    with services.database.read() as connection:
        assert accounts.fetch_client(connection, "datacite.test") is None
        assert accounts.fetch_provider(connection, "datacite") is None
        deleted = accounts.fetch_provider(connection, "datacite", deleted=True)
    assert deleted is not None and deleted.deleted_at is not None and not deleted.is_active
    assert services.prefixes.get_prefix("10.5438").provider_id is None
    for kind in (PROVIDERS, CLIENTS):
        latest = history(services, kind)[0]
        assert latest.action == "destroy"
        assert latest.changes["symbol"] == kind.account_id.upper()
        with pytest.raises(NotFound):
            kind.service(services).delete(STAFF, kind.account_id)
