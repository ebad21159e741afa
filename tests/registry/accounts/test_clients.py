"""The repository service: prefixes on create, validation, permissions, soft delete (spec §6)."""

from __future__ import annotations

from typing import Any

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
    Forbidden,
    NotFound,
    Unauthorized,
    ValidationFailed,
)
from doiregistry.domain.listing import Page
from doiregistry.domain.principal import ANONYMOUS, Principal, Role
from doiregistry.registry.accounts.client_rules import ClientPayload
from doiregistry.storage import accounts, activity_records, prefix_records


def login(services: Services, account: str, password: str = "secret") -> Principal:
    principal = services.authenticator.authenticate(account, password)
    assert not principal.is_anonymous
    return principal


def errors_of(excinfo: pytest.ExceptionInfo[ValidationFailed]) -> list[tuple[str, str]]:
    return [(error.source, error.title) for error in excinfo.value.errors]


def payload(provider: str | None = "datacite", **attributes: Any) -> ClientPayload:
    values: dict[str, Any] = {
        "symbol": "DATACITE.REPO",
        "name": "A repository",
        "systemEmail": "repo@example.org",
    }
    values.update(attributes)
    return ClientPayload(values, provider_id=provider)


@pytest.fixture
def member(services: Services) -> Principal:
    """Provider ``datacite`` (password ``secret``) with prefix 10.5438 in the pool."""
    make_provider(services, "datacite", password="secret")
    add_prefix(services, "10.5438")
    return login(services, "datacite")


# -- create ---------------------------------------------------------------------------------


def test_member_creates_a_repository_that_gets_a_pool_prefix(
    services: Services, member: Principal
) -> None:
    record = services.clients.create(member, payload(passwordInput="repo-pw"))
    assert (record.id, record.symbol, record.provider_id) == (
        "datacite.repo",
        "DATACITE.REPO",
        "datacite",
    )
    assert (record.domains, record.client_type, record.is_active) == ("*", "repository", True)
    assert record.prefixes == ("10.5438",)
    held = services.prefixes.get_prefix("10.5438")
    assert (held.provider_id, held.client_id, held.state) == (
        "datacite",
        "datacite.repo",
        "with-repository",
    )
    principal = login(services, "DATACITE.REPO", "repo-pw")
    assert (principal.role, principal.client_id) == (Role.CLIENT_ADMIN, "datacite.repo")


def test_the_providers_unused_prefix_comes_before_the_pool(
    services: Services, member: Principal
) -> None:
    add_prefix(services, "10.1000")  # older in the pool than nothing, but not the provider's
    services.prefixes.assign_to_provider(STAFF, "datacite", "10.5438")
    record = services.clients.create(member, payload())
    assert record.prefixes == ("10.5438",)
    assert services.prefixes.get_prefix("10.1000").state == "unassigned"


def test_no_free_prefix_refuses_the_repository(services: Services, member: Principal) -> None:
    services.clients.create(member, payload())
    with pytest.raises(ValidationFailed) as excinfo:
        services.clients.create(member, payload(symbol="DATACITE.TWO"))
    assert errors_of(excinfo) == [("base", "No prefixes available.  Unable to create repository.")]
    with pytest.raises(NotFound):
        services.clients.get(STAFF, "datacite.two")


def test_create_is_audited(services: Services, member: Principal) -> None:
    services.clients.create(member, payload(passwordInput="x"))
    with services.database.read() as connection:
        (row,) = activity_records.for_auditable(connection, "Client", "datacite.repo")
    assert (row.action, row.username) == ("create", "datacite")
    assert row.changes["provider"] == "datacite"
    assert "systemEmail" not in row.changes and "passwordInput" not in row.changes


def test_provider_defaults_to_the_symbols_first_part(services: Services, member: Principal) -> None:
    record = services.clients.create(member, payload(provider=None))
    assert record.provider_id == "datacite"


