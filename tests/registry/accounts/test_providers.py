"""The provider service: validation, permissions, soft delete, audit rows (spec §7, §2.4)."""

from __future__ import annotations

from typing import Any

import pytest
from tests.factories import STAFF, Services, add_prefix, make_provider, make_repository

from doiregistry.domain.errors import (
    BadRequest,
    Forbidden,
    NotFound,
    Unauthorized,
    ValidationFailed,
)
from doiregistry.domain.listing import Page
from doiregistry.domain.principal import ANONYMOUS, Principal, Role
from doiregistry.registry.accounts.provider_rules import ProviderPayload
from doiregistry.storage import accounts, activity_records
from doiregistry.storage.tables import providers


def member(services: Services, provider_id: str) -> Principal:
    """The principal of a provider account, as Basic authentication would build it."""
    return services.authenticator.authenticate(provider_id, "member-password")


def errors_of(excinfo: pytest.ExceptionInfo[ValidationFailed]) -> list[tuple[str, str]]:
    return [(error.source, error.title) for error in excinfo.value.errors]


def create(services: Services, principal: Principal = STAFF, **attributes: Any) -> Any:
    values = {
        "symbol": "TIB",
        "name": "German National Library of Science and Technology",
        "displayName": "TIB",
        "systemEmail": "doi@tib.example.org",
    }
    values.update(attributes)
    return services.providers.create(principal, ProviderPayload(values))


def history(services: Services, provider_id: str) -> list[Any]:
    with services.database.read() as connection:
        return activity_records.for_auditable(connection, "Provider", provider_id)


# -- create ---------------------------------------------------------------------------------


def test_staff_creates_a_provider_with_defaults(services: Services) -> None:
    record = create(services, symbol="tib", country="de", passwordInput="pw-123")
    assert (record.id, record.symbol) == ("tib", "TIB")
    assert record.member_type == "direct_member"
    assert record.is_active is True
    assert record.has_password is True
    assert record.attributes["nonProfitStatus"] == "non-profit"
    assert record.attributes["doiEstimate"] == 0
    assert (record.attributes["country"], record.attributes["region"]) == ("DE", "EMEA")
    assert services.authenticator.authenticate("tib", "pw-123").role is Role.PROVIDER_ADMIN
    assert services.authenticator.authenticate("tib", "wrong").is_anonymous


def test_password_is_stored_as_a_slow_salted_hash(services: Services) -> None:
    create(services, passwordInput="pw-123")
    with services.database.read() as connection:
        stored = connection.execute(providers.select()).one().password_hash
    assert stored.startswith("scrypt$") and "pw-123" not in stored


def test_create_writes_an_audit_row_without_contact_details(services: Services) -> None:
    create(services, website="https://www.tib.eu")
    (row,) = history(services, "tib")
    assert (row.action, row.version, row.username) == ("create", 1, "admin")
    assert row.changes["symbol"] == "TIB"
    assert row.changes["website"] == "https://www.tib.eu"
    assert "systemEmail" not in row.changes


def test_symbol_is_generated_when_missing(services: Services) -> None:
    record = create(services, symbol=None)
    assert len(record.symbol) == 4 and record.symbol.isalpha() and record.symbol.isupper()


def test_random_symbol_is_four_capital_letters(services: Services) -> None:
    symbol = services.providers.random_symbol()
    assert len(symbol) == 4 and symbol.isalpha() and symbol.isupper()


