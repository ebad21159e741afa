"""The prefix service: the pool, provider-prefixes, client-prefixes (spec §8, §2.4)."""

from __future__ import annotations

import pytest
from tests.factories import (
    STAFF,
    Services,
    add_prefix,
    insert_doi_row,
    make_provider,
    make_repository,
)

from doiregistry.domain.errors import (
    BadRequest,
    Conflict,
    Forbidden,
    NotFound,
    Unauthorized,
    ValidationFailed,
)
from doiregistry.domain.listing import Page
from doiregistry.domain.principal import ANONYMOUS, Principal
from doiregistry.registry.accounts.client_rules import ClientPayload
from doiregistry.storage import prefix_records


def login(services: Services, account: str, password: str = "secret") -> Principal:
    principal = services.authenticator.authenticate(account, password)
    assert not principal.is_anonymous
    return principal


def errors_of(excinfo: pytest.ExceptionInfo[ValidationFailed]) -> list[tuple[str, str]]:
    return [(error.source, error.title) for error in excinfo.value.errors]


def can_register_under(services: Services, client_id: str, prefix: str) -> bool:
    with services.database.read() as connection:
        return prefix_records.client_has_prefix(connection, client_id, prefix)


# -- the pool -------------------------------------------------------------------------------


def test_staff_adds_a_prefix_to_the_pool(services: Services) -> None:
    record = services.prefixes.add_to_pool(STAFF, "10.17177")
    assert (record.prefix, record.state, record.provider_id) == ("10.17177", "unassigned", None)
    assert services.prefixes.get_prefix("10.17177").created == record.created


def test_a_prefix_is_added_once(services: Services) -> None:
    add_prefix(services, "10.17177")
    with pytest.raises(Conflict):
        services.prefixes.add_to_pool(STAFF, "10.17177")


@pytest.mark.parametrize("prefix", ["10.123", "10.1234567890", "11.1234", "10.12a4", ""])
def test_malformed_prefixes_are_refused(services: Services, prefix: str) -> None:
    with pytest.raises(ValidationFailed) as excinfo:
        services.prefixes.add_to_pool(STAFF, prefix)
    assert errors_of(excinfo) == [("prefix", "Is invalid")]


def test_only_staff_manage_the_pool(services: Services) -> None:
    make_provider(services, "datacite", password="secret")
    add_prefix(services, "10.5438")
    with pytest.raises(Forbidden):
        services.prefixes.add_to_pool(login(services, "datacite"), "10.1234")
    with pytest.raises(Unauthorized):
        services.prefixes.add_to_pool(ANONYMOUS, "10.1234")
    with pytest.raises(Forbidden):
        services.prefixes.delete_prefix(login(services, "datacite"), "10.5438")


def test_deleting_a_prefix_removes_its_assignments(services: Services) -> None:
    make_repository(services)
    services.prefixes.delete_prefix(STAFF, "10.5438")
    with pytest.raises(NotFound):
        services.prefixes.get_prefix("10.5438")
    assert not can_register_under(services, "datacite.test", "10.5438")
    assert services.providers.get(STAFF, "datacite").prefixes == ()


def test_a_prefix_with_dois_stays(services: Services) -> None:
    make_repository(services)
    insert_doi_row(services.database, "10.5438/xyz", "datacite.test", "datacite")
    with pytest.raises(BadRequest) as excinfo:
        services.prefixes.delete_prefix(STAFF, "10.5438")
    assert excinfo.value.title == "Can't delete prefix that has DOIs."
    with pytest.raises(NotFound):
        services.prefixes.delete_prefix(STAFF, "10.9999")