@pytest.mark.parametrize(
    ("attributes", "expected"),
    [
        (
            {"symbol": "DATACITE.A_B"},
            [("symbol", "Should only contain capital letters, numbers, and at most one hyphen")],
        ),
        (
            {"symbol": "DATACITE.ABCDEFGHIJKLM"},
            [("symbol", "Is too long (maximum is 18 characters)")],
        ),
        (
            {"symbol": "OTHER.REPO"},
            [
                (
                    "symbol",
                    ", Your Client ID must include the name of your provider."
                    " Separated by a dot '.' ",
                )
            ],
        ),
        (
            {"name": "", "systemEmail": None},
            [("name", "Can't be blank"), ("system_email", "Can't be blank")],
        ),
        ({"contactEmail": "nope"}, [("system_email", "system_email should be an email")]),
        (
            {"clientType": "journal"},
            [("client_type", "Client type journal is not included in the list")],
        ),
        (
            {"repositoryType": ["disciplinary", "shoebox"]},
            [("repository_type", "Repository type shoebox is not included in the list")],
        ),
        (
            {"certificate": ["ISO"]},
            [("certificate", "Certificate ISO is not included in the list")],
        ),
        ({"globusUuid": "x"}, [("globus_uuid", "x is not a valid UUID")]),
        ({"opendoar": "many"}, [("opendoar", "OpenDOAR many should be a number")]),
        ({"language": [1]}, [("language", "Should be a list of language codes")]),
        (
            {"clientType": "periodical", "issn": {"issnl": "12345"}},
            [("issn", "ISSN-L 12345 is in the wrong format.")],
        ),
        (
            {"repositoryType": ["disciplinary"], "subjects": [{"subject": "Physics"}]},
            [
                (
                    "subjects",
                    "Each subject needs subject, subjectScheme, schemeUri and classificationCode",
                )
            ],
        ),
    ],
)
def test_invalid_attributes_are_refused(
    services: Services,
    member: Principal,
    attributes: dict[str, Any],
    expected: list[tuple[str, str]],
) -> None:
    with pytest.raises(ValidationFailed) as excinfo:
        services.clients.create(STAFF, payload(**attributes))
    assert errors_of(excinfo) == expected
    assert services.prefixes.get_prefix("10.5438").state == "unassigned"


def test_symbol_is_unique_even_after_deletion(services: Services, member: Principal) -> None:
    services.clients.create(member, payload())
    services.clients.delete(member, "datacite.repo")
    with pytest.raises(ValidationFailed) as excinfo:
        services.clients.create(member, payload(symbol="datacite.repo"))
    assert errors_of(excinfo) == [("symbol", "This Client ID has already been taken")]


def test_staff_must_name_an_existing_provider(services: Services) -> None:
    with pytest.raises(ValidationFailed) as excinfo:
        services.clients.create(STAFF, payload(provider="nobody", symbol="NOBODY.REPO"))
    assert errors_of(excinfo) == [("provider", "Must exist")]


def test_periodical_keeps_issn_and_disciplinary_keeps_subjects(
    services: Services, member: Principal
) -> None:
    subject = {
        "subject": "Physics",
        "subjectScheme": "Fields of Science",
        "schemeUri": "http://www.oecd.org/science/inno/38235147.pdf",
        "classificationCode": "1.3",
    }
    record = services.clients.create(
        member,
        payload(
            clientType="periodical",
            issn={"issnl": "1234-5678", "print": "1234-567X"},
            repositoryType=["disciplinary"],
            subjects=[subject],
            re3data="https://doi.org/10.17616/r3k31g",
            opendoar="https://v2.sherpa.ac.uk/id/repository/4321",
            language="en",
        ),
    )
    assert record.attributes["issn"] == {"issnl": "1234-5678", "print": "1234-567X"}
    assert record.attributes["subjects"] == [subject]
    assert record.attributes["re3data"] == "10.17616/R3K31G"
    assert record.attributes["opendoar"] == 4321
    assert record.attributes["language"] == ["en"]
    plain = services.clients.update(
        member,
        "datacite.repo",
        ClientPayload({"clientType": "repository", "repositoryType": ["other"]}),
    )
    assert "issn" not in plain.attributes and "subjects" not in plain.attributes


def test_member_only_providers_cannot_create_repositories(services: Services) -> None:
    make_provider(services, "small", member_type="member_only", password="secret")
    add_prefix(services, "10.5438")
    with pytest.raises(Forbidden):
        services.clients.create(login(services, "small"), payload("small", symbol="SMALL.REPO"))


def test_members_create_only_under_their_own_provider(
    services: Services, member: Principal
) -> None:
    make_provider(services, "other")
    with pytest.raises(Forbidden):
        services.clients.create(member, payload("other", symbol="OTHER.REPO"))


