"""The append-only field history of customers and persons.

Revision ID: archive_0003
Revises: archive_0002
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op
from mcr_core.storage import UtcDateTime
from mcr_core.storage.types import BigSerial

revision = "archive_0003"
down_revision = "archive_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "field_history",
        sa.Column("id", BigSerial, primary_key=True, autoincrement=True),
        sa.Column("record", sa.String(255), nullable=False),
        sa.Column("field", sa.String(64), nullable=False),
        sa.Column("old_value", sa.Text(), nullable=False),
        sa.Column("new_value", sa.Text(), nullable=False),
        sa.Column("actor_id", sa.String(64), nullable=False),
        sa.Column("changed_at", UtcDateTime(), nullable=False),
    )
    op.create_index("ix_field_history_record", "field_history", ["record", "id"])


def downgrade() -> None:
    op.drop_table("field_history")
