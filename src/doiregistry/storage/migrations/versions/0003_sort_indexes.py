"""sort indexes

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 01:47:33.766283
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:

    with op.batch_alter_table("dois", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dois_created"))
        batch_op.drop_index(batch_op.f("ix_dois_updated"))
        batch_op.create_index("ix_dois_created_doi", ["created", "doi"], unique=False)
        batch_op.create_index("ix_dois_updated_doi", ["updated", "doi"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("dois", schema=None) as batch_op:
        batch_op.drop_index("ix_dois_updated_doi")
        batch_op.drop_index("ix_dois_created_doi")
        batch_op.create_index(batch_op.f("ix_dois_updated"), ["updated"], unique=False)
        batch_op.create_index(batch_op.f("ix_dois_created"), ["created"], unique=False)