def test_repositories_and_anonymous_callers_cannot_create(
    services: Services, member: Principal
) -> None:
    make_repository(services, "datacite", "datacite.test", prefix="10.9999")
    with pytest.raises(Forbidden):
        services.clients.create(login(services, "datacite.test"), payload())
    with pytest.raises(Unauthorized):
        services.clients.create(ANONYMOUS, payload())


def test_consortium_creates_repositories_for_its_organisations(services: Services) -> None:
    make_provider(services, "cons", member_type="consortium", password="secret")
    make_provider(services, "org", member_type="consortium_organization", consortium="cons")
    add_prefix(services, "10.5438")
    record = services.clients.create(login(services, "cons"), payload("org", symbol="ORG.REPO"))
    assert (record.provider_id, record.consortium_id) == ("org", "cons")


# -- read -----------------------------------------------------------------------------------


def test_get_counts_dois_when_asked(services: Services) -> None:
    make_repository(services)
    insert_doi_row(services.database, "10.5438/abc", "datacite.test", "datacite")
    assert services.clients.get(ANONYMOUS, "DATACITE.TEST", with_counts=True).doi_count == 1
    assert services.clients.get(ANONYMOUS, "datacite.test").doi_count is None


def test_contacts_are_for_the_repository_and_its_provider(services: Services) -> None:
    make_provider(services, "datacite", password="secret")
    make_repository(services)
    assert not services.clients.get(ANONYMOUS, "datacite.test").access.contact
    assert services.clients.get(login(services, "datacite.test"), "datacite.test").access.contact
    assert services.clients.get(login(services, "datacite"), "datacite.test").access.analytics
    assert not services.clients.get(login(services, "datacite"), "datacite.test").access.billing


def test_list_by_provider_in_name_order(services: Services) -> None:
    make_repository(services, "datacite", "datacite.b", prefix="10.5438")
    make_repository(services, "datacite", "datacite.a", prefix="10.5439")
    make_repository(services, "other", "other.c", prefix="10.5440")
    services.clients.update(STAFF, "datacite.a", ClientPayload({"name": "Zeta repository"}))
    listing = services.clients.list_page(ANONYMOUS, Page(), provider_ids=["DATACITE"])
    assert [record.id for record in listing.items] == ["datacite.b", "datacite.a"]
    assert services.clients.list_page(ANONYMOUS, Page(1, 1)).total == 3


def test_random_symbol_is_six_capital_letters(services: Services) -> None:
    symbol = services.clients.random_symbol()
    assert len(symbol) == 6 and symbol.isalpha() and symbol.isupper()


# -- update ---------------------------------------------------------------------------------


def test_repository_updates_itself(services: Services) -> None:
    make_repository(services)
    principal = login(services, "datacite.test")
    record = services.clients.update(
        principal,
        "datacite.test",
        ClientPayload({"name": "Renamed", "domains": "example.org", "hasPassword": False}),
    )
    assert (record.name, record.domains, record.has_password) == (
        "Renamed",
        "example.org",
        True,
    )
    with services.database.read() as connection:
        latest = activity_records.for_auditable(connection, "Client", "datacite.test")[0]
    assert latest.changes["name"][1] == "Renamed"
    assert latest.changes["domains"] == ["*", "example.org"]


def test_blank_domains_fall_back_to_everything(services: Services) -> None:
    make_repository(services)
    record = services.clients.update(STAFF, "datacite.test", ClientPayload({"domains": ""}))
    assert record.domains == "*"


def test_provider_sets_a_repository_password(services: Services) -> None:
    make_provider(services, "datacite", password="secret")
    make_repository(services)
    services.clients.update(
        login(services, "datacite"),
        "datacite.test",
        ClientPayload({"passwordInput": "changed"}),
    )
    assert services.authenticator.authenticate("datacite.test", "secret").is_anonymous
    assert login(services, "datacite.test", "changed").client_id == "datacite.test"


def test_repository_may_not_update_another(services: Services) -> None:
    make_repository(services, "datacite", "datacite.one", prefix="10.5438")
    make_repository(services, "datacite", "datacite.two", prefix="10.5439")
    with pytest.raises(Forbidden):
        services.clients.update(
            login(services, "datacite.one"), "datacite.two", ClientPayload({"name": "X"})
        )