@pytest.mark.parametrize(
    ("attributes", "expected"),
    [
        (
            {"name": " ", "displayName": None, "systemEmail": ""},
            [
                ("name", "Can't be blank"),
                ("display_name", "Can't be blank"),
                ("system_email", "Can't be blank"),
            ],
        ),
        ({"symbol": "TIB1"}, [("symbol", "Should only contain capital letters")]),
        ({"symbol": "T"}, [("symbol", "Is too short (minimum is 2 characters)")]),
        ({"symbol": "ABCDEFGHI"}, [("symbol", "Is too long (maximum is 8 characters)")]),
        ({"systemEmail": "not-an-email"}, [("system_email", "system_email should be an email")]),
        ({"groupEmail": "a@b"}, [("group_email", "group_email should be an email")]),
        ({"website": "www.tib.eu"}, [("website", "Website should be a url")]),
        ({"memberType": "boss"}, [("member_type", "Member type boss is not included in the list")]),
        (
            {"organizationType": "club"},
            [("organization_type", "Organization type club is not included in the list")],
        ),
        ({"focusArea": "magic"}, [("focus_area", "Focus area magic is not included in the list")]),
        (
            {"nonProfitStatus": "charity"},
            [("non_profit_status", "Non-profit status 'charity' is not included in the list")],
        ),
        ({"rorId": "https://ror.org/abc"}, [("ror_id", "ROR ID should be a url")]),
        ({"twitterHandle": "tib"}, [("twitter_handle", "Is invalid")]),
        ({"globusUuid": "nope"}, [("globus_uuid", "nope is not a valid UUID")]),
        ({"doiEstimate": -1}, [("doi_estimate", "Must be greater than or equal to 0")]),
        ({"doiEstimate": "many"}, [("doi_estimate", "Is not a number")]),
        ({"country": "XX"}, [("country", "Country XX is not an ISO 3166-1 alpha-2 code")]),
        ({"joined": "yesterday"}, [("joined", "yesterday is not a valid date")]),
        (
            {"technicalContact": {"email": "x"}},
            [("technical_contact", "technical_contact email should be an email")],
        ),
        (
            {"billingInformation": "Berlin"},
            [("billing_information", "Should be an object of strings")],
        ),
    ],
)
def test_invalid_attributes_are_refused(
    services: Services, attributes: dict[str, Any], expected: list[tuple[str, str]]
) -> None:
    with pytest.raises(ValidationFailed) as excinfo:
        create(services, **attributes)
    assert errors_of(excinfo) == expected
    with pytest.raises(NotFound):
        services.providers.get(STAFF, "tib")


def test_only_the_first_problem_per_attribute_is_reported(services: Services) -> None:
    with pytest.raises(ValidationFailed) as excinfo:
        create(services, symbol="T1")
    assert errors_of(excinfo) == [("symbol", "Should only contain capital letters")]


def test_symbol_must_be_unique_even_after_deletion(services: Services) -> None:
    create(services)
    services.providers.delete(STAFF, "tib")
    with pytest.raises(ValidationFailed) as excinfo:
        create(services, symbol="tib")
    assert errors_of(excinfo) == [("symbol", "This name has already been taken")]


def test_consortium_link_must_point_at_a_consortium(services: Services) -> None:
    make_provider(services, "plain")
    with pytest.raises(ValidationFailed) as excinfo:
        services.providers.create(
            STAFF,
            ProviderPayload(
                {
                    "symbol": "ORG",
                    "name": "Org",
                    "displayName": "Org",
                    "systemEmail": "a@org.example.org",
                    "memberType": "consortium_organization",
                },
                consortium_id="plain",
            ),
        )
    assert errors_of(excinfo) == [
        ("consortium_id", "The consortium must be of member_type consortium")
    ]


def test_anonymous_may_not_create(services: Services) -> None:
    with pytest.raises(Unauthorized):
        create(services, ANONYMOUS)


def test_members_and_repositories_may_not_create_providers(services: Services) -> None:
    make_provider(services, "member", password="member-password")
    with pytest.raises(Forbidden):
        create(services, member(services, "member"))
    repository = Principal(Role.CLIENT_ADMIN, uid="member.repo", client_id="member.repo")
    with pytest.raises(Forbidden):
        create(services, repository)


def test_consortium_creates_its_own_organisations(services: Services) -> None:
    make_provider(services, "cons", member_type="consortium", password="member-password")
    record = create(services, member(services, "cons"), memberType=None)
    assert record.member_type == "consortium_organization"
    assert record.consortium_id == "cons"
    consortium = services.providers.get(STAFF, "cons")
    assert consortium.organization_ids == ("tib",)


def test_consortium_may_not_create_other_members(services: Services) -> None:
    make_provider(services, "cons", member_type="consortium", password="member-password")
    make_provider(services, "other", member_type="consortium")
    principal = member(services, "cons")
    with pytest.raises(Forbidden):
        create(services, principal, memberType="direct_member")
    with pytest.raises(Forbidden):
        services.providers.create(
            principal,
            ProviderPayload(
                {
                    "symbol": "ORG",
                    "name": "O",
                    "displayName": "O",
                    "systemEmail": "a@o.example.org",
                },
                consortium_id="other",
            ),
        )


# -- read -----------------------------------------------------------------------------------