def test_pool_list_filters_by_state_provider_and_repository(services: Services) -> None:
    make_repository(services, "datacite", "datacite.test", prefix="10.5438")
    add_prefix(services, "10.5439")
    services.prefixes.assign_to_provider(STAFF, "datacite", "10.5439")
    add_prefix(services, "10.1000")
    listing = services.prefixes.list_prefixes(Page())
    assert [(r.prefix, r.state) for r in listing.items] == [
        ("10.1000", "unassigned"),
        ("10.5438", "with-repository"),
        ("10.5439", "without-repository"),
    ]
    free = services.prefixes.list_prefixes(Page(), states=["unassigned", "without-repository"])
    assert [r.prefix for r in free.items] == ["10.1000", "10.5439"]
    held = services.prefixes.list_prefixes(Page(), provider_id="DATACITE")
    assert held.total == 2
    used = services.prefixes.list_prefixes(Page(), client_id="datacite.test")
    assert [r.prefix for r in used.items] == ["10.5438"]
    with pytest.raises(BadRequest):
        services.prefixes.list_prefixes(Page(), states=["lost"])


# -- provider prefixes ----------------------------------------------------------------------


def test_staff_pool_member_repository_doi_flow(services: Services) -> None:
    """Staff add a prefix, the member takes it and gives it to its repository."""
    make_provider(services, "datacite", password="secret")
    services.prefixes.add_to_pool(STAFF, "10.5438")
    services.prefixes.add_to_pool(STAFF, "10.80000")
    member = login(services, "datacite")
    repository = services.clients.create(
        member,
        ClientPayload(
            {"symbol": "DATACITE.REPO", "name": "Repo", "systemEmail": "r@example.org"},
            provider_id="datacite",
        ),
    )
    assert repository.prefixes == ("10.5438",)
    held = services.prefixes.assign_to_provider(member, "datacite", "10.80000")
    assert (held.provider_id, held.prefix, held.client_id) == ("datacite", "10.80000", None)
    assert not can_register_under(services, "datacite.repo", "10.80000")
    given = services.prefixes.assign_to_client(
        member, "datacite.repo", "10.80000", provider_prefix_id=held.id
    )
    assert (given.client_id, given.provider_id, given.provider_prefix_id) == (
        "datacite.repo",
        "datacite",
        held.id,
    )
    assert can_register_under(services, "datacite.repo", "10.80000")
    assert services.prefixes.get_provider_prefix(held.id).client_prefix_id == given.id
    assert services.clients.get(member, "datacite.repo").prefixes == ("10.5438", "10.80000")


def test_member_takes_prefixes_only_for_itself(services: Services) -> None:
    make_provider(services, "datacite", password="secret")
    make_provider(services, "other")
    add_prefix(services, "10.5438")
    with pytest.raises(Forbidden):
        services.prefixes.assign_to_provider(login(services, "datacite"), "other", "10.5438")
    with pytest.raises(Unauthorized):
        services.prefixes.assign_to_provider(ANONYMOUS, "datacite", "10.5438")


def test_repositories_do_not_take_prefixes(services: Services) -> None:
    make_repository(services)
    add_prefix(services, "10.5439")
    repository = login(services, "datacite.test")
    with pytest.raises(Forbidden):
        services.prefixes.assign_to_provider(repository, "datacite", "10.5439")
    with pytest.raises(Forbidden):
        services.prefixes.assign_to_client(repository, "datacite.test", "10.5439")


def test_provider_prefix_needs_a_provider_and_a_pool_prefix(services: Services) -> None:
    with pytest.raises(ValidationFailed) as excinfo:
        services.prefixes.assign_to_provider(STAFF, "nobody", "10.5438")
    assert errors_of(excinfo) == [("provider", "Must exist"), ("prefix", "Must exist")]
    with pytest.raises(ValidationFailed) as excinfo:
        services.prefixes.assign_to_provider(STAFF, None, None)
    assert errors_of(excinfo) == [("provider", "Must exist"), ("prefix", "Must exist")]


def test_a_prefix_has_one_provider(services: Services) -> None:
    make_provider(services, "datacite")
    make_provider(services, "other")
    add_prefix(services, "10.5438")
    services.prefixes.assign_to_provider(STAFF, "datacite", "10.5438")
    with pytest.raises(Conflict):
        services.prefixes.assign_to_provider(STAFF, "other", "10.5438")


