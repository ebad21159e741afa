"""A small world of members, repositories and prefixes for the list search tests.

Providers (created / updated):

======  ===========================  ======  =========================  ==========
id      member type                  region  organisation, focus        created
======  ===========================  ======  =========================  ==========
cdl     direct_member                AMER    academicInstitution, gen.  2010-03-01
tib     direct_member                EMEA    nationalInstitution, gen.  2012-06-01
cons    consortium (for-profit)      APAC    serviceProvider, –         2018-01-15
org     consortium_organization      APAC    –, humanities              2019-09-09
gone    direct_member (deleted)      EMEA    –                          2011-01-01
======  ===========================  ======  =========================  ==========

``tib`` has voting, service and billing contacts (``hasRequiredContacts``);
``org`` a service contact (enough for an organisation); the others none.

Repositories (all ``repository`` type unless said):

==================  ========  =========================================  ==========
id                  provider  software, certificates, types              created
==================  ========  =========================================  ==========
tib.pangaea         tib       Other; CoreTrustSeal, WDS; disciplinary    2013-02-01
cdl.dryad           cdl       DSpace; CoreTrustSeal; multidisciplinary   2014-05-05
cdl.ucb             cdl       DSpace; –; institutional                   2014-08-08
org.journal         org       Open Journal Systems (OJS); periodical     2019-10-10
tib.old (deleted)   tib       –                                          2011-01-01
==================  ========  =========================================  ==========

Prefixes: 10.5000–10.5004 went to the repositories above in that order
(created 2013, 2014, 2014, 2019, 2011); deleting ``tib.old`` gave 10.5004
back to ``tib``. 10.6000 is held by ``cdl`` only (2015); 10.7000 is
unassigned (2020).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import update
from tests.factories import STAFF, AccountServices, add_prefix, make_provider

from doiregistry.registry.accounts.client_rules import ClientPayload
from doiregistry.storage.engine import Database
from doiregistry.storage.tables import client_prefixes, clients, prefixes, provider_prefixes
from doiregistry.storage.tables import providers as provider_table


def contact(email: str, given: str, family: str) -> dict[str, str]:
    return {"email": email, "givenName": given, "familyName": family}


def at(year: int, month: int = 1, day: int = 1) -> datetime:
    return datetime(year, month, day, 12, tzinfo=UTC)


PROVIDER_DATES = {
    "cdl": (at(2010, 3, 1), at(2021, 1, 1)),
    "tib": (at(2012, 6, 1), at(2023, 5, 5)),
    "cons": (at(2018, 1, 15), at(2018, 1, 15)),
    "org": (at(2019, 9, 9), at(2019, 9, 10)),
    "gone": (at(2011), at(2020)),
}
CLIENT_DATES = {
    "tib.pangaea": (at(2013, 2, 1), at(2022, 2, 2)),
    "cdl.dryad": (at(2014, 5, 5), at(2014, 5, 6)),
    "cdl.ucb": (at(2014, 8, 8), at(2024, 1, 1)),
    "org.journal": (at(2019, 10, 10), at(2019, 10, 11)),
    "tib.old": (at(2011), at(2012)),
}
PREFIX_DATES = {
    "10.5000": at(2013),
    "10.5001": at(2014),
    "10.5002": at(2014),
    "10.5003": at(2019),
    "10.5004": at(2011),
    "10.6000": at(2015),
    "10.7000": at(2020),
}


def _repository(
    registry: AccountServices, provider: str, symbol: str, prefix: str, **attributes: Any
) -> None:
    add_prefix(registry, prefix)
    values = {
        "symbol": symbol,
        "name": symbol,
        "systemEmail": f"{symbol.lower()}@example.org",
    }
    values.update(attributes)
    registry.clients.create(STAFF, ClientPayload(values, provider_id=provider.lower()))


def build_world(registry: AccountServices, database: Database) -> None:
    """Create the accounts and prefixes of the module docstring and back-date them."""
    make_provider(
        registry,
        "CDL",
        name="California Digital Library",
        displayName="CDL",
        country="US",
        organizationType="academicInstitution",
        focusArea="general",
        website="https://cdlib.org",
    )
    make_provider(
        registry,
        "TIB",
        name="German National Library of Science and Technology",
        displayName="TIB",
        country="DE",
        organizationType="nationalInstitution",
        focusArea="general",
        description="Leibniz Information Centre for Science and Technology",
        groupEmail="doi@tib.example.org",
        votingContact=contact("vote@tib.example.org", "Vera", "Voter"),
        serviceContact=contact("service@tib.example.org", "Sam", "Server"),
        billingContact=contact("bill@tib.example.org", "Bill", "Payer"),
    )
    make_provider(
        registry,
        "CONS",
        member_type="consortium",
        name="Australian Research Data Commons",
        displayName="ARDC",
        country="AU",
        organizationType="serviceProvider",
        nonProfitStatus="for-profit",
    )
    make_provider(
        registry,
        "ORG",
        member_type="consortium_organization",
        consortium="cons",
        name="University of Auckland",
        displayName="Auckland",
        country="NZ",
        focusArea="humanities",
        serviceContact=contact("help@auckland.example.org", "Aroha", "Helper"),
    )
    make_provider(registry, "GONE", name="Gone Member", displayName="Gone", country="FR")
    _repository(
        registry,
        "tib",
        "TIB.PANGAEA",
        "10.5000",
        name="PANGAEA",
        description="Data Publisher for Earth & Environmental Science",
        software="Other",
        certificate=["CoreTrustSeal", "WDS"],
        repositoryType=["disciplinary"],
        re3data="10.17616/R3XS37",
        url="https://www.pangaea.de",
        language=["en"],
        subjects=[
            {
                "subject": "Earth sciences",
                "subjectScheme": "DFG",
                "schemeUri": "https://www.dfg.de/",
                "classificationCode": "34",
            }
        ],
    )
    _repository(
        registry,
        "cdl",
        "CDL.DRYAD",
        "10.5001",
        name="Dryad Digital Repository",
        description="Curated research data",
        software="DSpace",
        certificate=["CoreTrustSeal"],
        repositoryType=["multidisciplinary"],
        opendoar=1234,
    )
    _repository(
        registry,
        "cdl",
        "CDL.UCB",
        "10.5002",
        name="UC Berkeley Library",
        systemEmail="data@berkeley.example.edu",
        software="DSpace",
        repositoryType=["institutional"],
    )
    _repository(
        registry,
        "org",
        "ORG.JOURNAL",
        "10.5003",
        name="Journal of Things",
        clientType="periodical",
        software="Open Journal Systems (OJS)",
        issn={"issnl": "1234-5678"},
    )
    _repository(registry, "tib", "TIB.OLD", "10.5004", name="Old archive")
    registry.clients.delete(STAFF, "tib.old")
    add_prefix(registry, "10.6000")
    registry.prefixes.assign_to_provider(STAFF, "cdl", "10.6000")
    add_prefix(registry, "10.7000")
    registry.providers.delete(STAFF, "gone")
    _backdate(database)


def _backdate(database: Database) -> None:
    with database.write() as connection:
        for provider_id, (created, updated) in PROVIDER_DATES.items():
            connection.execute(
                update(provider_table)
                .where(provider_table.c.id == provider_id)
                .values(created=created, updated=updated)
            )
        for client_id, (created, updated) in CLIENT_DATES.items():
            connection.execute(
                update(clients)
                .where(clients.c.id == client_id)
                .values(created=created, updated=updated)
            )
        for prefix, created in PREFIX_DATES.items():
            for table in (prefixes, provider_prefixes, client_prefixes):
                values: dict[str, Any] = {"created": created}
                if table is not prefixes:
                    values["updated"] = created
                connection.execute(update(table).where(table.c.prefix == prefix).values(values))