def test_get_lists_repositories_prefixes_and_access(services: Services) -> None:
    make_provider(services, "datacite", password="member-password")
    make_repository(services, "datacite", "datacite.test", prefix="10.5438")
    record = services.providers.get(ANONYMOUS, "DataCite")
    assert record.client_ids == ("datacite.test",)
    assert record.prefixes == ("10.5438",)
    assert record.access.contact is False
    assert services.providers.get(member(services, "datacite"), "datacite").access.contact
    assert services.providers.get(STAFF, "datacite").access.staff


def test_consortium_sees_contacts_of_its_organisations(services: Services) -> None:
    make_provider(services, "cons", member_type="consortium", password="member-password")
    make_provider(services, "org", member_type="consortium_organization", consortium="cons")
    make_provider(services, "stranger")
    principal = member(services, "cons")
    assert services.providers.get(principal, "org").access.contact
    assert not services.providers.get(principal, "stranger").access.contact


def test_unknown_provider_is_not_found(services: Services) -> None:
    with pytest.raises(NotFound):
        services.providers.get(ANONYMOUS, "nobody")


def test_list_is_ordered_by_display_name_and_paged(services: Services) -> None:
    for symbol, display in (("CC", "charlie"), ("AA", "Alpha"), ("BB", "bravo")):
        make_provider(services, symbol, displayName=display)
    first = services.providers.list_page(ANONYMOUS, Page(1, 2))
    assert [record.id for record in first.items] == ["aa", "bb"]
    assert (first.total, first.total_pages) == (3, 2)
    second = services.providers.list_page(ANONYMOUS, Page(2, 2))
    assert [record.id for record in second.items] == ["cc"]


def test_list_filters_and_leaves_out_deleted_providers(services: Services) -> None:
    make_provider(services, "cons", member_type="consortium")
    make_provider(services, "org", member_type="consortium_organization", consortium="cons")
    make_provider(services, "gone")
    services.providers.delete(STAFF, "gone")
    everyone = services.providers.list_page(ANONYMOUS, Page())
    assert sorted(record.id for record in everyone.items) == ["cons", "org"]
    orgs = services.providers.list_page(ANONYMOUS, Page(), consortium_id="CONS")
    assert [record.id for record in orgs.items] == ["org"]
    consortia = services.providers.list_page(ANONYMOUS, Page(), member_types=["consortium"])
    assert [record.id for record in consortia.items] == ["cons"]


def test_required_contacts(services: Services) -> None:
    contact = {"email": "a@b.example.org", "givenName": "A", "familyName": "B"}
    complete = make_provider(
        services, "full", votingContact=contact, serviceContact=contact, billingContact=contact
    )
    assert complete.has_required_contacts
    assert not make_provider(services, "part", serviceContact=contact).has_required_contacts


# -- update ---------------------------------------------------------------------------------


def test_member_updates_itself_and_the_change_is_audited(services: Services) -> None:
    make_provider(services, "datacite", password="member-password", displayName="Old")
    record = services.providers.update(
        member(services, "datacite"),
        "datacite",
        ProviderPayload({"displayName": "New", "symbol": "datacite"}),
    )
    assert record.display_name == "New"
    latest = history(services, "datacite")[0]
    assert (latest.action, latest.version) == ("update", 2)
    assert latest.changes == {"displayName": ["Old", "New"]}


def test_update_keeps_attributes_not_sent(services: Services) -> None:
    make_provider(services, "datacite", website="https://datacite.org", country="DE")
    record = services.providers.update(STAFF, "datacite", ProviderPayload({"description": "About"}))
    assert record.attributes["website"] == "https://datacite.org"
    assert record.attributes["region"] == "EMEA"
    assert record.attributes["description"] == "About"


def test_password_input_changes_the_password(services: Services) -> None:
    make_provider(services, "datacite", password="member-password")
    services.providers.update(STAFF, "datacite", ProviderPayload({"passwordInput": "new-password"}))
    assert services.authenticator.authenticate("datacite", "member-password").is_anonymous
    assert not services.authenticator.authenticate("datacite", "new-password").is_anonymous


def test_password_input_must_be_a_string(services: Services) -> None:
    make_provider(services, "datacite")
    with pytest.raises(ValidationFailed) as excinfo:
        services.providers.update(STAFF, "datacite", ProviderPayload({"passwordInput": 1}))
    assert errors_of(excinfo) == [("password_input", "Should be a string")]