def test_deleting_a_provider_prefix_releases_it(services: Services) -> None:
    make_repository(services)
    held = services.prefixes.list_provider_prefixes(Page(), provider_ids=["datacite"]).items[0]
    services.prefixes.delete_provider_prefix(STAFF, held.id)
    assert services.prefixes.get_prefix("10.5438").state == "unassigned"
    assert not can_register_under(services, "datacite.test", "10.5438")
    with pytest.raises(NotFound):
        services.prefixes.get_provider_prefix(held.id)


def test_provider_prefix_with_dois_stays(services: Services) -> None:
    make_repository(services)
    insert_doi_row(services.database, "10.5438/xyz", "datacite.test", "datacite")
    held = services.prefixes.list_provider_prefixes(Page()).items[0]
    with pytest.raises(BadRequest) as excinfo:
        services.prefixes.delete_provider_prefix(STAFF, held.id)
    assert excinfo.value.title == "Can't delete provider prefix that has DOIs."


def test_members_delete_only_their_own_provider_prefixes(services: Services) -> None:
    make_repository(services)
    make_provider(services, "other", password="secret")
    held = services.prefixes.list_provider_prefixes(Page()).items[0]
    with pytest.raises(Forbidden):
        services.prefixes.delete_provider_prefix(login(services, "other"), held.id)
    with pytest.raises(Unauthorized):
        services.prefixes.delete_provider_prefix(ANONYMOUS, held.id)
    with pytest.raises(NotFound):
        services.prefixes.delete_provider_prefix(STAFF, "no-such-id")


def test_provider_prefix_list_filters(services: Services) -> None:
    make_repository(services, "datacite", "datacite.test", prefix="10.5438")
    add_prefix(services, "10.5439")
    services.prefixes.assign_to_provider(STAFF, "datacite", "10.5439")
    make_repository(services, "other", "other.test", prefix="10.6000")
    everything = services.prefixes.list_provider_prefixes(Page())
    assert everything.total == 3
    assert everything.items[0].prefix == "10.6000"  # newest first
    ours = services.prefixes.list_provider_prefixes(Page(), provider_ids=["datacite"])
    assert sorted(r.prefix for r in ours.items) == ["10.5438", "10.5439"]
    idle = services.prefixes.list_provider_prefixes(Page(), state="without-repository")
    assert [r.prefix for r in idle.items] == ["10.5439"]
    one = services.prefixes.list_provider_prefixes(Page(), prefix="10.6000")
    assert [r.provider_id for r in one.items] == ["other"]
    with pytest.raises(BadRequest):
        services.prefixes.list_provider_prefixes(Page(), state="unassigned")


# -- client prefixes ------------------------------------------------------------------------


def test_client_prefix_needs_an_existing_repository(services: Services) -> None:
    make_provider(services, "datacite")
    add_prefix(services, "10.5438")
    services.prefixes.assign_to_provider(STAFF, "datacite", "10.5438")
    with pytest.raises(ValidationFailed) as excinfo:
        services.prefixes.assign_to_client(STAFF, None, "10.5438")
    assert errors_of(excinfo) == [("client", "Must exist")]
    with pytest.raises(ValidationFailed) as excinfo:
        services.prefixes.assign_to_client(
            STAFF, "datacite.none", "10.5438", client_source="repository"
        )
    assert errors_of(excinfo) == [("repository", "Must exist")]


def test_client_prefix_needs_a_prefix_the_provider_holds(services: Services) -> None:
    make_repository(services)
    add_prefix(services, "10.7777")
    make_provider(services, "other")
    add_prefix(services, "10.8888")
    services.prefixes.assign_to_provider(STAFF, "other", "10.8888")
    with pytest.raises(ValidationFailed) as excinfo:
        services.prefixes.assign_to_client(STAFF, "datacite.test", "10.7777")
    assert errors_of(excinfo) == [("provider_prefix", "Must exist")]
    with pytest.raises(ValidationFailed) as excinfo:
        services.prefixes.assign_to_client(STAFF, "datacite.test", "10.8888")
    assert errors_of(excinfo) == [
        ("provider_prefix", "Must belong to the provider of the repository")
    ]
    with pytest.raises(ValidationFailed) as excinfo:
        services.prefixes.assign_to_client(STAFF, "datacite.test", "10.0000")
    assert errors_of(excinfo) == [("provider_prefix", "Must exist"), ("prefix", "Must exist")]


