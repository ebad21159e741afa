"""The relational schema, shared by both backends.

DOIs keep their canonical metadata as a JSON document plus indexed columns for
what is filtered, sorted and faceted; every write to a DOI appends to
``doi_changes``, a store-wide change sequence that in-memory indexes (facets)
and harvesters catch up on, also across processes.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from doiregistry.storage.column_types import BigId, Json, TSVector, UTCDateTime

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = MetaData(naming_convention=NAMING)

staff_accounts = Table(
    "staff_accounts",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("password_hash", Text, nullable=True),
    Column("created", UTCDateTime, nullable=False),
    Column("updated", UTCDateTime, nullable=False),
)

providers = Table(
    "providers",
    metadata,
    # ids are the lower-case symbol (``datacite``); ``symbol`` keeps the upper-case form
    Column("id", String(16), primary_key=True),
    Column("symbol", String(16), nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("display_name", Text, nullable=False),
    Column("system_email", Text, nullable=True),
    Column("member_type", String(32), nullable=False),
    Column("consortium_id", String(16), ForeignKey("providers.id"), nullable=True, index=True),
    Column("password_hash", Text, nullable=True),
    Column("is_active", Boolean, nullable=False),
    # every other JSON:API attribute (contacts, website, country, …)
    Column("attributes", Json, nullable=False),
    Column("created", UTCDateTime, nullable=False),
    Column("updated", UTCDateTime, nullable=False),
    Column("deleted_at", UTCDateTime, nullable=True),
)

clients = Table(
    "clients",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("symbol", String(32), nullable=False, unique=True),
    Column("provider_id", String(16), ForeignKey("providers.id"), nullable=False, index=True),
    Column("name", Text, nullable=False),
    Column("system_email", Text, nullable=True),
    Column("client_type", String(32), nullable=False),
    Column("domains", Text, nullable=False),
    Column("password_hash", Text, nullable=True),
    Column("is_active", Boolean, nullable=False),
    Column("attributes", Json, nullable=False),
    Column("created", UTCDateTime, nullable=False),
    Column("updated", UTCDateTime, nullable=False),
    Column("deleted_at", UTCDateTime, nullable=True),
)

prefixes = Table(
    "prefixes",
    metadata,
    Column("prefix", String(32), primary_key=True),
    Column("created", UTCDateTime, nullable=False),
)

provider_prefixes = Table(
    "provider_prefixes",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("provider_id", String(16), ForeignKey("providers.id"), nullable=False, index=True),
    # a prefix belongs to at most one member at a time
    Column("prefix", String(32), ForeignKey("prefixes.prefix"), nullable=False, unique=True),
    Column("created", UTCDateTime, nullable=False),
    Column("updated", UTCDateTime, nullable=False),
)

client_prefixes = Table(
    "client_prefixes",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("client_id", String(32), ForeignKey("clients.id"), nullable=False, index=True),
    Column(
        "provider_prefix_id",
        String(36),
        ForeignKey("provider_prefixes.id", ondelete="CASCADE"),
        nullable=False,
    ),
    # ... and to at most one repository
    Column("prefix", String(32), ForeignKey("prefixes.prefix"), nullable=False, unique=True),
    Column("created", UTCDateTime, nullable=False),
    Column("updated", UTCDateTime, nullable=False),
)

dois = Table(
    "dois",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("doi", String(255), nullable=False, unique=True),  # lower-case
    Column("prefix", String(32), nullable=False, index=True),
    Column("client_id", String(32), ForeignKey("clients.id"), nullable=False, index=True),
    Column("provider_id", String(16), nullable=False, index=True),
    Column("state", String(16), nullable=False, index=True),
    Column("url", Text, nullable=True),
    Column("xml", Text, nullable=True),
    # canonical metadata attributes (affiliations and publisher as objects)
    Column("attributes", Json, nullable=False),
    Column("schema_version", String(64), nullable=True),
    Column("metadata_version", Integer, nullable=False),
    Column("source", String(32), nullable=True),
    Column("reason", Text, nullable=True),
    Column("content_url", Json, nullable=True),
    Column("landing_page", Json, nullable=True),
    Column("publication_year", Integer, nullable=True, index=True),
    Column("resource_type_id", String(64), nullable=True, index=True),
    Column("published", String(32), nullable=True),
    Column("created", UTCDateTime, nullable=False),
    Column("updated", UTCDateTime, nullable=False),
    Column("registered", UTCDateTime, nullable=True, index=True),
    # store-wide change sequence number of the latest write to this row
    Column("change_seq", BigId, nullable=False, index=True),
    Column("suffix", String(255), nullable=True, index=True),
    # folded first title, the key of sort=title
    Column("title_sort", String(255), nullable=True),
    Index("ix_dois_title_sort_doi", "title_sort", "doi"),
    # the orders of lists and cursor walks: (key, doi)
    Index("ix_dois_created_doi", "created", "doi"),
    Index("ix_dois_updated_doi", "updated", "doi"),
)

# -- search side tables (kept in the same transaction as every DOI write) ------------------

search_fields = Table(
    "search_fields",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("path", String(255), nullable=False, unique=True),
)

doi_values = Table(
    "doi_values",
    metadata,
    Column("doi_id", BigId, ForeignKey("dois.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("field_id", SmallInteger, nullable=False),
    Column("value", Text, nullable=False),
    Column("value_num", Float, nullable=True),
    Index(
        "ix_doi_values_field_value",
        "field_id",
        "value",
        "doi_id",
        postgresql_ops={"value": "text_pattern_ops"},
    ),
    Index(
        "ix_doi_values_field_number",
        "field_id",
        "value_num",
        sqlite_where=Column("value_num").isnot(None),
        postgresql_where=Column("value_num").isnot(None),
    ),
)

doi_relations = Table(
    "doi_relations",
    metadata,
    Column("doi_id", BigId, ForeignKey("dois.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("related_doi", String(255), nullable=False, index=True),
    Column("relation_type", String(64), nullable=False),
)

#: PostgreSQL's full-text table (SQLite uses the FTS5 table ``doi_fts``, see migrations)
doi_text = Table(
    "doi_text",
    metadata,
    Column("doi_id", BigId, ForeignKey("dois.id", ondelete="CASCADE"), primary_key=True),
    Column("body", Text, nullable=False),
    Column("tsv", TSVector, nullable=False),
    Index("ix_doi_text_tsv", "tsv", postgresql_using="gin"),
)

search_state = Table(
    "search_state",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

doi_versions = Table(
    "doi_versions",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("doi_id", BigId, ForeignKey("dois.id", ondelete="CASCADE"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("namespace", String(64), nullable=True),
    Column("xml", Text, nullable=False),
    Column("created", UTCDateTime, nullable=False),
    UniqueConstraint("doi_id", "version"),
)

media = Table(
    "media",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("doi_id", BigId, ForeignKey("dois.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("url", Text, nullable=False),
    Column("media_type", String(255), nullable=True),
    Column("created", UTCDateTime, nullable=False),
    Column("updated", UTCDateTime, nullable=False),
)

doi_changes = Table(
    "doi_changes",
    metadata,
    Column("seq", BigId, primary_key=True, autoincrement=True),
    Column("doi_id", BigId, nullable=False, index=True),
    Column("doi", String(255), nullable=False),
    Column("operation", String(16), nullable=False),  # upsert | delete
    Column("at", UTCDateTime, nullable=False),
)

activities = Table(
    "activities",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("request_uuid", String(36), nullable=False, unique=True),
    Column("auditable_type", String(16), nullable=False),  # Doi | Client | Provider
    Column("auditable_id", String(255), nullable=False),
    Column("action", String(16), nullable=False),  # create | update | destroy
    Column("version", Integer, nullable=False),
    Column("changes", Json, nullable=False),
    Column("username", String(64), nullable=True),
    Column("created", UTCDateTime, nullable=False),
    Index("ix_activities_auditable", "auditable_type", "auditable_id", "version"),
)
