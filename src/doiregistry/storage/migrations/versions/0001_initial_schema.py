"""initial schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-21 00:58:46.011674
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import doiregistry.storage.column_types

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "activities",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("request_uuid", sa.String(length=36), nullable=False),
        sa.Column("auditable_type", sa.String(length=16), nullable=False),
        sa.Column("auditable_id", sa.String(length=255), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "changes",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("username", sa.String(length=64), nullable=True),
        sa.Column(
            "created", doiregistry.storage.column_types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activities")),
        sa.UniqueConstraint("request_uuid", name=op.f("uq_activities_request_uuid")),
    )
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.create_index(
            "ix_activities_auditable", ["auditable_type", "auditable_id", "version"], unique=False
        )

    op.create_table(
        "doi_changes",
        sa.Column(
            "seq",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("doi_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("doi", sa.String(length=255), nullable=False),
        sa.Column("operation", sa.String(length=16), nullable=False),
        sa.Column(
            "at", doiregistry.storage.column_types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_doi_changes")),
    )
    with op.batch_alter_table("doi_changes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_doi_changes_doi_id"), ["doi_id"], unique=False)

    op.create_table(
        "prefixes",
        sa.Column("prefix", sa.String(length=32), nullable=False),
        sa.Column(
            "created", doiregistry.storage.column_types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.PrimaryKeyConstraint("prefix", name=op.f("pk_prefixes")),
    )
    op.create_table(
        "providers",
        sa.Column("id", sa.String(length=16), nullable=False),
        sa.Column("symbol", sa.String(length=16), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("display_name", sa.Text(), nullable=False),
        sa.Column("system_email", sa.Text(), nullable=True),
        sa.Column("member_type", sa.String(length=32), nullable=False),
        sa.Column("consortium_id", sa.String(length=16), nullable=True),
        sa.Column("password_hash", sa.Text(), nullable=True),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column(
            "attributes",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "created", doiregistry.storage.column_types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "updated", doiregistry.storage.column_types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "deleted_at", doiregistry.storage.column_types.UTCDateTime(timezone=True), nullable=True
        ),
        sa.ForeignKeyConstraint(
            ["consortium_id"], ["providers.id"], name=op.f("fk_providers_consortium_id_providers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_providers")),
        sa.UniqueConstraint("symbol", name=op.f("uq_providers_symbol")),
    )
    with op.batch_alter_table("providers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_providers_consortium_id"), ["consortium_id"], unique=False
        )

    op.create_table(
        "staff_accounts",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=True),
        sa.Column(
            "created", doiregistry.storage.column_types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "updated", doiregistry.storage.column_types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_accounts")),
    )
    op.create_table(
        "clients",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("symbol", sa.String(length=32), nullable=False),
        sa.Column("provider_id", sa.String(length=16), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("system_email", sa.Text(), nullable=True),
        sa.Column("client_type", sa.String(length=32), nullable=False),
        sa.Column("domains", sa.Text(), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=True),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column(
            "attributes",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "created", doiregistry.storage.column_types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "updated", doiregistry.storage.column_types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "deleted_at", doiregistry.storage.column_types.UTCDateTime(timezone=True), nullable=True
        ),
        sa.ForeignKeyConstraint(
            ["provider_id"], ["providers.id"], name=op.f("fk_clients_provider_id_providers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clients")),
        sa.UniqueConstraint("symbol", name=op.f("uq_clients_symbol")),
    )
    with op.batch_alter_table("clients", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_clients_provider_id"), ["provider_id"], unique=False)

    op.create_table(
        "provider_prefixes",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("provider_id", sa.String(length=16), nullable=False),
        sa.Column("prefix", sa.String(length=32), nullable=False),
        sa.Column(
            "created", doiregistry.storage.column_types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "updated", doiregistry.storage.column_types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["prefix"], ["prefixes.prefix"], name=op.f("fk_provider_prefixes_prefix_prefixes")
        ),
        sa.ForeignKeyConstraint(
            ["provider_id"],
            ["providers.id"],
            name=op.f("fk_provider_prefixes_provider_id_providers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_provider_prefixes")),
        sa.UniqueConstraint("prefix", name=op.f("uq_provider_prefixes_prefix")),
    )
    with op.batch_alter_table("provider_prefixes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_provider_prefixes_provider_id"), ["provider_id"], unique=False
        )

    op.create_table(
        "client_prefixes",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("client_id", sa.String(length=32), nullable=False),
        sa.Column("provider_prefix_id", sa.String(length=36), nullable=False),
        sa.Column("prefix", sa.String(length=32), nullable=False),
        sa.Column(
            "created", doiregistry.storage.column_types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "updated", doiregistry.storage.column_types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name=op.f("fk_client_prefixes_client_id_clients")
        ),
        sa.ForeignKeyConstraint(
            ["prefix"], ["prefixes.prefix"], name=op.f("fk_client_prefixes_prefix_prefixes")
        ),
        sa.ForeignKeyConstraint(
            ["provider_prefix_id"],
            ["provider_prefixes.id"],
            name=op.f("fk_client_prefixes_provider_prefix_id_provider_prefixes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_client_prefixes")),
        sa.UniqueConstraint("prefix", name=op.f("uq_client_prefixes_prefix")),
    )
    with op.batch_alter_table("client_prefixes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_client_prefixes_client_id"), ["client_id"], unique=False
        )

    op.create_table(
        "dois",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("doi", sa.String(length=255), nullable=False),
        sa.Column("prefix", sa.String(length=32), nullable=False),
        sa.Column("client_id", sa.String(length=32), nullable=False),
        sa.Column("provider_id", sa.String(length=16), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("xml", sa.Text(), nullable=True),
        sa.Column(
            "attributes",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("schema_version", sa.String(length=64), nullable=True),
        sa.Column("metadata_version", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=32), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column(
            "content_url",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "landing_page",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=True,
        ),
        sa.Column("publication_year", sa.Integer(), nullable=True),
        sa.Column("resource_type_id", sa.String(length=64), nullable=True),
        sa.Column("published", sa.String(length=32), nullable=True),
        sa.Column(
            "created", doiregistry.storage.column_types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "updated", doiregistry.storage.column_types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "registered", doiregistry.storage.column_types.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column(
            "change_seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name=op.f("fk_dois_client_id_clients")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dois")),
        sa.UniqueConstraint("doi", name=op.f("uq_dois_doi")),
    )
    with op.batch_alter_table("dois", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dois_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_dois_client_id"), ["client_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_dois_created"), ["created"], unique=False)
        batch_op.create_index(batch_op.f("ix_dois_prefix"), ["prefix"], unique=False)
        batch_op.create_index(batch_op.f("ix_dois_provider_id"), ["provider_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_dois_publication_year"), ["publication_year"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_dois_registered"), ["registered"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_dois_resource_type_id"), ["resource_type_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_dois_state"), ["state"], unique=False)
        batch_op.create_index(batch_op.f("ix_dois_updated"), ["updated"], unique=False)

    op.create_table(
        "doi_versions",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("doi_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("namespace", sa.String(length=64), nullable=True),
        sa.Column("xml", sa.Text(), nullable=False),
        sa.Column(
            "created", doiregistry.storage.column_types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["doi_id"], ["dois.id"], name=op.f("fk_doi_versions_doi_id_dois"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_doi_versions")),
        sa.UniqueConstraint("doi_id", "version", name=op.f("uq_doi_versions_doi_id_version")),
    )
    op.create_table(
        "media",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("doi_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("media_type", sa.String(length=255), nullable=True),
        sa.Column(
            "created", doiregistry.storage.column_types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "updated", doiregistry.storage.column_types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["doi_id"], ["dois.id"], name=op.f("fk_media_doi_id_dois"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_media")),
    )
    with op.batch_alter_table("media", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_media_doi_id"), ["doi_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("media", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_media_doi_id"))

    op.drop_table("media")
    op.drop_table("doi_versions")
    with op.batch_alter_table("dois", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dois_updated"))
        batch_op.drop_index(batch_op.f("ix_dois_state"))
        batch_op.drop_index(batch_op.f("ix_dois_resource_type_id"))
        batch_op.drop_index(batch_op.f("ix_dois_registered"))
        batch_op.drop_index(batch_op.f("ix_dois_publication_year"))
        batch_op.drop_index(batch_op.f("ix_dois_provider_id"))
        batch_op.drop_index(batch_op.f("ix_dois_prefix"))
        batch_op.drop_index(batch_op.f("ix_dois_created"))
        batch_op.drop_index(batch_op.f("ix_dois_client_id"))
        batch_op.drop_index(batch_op.f("ix_dois_change_seq"))

    op.drop_table("dois")
    with op.batch_alter_table("client_prefixes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_client_prefixes_client_id"))

    op.drop_table("client_prefixes")
    with op.batch_alter_table("provider_prefixes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_provider_prefixes_provider_id"))

    op.drop_table("provider_prefixes")
    with op.batch_alter_table("clients", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_clients_provider_id"))

    op.drop_table("clients")
    op.drop_table("staff_accounts")
    with op.batch_alter_table("providers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_providers_consortium_id"))

    op.drop_table("providers")
    op.drop_table("prefixes")
    with op.batch_alter_table("doi_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_doi_changes_doi_id"))

    op.drop_table("doi_changes")
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.drop_index("ix_activities_auditable")

    op.drop_table("activities")
