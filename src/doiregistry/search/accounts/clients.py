"""``GET /clients`` and ``GET /repositories``: query, filters, sorts and facets (spec §6.3).

The query searches the fields of :data:`CLIENT_FIELDS` (DataCite's
``uid``, ``symbol``, ``name``, ``description``, ``system_email``, ``url``,
``software`` … with their boosts); the system e-mail only of repositories
whose contacts the caller may read. Sorts: ``name`` (default), ``-name``,
``created``, ``-created``, ``relevance``; ties go by id.
"""

from __future__ import annotations

from typing import Any, Final

from sqlalchemy import Connection, Row

from doiregistry.domain.account_access import client_access
from doiregistry.domain.account_queries import ClientQuery
from doiregistry.domain.client_record import bare_opendoar, bare_re3data
from doiregistry.domain.principal import Principal
from doiregistry.search.accounts import facets
from doiregistry.search.accounts.account_search import AccountSearch, name_orders
from doiregistry.search.accounts.match import AccountDocument
from doiregistry.search.accounts.query import AccountField, FieldCatalogue, FieldKind
from doiregistry.search.accounts.steps import Hit, any_of, folded
from doiregistry.search.dois.facets import CLIENT_TYPE_TITLES
from doiregistry.storage import accounts

T, K, N, D = FieldKind.TEXT, FieldKind.KEYWORD, FieldKind.NUMBER, FieldKind.DATE
CLIENT_FIELDS: Final = FieldCatalogue(
    [
        AccountField("uid", K, 10, aliases=("id", "client_id")),
        AccountField("symbol", K, 10),
        AccountField("name", T, 5),
        AccountField("alternate_name", T),
        AccountField("description", T, 5),
        AccountField("system_email", T, 5, aliases=("contact_email", "contactEmail")),
        AccountField("url", T),
        AccountField("software", T, 3),
        AccountField("domains", T),
        AccountField("provider_id", K),
        AccountField("consortium_id", K),
        AccountField("client_type", K),
        AccountField("repository_type", K),
        AccountField("certificate", K, 3),
        AccountField("language", K),
        AccountField("subjects", T, 3, aliases=("subject",)),
        AccountField("re3data_id", K, aliases=("re3data",)),
        AccountField("opendoar_id", N, aliases=("opendoar",)),
        AccountField("year", N),
        AccountField("created", D),
        AccountField("updated", D),
    ]
)


def _extra(row: Row[Any]) -> dict[str, Any]:
    return dict(row.attributes or {})


def client_document(row: Row[Any], consortium_id: str | None, contact: bool) -> AccountDocument:
    """The searchable values of one repository (its e-mail only when ``contact``)."""
    extra = _extra(row)
    return AccountDocument(
        {
            "uid": [row.id],
            "symbol": [row.symbol],
            "name": [row.name],
            "alternate_name": [extra.get("alternateName")],
            "description": [extra.get("description")],
            "system_email": [row.system_email] if contact else [],
            "url": [extra.get("url")],
            "software": [extra.get("software")],
            "domains": [row.domains],
            "provider_id": [row.provider_id],
            "consortium_id": [consortium_id],
            "client_type": [row.client_type],
            "repository_type": extra.get("repositoryType") or [],
            "certificate": extra.get("certificate") or [],
            "language": extra.get("language") or [],
            "subjects": [s.get("subject") for s in extra.get("subjects") or []],
            "re3data_id": [extra.get("re3data")],
            "opendoar_id": [extra.get("opendoar")],
            "year": [row.created.year],
            "created": [row.created],
            "updated": [row.updated],
        }
    )


def _re3data(value: str | None) -> str | None:
    """``10.17616/R3…`` in any case, with or without ``https://doi.org/``."""
    return None if value is None else bare_re3data(value).upper()


def _opendoar(value: str | None) -> str | None:
    return None if value is None else bare_opendoar(value)


ORDERS: Final = name_orders(lambda row: row.name)


def client_facets(hits: list[Hit[Row[Any]]], provider_names: dict[str, str]) -> dict[str, Any]:
    """The facets of the repositories that matched, by their ``/repositories`` names."""
    rows = [hit.item for hit in hits]
    extras = [_extra(row) for row in rows]
    return {
        "years": facets.years(row.created for row in rows),
        "providers": facets.terms(
            ([row.provider_id] for row in rows), facets.named(provider_names)
        ),
        "software": facets.terms(
            (facets.one(extra.get("software")) for extra in extras), str, key=str.lower
        ),
        "certificates": facets.terms(
            (extra.get("certificate") or [] for extra in extras), facets.titleize
        ),
        "repositoryTypes": facets.terms(
            (extra.get("repositoryType") or [] for extra in extras), facets.titleize
        ),
        "clientTypes": facets.terms(
            ([row.client_type] for row in rows), lambda key: CLIENT_TYPE_TITLES.get(key, key)
        ),
    }


def search_clients(
    connection: Connection, principal: Principal, query: ClientQuery
) -> tuple[list[Hit[Row[Any]]], dict[str, Any]]:
    """Every repository that matches ``query``, in order, and their facets."""
    search = AccountSearch.of(query, CLIENT_FIELDS)
    provider_ids = folded(query.provider_ids)
    software = folded(query.software)
    certificates = folded(query.certificates)
    repository_types = folded(query.repository_types)
    client_types = folded(query.client_types)
    re3data = _re3data(query.re3data_id)
    opendoar = _opendoar(query.opendoar_id)
    providers = {row.id: row for row in accounts.all_providers(connection, deleted=True)}

    def consortium_of(row: Row[Any]) -> str | None:
        owner = providers.get(row.provider_id)
        return None if owner is None else owner.consortium_id

    def keep(row: Row[Any]) -> bool:
        extra = _extra(row)
        return (
            any_of(provider_ids, [row.provider_id])
            and (re3data is None or (extra.get("re3data") or "").upper() == re3data)
            and (opendoar is None or str(extra.get("opendoar")) == opendoar)
            and any_of(software, [extra.get("software")])
            and any_of(certificates, extra.get("certificate") or [])
            and any_of(repository_types, extra.get("repositoryType") or [])
            and any_of(client_types, [row.client_type])
        )

    def document(row: Row[Any]) -> AccountDocument:
        contact = client_access(principal, row.id, row.provider_id).contact
        return client_document(row, consortium_of(row), contact)

    rows = accounts.all_clients(connection, deleted=query.include_deleted)
    hits = search.hits(rows, ORDERS, consortium_of=consortium_of, keep=keep, document=document)
    names = {provider_id: row.name for provider_id, row in providers.items()}
    return hits, client_facets(hits, names) if hits else {}
