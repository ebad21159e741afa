"""Search index: field values, relations, full-text words, sort keys

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 01:19:52.385223
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "search_fields",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("path", sa.String(length=255), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_fields")),
        sa.UniqueConstraint("path", name=op.f("uq_search_fields_path")),
    )
    op.create_table(
        "search_state",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_search_state")),
    )
    op.create_table(
        "doi_relations",
        sa.Column("doi_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("related_doi", sa.String(length=255), nullable=False),
        sa.Column("relation_type", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["doi_id"], ["dois.id"], name=op.f("fk_doi_relations_doi_id_dois"), ondelete="CASCADE"
        ),
    )
    with op.batch_alter_table("doi_relations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_doi_relations_doi_id"), ["doi_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_doi_relations_related_doi"), ["related_doi"], unique=False
        )

    op.create_table(
        "doi_text",
        sa.Column("doi_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column(
            "tsv", sa.Text().with_variant(postgresql.TSVECTOR(), "postgresql"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["doi_id"], ["dois.id"], name=op.f("fk_doi_text_doi_id_dois"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("doi_id", name=op.f("pk_doi_text")),
    )
    with op.batch_alter_table("doi_text", schema=None) as batch_op:
        batch_op.create_index("ix_doi_text_tsv", ["tsv"], unique=False, postgresql_using="gin")

    op.create_table(
        "doi_values",
        sa.Column("doi_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("field_id", sa.SmallInteger(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("value_num", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["doi_id"], ["dois.id"], name=op.f("fk_doi_values_doi_id_dois"), ondelete="CASCADE"
        ),
    )
    with op.batch_alter_table("doi_values", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_doi_values_doi_id"), ["doi_id"], unique=False)
        batch_op.create_index(
            "ix_doi_values_field_number",
            ["field_id", "value_num"],
            unique=False,
            sqlite_where=sa.text("value_num IS NOT NULL"),
            postgresql_where=sa.text("value_num IS NOT NULL"),
        )
        batch_op.create_index(
            "ix_doi_values_field_value",
            ["field_id", "value", "doi_id"],
            unique=False,
            postgresql_ops={"value": "text_pattern_ops"},
        )

    with op.batch_alter_table("dois", schema=None) as batch_op:
        batch_op.add_column(sa.Column("suffix", sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column("title_sort", sa.String(length=255), nullable=True))
        batch_op.create_index(batch_op.f("ix_dois_suffix"), ["suffix"], unique=False)
        batch_op.create_index("ix_dois_title_sort_doi", ["title_sort", "doi"], unique=False)

    if op.get_bind().dialect.name == "sqlite":
        # words of text fields, coded by field ("ti:climate"); rowid = dois.id
        op.execute(
            "CREATE VIRTUAL TABLE doi_fts USING fts5("
            "body, tokenize = \"unicode61 remove_diacritics 0 tokenchars ':'\", detail = full)"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS doi_fts")

    with op.batch_alter_table("dois", schema=None) as batch_op:
        batch_op.drop_index("ix_dois_title_sort_doi")
        batch_op.drop_index(batch_op.f("ix_dois_suffix"))
        batch_op.drop_column("title_sort")
        batch_op.drop_column("suffix")

    with op.batch_alter_table("doi_values", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_doi_values_field_value", postgresql_ops={"value": "text_pattern_ops"}
        )
        batch_op.drop_index(
            "ix_doi_values_field_number",
            sqlite_where=sa.text("value_num IS NOT NULL"),
            postgresql_where=sa.text("value_num IS NOT NULL"),
        )
        batch_op.drop_index(batch_op.f("ix_doi_values_doi_id"))

    op.drop_table("doi_values")
    with op.batch_alter_table("doi_text", schema=None) as batch_op:
        batch_op.drop_index("ix_doi_text_tsv", postgresql_using="gin")

    op.drop_table("doi_text")
    with op.batch_alter_table("doi_relations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_doi_relations_related_doi"))
        batch_op.drop_index(batch_op.f("ix_doi_relations_doi_id"))

    op.drop_table("doi_relations")
    op.drop_table("search_state")
    op.drop_table("search_fields")