def test_only_staff_changes_staff_fields(services: Services) -> None:
    make_repository(services)
    with pytest.raises(Forbidden):
        services.clients.update(
            login(services, "datacite.test"),
            "datacite.test",
            ClientPayload({"salesforceId": "a" * 18}),
        )
    record = services.clients.update(
        STAFF, "datacite.test", ClientPayload({"salesforceId": "a" * 18})
    )
    assert record.attributes["salesforceId"] == "a" * 18


def test_symbol_and_provider_cannot_be_changed(services: Services) -> None:
    make_repository(services)
    make_provider(services, "other")
    with pytest.raises(ValidationFailed) as excinfo:
        services.clients.update(
            STAFF,
            "datacite.test",
            ClientPayload({"symbol": "DATACITE.NEW"}, provider_id="other"),
        )
    assert errors_of(excinfo) == [
        ("symbol", "Cannot be changed"),
        ("provider", "Cannot be changed"),
    ]


def test_transfers_are_refused_plainly(services: Services) -> None:
    make_repository(services)
    with pytest.raises(BadRequest) as excinfo:
        services.clients.update(
            STAFF, "datacite.test", ClientPayload({"mode": "transfer", "targetId": "X"})
        )
    assert "not supported" in excinfo.value.title


def test_inactive_repository_is_read_only(services: Services) -> None:
    make_repository(services)
    services.clients.update(STAFF, "datacite.test", ClientPayload({"isActive": False}))
    principal = services.authenticator.authenticate("datacite.test", "secret")
    assert principal.is_active is False
    with pytest.raises(Forbidden):
        services.clients.update(principal, "datacite.test", ClientPayload({"name": "X"}))


def test_update_of_unknown_repository_is_not_found(services: Services) -> None:
    with pytest.raises(NotFound):
        services.clients.update(STAFF, "datacite.none", ClientPayload({"name": "X"}))
    with pytest.raises(Unauthorized):
        services.clients.update(ANONYMOUS, "datacite.none", ClientPayload({"name": "X"}))


# -- delete ---------------------------------------------------------------------------------


def test_delete_frees_the_prefix_for_the_provider(services: Services) -> None:
    make_provider(services, "datacite", password="secret")
    make_repository(services)
    services.clients.delete(login(services, "datacite"), "datacite.test")
    with pytest.raises(NotFound):
        services.clients.get(STAFF, "datacite.test")
    assert services.prefixes.get_prefix("10.5438").state == "without-repository"
    with services.database.read() as connection:
        assert not prefix_records.client_has_prefix(connection, "datacite.test", "10.5438")
        latest = activity_records.for_auditable(connection, "Client", "datacite.test")[0]
    assert latest.action == "destroy"
    assert services.authenticator.authenticate("datacite.test", "secret").is_anonymous


@pytest.mark.parametrize("noun", ["client", "repository"])
def test_repository_with_dois_cannot_be_deleted(services: Services, noun: Any) -> None:
    make_repository(services)
    insert_doi_row(services.database, "10.5438/abc", "datacite.test", "datacite")
    with pytest.raises(BadRequest) as excinfo:
        services.clients.delete(STAFF, "datacite.test", noun=noun)
    assert excinfo.value.title == f"Can't delete {noun} that has DOIs."


def test_repositories_do_not_delete_themselves(services: Services) -> None:
    make_repository(services)
    make_provider(services, "other", password="secret")
    with pytest.raises(Forbidden):
        services.clients.delete(login(services, "datacite.test"), "datacite.test")
    with pytest.raises(Forbidden):
        services.clients.delete(login(services, "other"), "datacite.test")
    with pytest.raises(Unauthorized):
        services.clients.delete(ANONYMOUS, "datacite.test")
    with pytest.raises(NotFound):
        services.clients.delete(STAFF, "datacite.none")


def test_a_symbol_taken_by_a_concurrent_create_is_still_422(
    services: Services, member: Principal, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_prefix(services, "10.5439")
    services.clients.create(member, payload())
    monkeypatch.setattr(accounts, "symbol_taken", lambda *_args: False)
    with pytest.raises(ValidationFailed) as excinfo:
        services.clients.create(member, payload())
    assert errors_of(excinfo) == [("symbol", "This Client ID has already been taken")]
    assert services.prefixes.get_prefix("10.5439").state == "unassigned"