def test_client_prefix_from_the_provider_prefix_alone(services: Services) -> None:
    make_repository(services)
    add_prefix(services, "10.5439")
    held = services.prefixes.assign_to_provider(STAFF, "datacite", "10.5439")
    given = services.prefixes.assign_to_client(
        STAFF, "datacite.test", None, provider_prefix_id=held.id
    )
    assert given.prefix == "10.5439"
    with pytest.raises(ValidationFailed) as excinfo:
        services.prefixes.assign_to_client(
            STAFF, "datacite.test", "10.5438", provider_prefix_id=held.id
        )
    assert errors_of(excinfo) == [("prefix", "Must be the prefix of the provider prefix")]


def test_a_prefix_has_one_repository(services: Services) -> None:
    make_repository(services, "datacite", "datacite.one", prefix="10.5438")
    make_repository(services, "datacite", "datacite.two", prefix="10.5439")
    with pytest.raises(Conflict):
        services.prefixes.assign_to_client(STAFF, "datacite.two", "10.5438")


def test_members_assign_only_to_their_own_repositories(services: Services) -> None:
    make_repository(services)
    make_provider(services, "other", password="secret")
    with pytest.raises(Forbidden):
        services.prefixes.assign_to_client(login(services, "other"), "datacite.test", "10.5438")


def test_deleting_a_client_prefix_keeps_it_with_the_provider(services: Services) -> None:
    make_provider(services, "datacite", password="secret")
    make_repository(services)
    (given,) = services.prefixes.list_client_prefixes(Page(), client_id="datacite.test").items
    assert services.prefixes.get_client_prefix(given.id).prefix == "10.5438"
    with pytest.raises(Forbidden):
        services.prefixes.delete_client_prefix(login(services, "datacite.test"), given.id)
    services.prefixes.delete_client_prefix(login(services, "datacite"), given.id)
    assert services.prefixes.get_prefix("10.5438").state == "without-repository"
    assert not can_register_under(services, "datacite.test", "10.5438")
    with pytest.raises(NotFound):
        services.prefixes.delete_client_prefix(STAFF, given.id)
    with pytest.raises(NotFound):
        services.prefixes.get_client_prefix(given.id)


def test_client_prefix_list_filters(services: Services) -> None:
    make_repository(services, "datacite", "datacite.one", prefix="10.5438")
    make_repository(services, "other", "other.two", prefix="10.5439")
    assert services.prefixes.list_client_prefixes(Page()).total == 2
    by_provider = services.prefixes.list_client_prefixes(Page(), provider_id="other")
    assert [r.client_id for r in by_provider.items] == ["other.two"]
    by_prefix = services.prefixes.list_client_prefixes(Page(), prefix="10.5438")
    assert [r.client_id for r in by_prefix.items] == ["datacite.one"]
    assert services.prefixes.list_client_prefixes(Page(1, 0)).items == []


def test_concurrent_duplicates_are_conflicts_too(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the database's unique keys catch what the checks missed, the answer is still 409."""
    make_repository(services, "datacite", "datacite.one", prefix="10.5438")
    make_repository(services, "datacite", "datacite.two", prefix="10.5439")
    make_provider(services, "other")
    monkeypatch.setattr(prefix_records, "fetch_prefix", lambda *_args: None)
    with pytest.raises(Conflict):
        services.prefixes.add_to_pool(STAFF, "10.5438")
    monkeypatch.undo()
    monkeypatch.setattr(prefix_records, "provider_prefix_of", lambda *_args: None)
    with pytest.raises(Conflict):
        services.prefixes.assign_to_provider(STAFF, "other", "10.5438")
    monkeypatch.undo()
    monkeypatch.setattr(prefix_records, "client_prefix_of", lambda *_args: None)
    with pytest.raises(Conflict):
        services.prefixes.assign_to_client(STAFF, "datacite.two", "10.5438")