def test_symbol_cannot_be_changed(services: Services) -> None:
    make_provider(services, "datacite")
    with pytest.raises(ValidationFailed) as excinfo:
        services.providers.update(STAFF, "datacite", ProviderPayload({"symbol": "DC"}))
    assert errors_of(excinfo) == [("symbol", "Cannot be changed")]


def test_member_may_not_update_another_provider(services: Services) -> None:
    make_provider(services, "datacite", password="member-password")
    make_provider(services, "other")
    with pytest.raises(Forbidden):
        services.providers.update(
            member(services, "datacite"), "other", ProviderPayload({"name": "Mine"})
        )


def test_only_staff_changes_the_member_type(services: Services) -> None:
    make_provider(services, "datacite", password="member-password")
    with pytest.raises(Forbidden):
        services.providers.update(
            member(services, "datacite"),
            "datacite",
            ProviderPayload({"memberType": "consortium"}),
        )
    unchanged = services.providers.update(
        member(services, "datacite"),
        "datacite",
        ProviderPayload({"memberType": "direct_member"}),
    )
    assert unchanged.member_type == "direct_member"
    record = services.providers.update(
        STAFF, "datacite", ProviderPayload({"memberType": "consortium"})
    )
    assert record.member_type == "consortium"


def test_consortium_updates_its_organisation(services: Services) -> None:
    make_provider(services, "cons", member_type="consortium", password="member-password")
    make_provider(services, "org", member_type="consortium_organization", consortium="cons")
    record = services.providers.update(
        member(services, "cons"), "org", ProviderPayload({"name": "Renamed"})
    )
    assert record.name == "Renamed" and record.consortium_id == "cons"


def test_inactive_member_is_read_only(services: Services) -> None:
    make_provider(services, "datacite", password="member-password", isActive=False)
    with pytest.raises(Forbidden):
        services.providers.update(
            member(services, "datacite"), "datacite", ProviderPayload({"name": "X"})
        )


def test_update_needs_credentials_and_an_existing_provider(services: Services) -> None:
    make_provider(services, "datacite")
    with pytest.raises(Unauthorized):
        services.providers.update(ANONYMOUS, "datacite", ProviderPayload({"name": "X"}))
    with pytest.raises(NotFound):
        services.providers.update(STAFF, "nobody", ProviderPayload({"name": "X"}))


# -- delete ---------------------------------------------------------------------------------


def test_staff_soft_deletes_a_provider(services: Services) -> None:
    make_provider(services, "datacite", password="member-password")
    add_prefix(services, "10.5438")
    services.prefixes.assign_to_provider(STAFF, "datacite", "10.5438")
    services.providers.delete(STAFF, "datacite")
    with pytest.raises(NotFound):
        services.providers.get(STAFF, "datacite")
    assert services.authenticator.authenticate("datacite", "member-password").is_anonymous
    assert services.prefixes.get_prefix("10.5438").state == "unassigned"
    assert history(services, "datacite")[0].action == "destroy"


def test_provider_with_repositories_cannot_be_deleted(services: Services) -> None:
    make_repository(services, "datacite", "datacite.test")
    with pytest.raises(BadRequest) as excinfo:
        services.providers.delete(STAFF, "datacite")
    assert excinfo.value.title == "Can't delete provider that has active clients."


def test_members_do_not_delete_themselves(services: Services) -> None:
    make_provider(services, "datacite", password="member-password")
    with pytest.raises(Forbidden):
        services.providers.delete(member(services, "datacite"), "datacite")
    with pytest.raises(Unauthorized):
        services.providers.delete(ANONYMOUS, "datacite")
    with pytest.raises(NotFound):
        services.providers.delete(STAFF, "nobody")


def test_consortium_deletes_its_organisation(services: Services) -> None:
    make_provider(services, "cons", member_type="consortium", password="member-password")
    make_provider(services, "org", member_type="consortium_organization", consortium="cons")
    services.providers.delete(member(services, "cons"), "org")
    assert services.providers.get(STAFF, "cons").organization_ids == ()


def test_a_symbol_taken_by_a_concurrent_create_is_still_422(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    create(services)
    monkeypatch.setattr(accounts, "symbol_taken", lambda *_args: False)
    with pytest.raises(ValidationFailed) as excinfo:
        create(services)
    assert errors_of(excinfo) == [("symbol", "This name has already been taken")]


def test_no_free_generated_symbol_is_a_bad_request(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(accounts, "symbol_taken", lambda *_args: True)
    with pytest.raises(BadRequest, match="choose one"):
        create(services, symbol=None)
