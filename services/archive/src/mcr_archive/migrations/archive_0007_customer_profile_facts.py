"""Ownership type, province and the financial credit rating with its history.

Revision ID: archive_0007
Revises: archive_0006
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op
from mcr_core.storage import UtcDateTime
from mcr_core.storage.types import BigSerial

revision = "archive_0007"
down_revision = "archive_0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("customers") as table:
        table.add_column(
            sa.Column("ownership_type", sa.String(16), nullable=False, server_default="unspecified")
        )
        table.add_column(sa.Column("province", sa.String(64), nullable=False, server_default=""))
        table.add_column(
            sa.Column("credit_rating", sa.String(1), nullable=False, server_default="")
        )
    op.create_table(
        "credit_history",
        sa.Column("id", BigSerial, primary_key=True, autoincrement=True),
        sa.Column("customer_id", sa.String(64), sa.ForeignKey("customers.id"), nullable=False),
        sa.Column("previous_rating", sa.String(1), nullable=False),
        sa.Column("rating", sa.String(1), nullable=False),
        sa.Column("cause", sa.String(16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("actor_id", sa.String(64), nullable=False),
        sa.Column("changed_at", UtcDateTime(), nullable=False),
    )
    op.create_index("ix_credit_history_customer", "credit_history", ["customer_id", "id"])


def downgrade() -> None:
    op.drop_table("credit_history")
    with op.batch_alter_table("customers") as table:
        table.drop_column("credit_rating")
        table.drop_column("province")
        table.drop_column("ownership_type")
