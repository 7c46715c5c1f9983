"""Personal postcards, their sealed sensitive part, and the audit trail of sensitive reads.

Revision ID: archive_0004
Revises: archive_0003
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op
from mcr_core.storage import UtcDateTime
from mcr_core.storage.types import BigSerial

revision = "archive_0004"
down_revision = "archive_0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "postcards",
        sa.Column("person_id", sa.String(64), sa.ForeignKey("persons.id"), primary_key=True),
        sa.Column("customer_id", sa.String(64), nullable=False),
        sa.Column("public", sa.JSON(), nullable=False),
        sa.Column("sealed", sa.LargeBinary(), nullable=True),
        sa.Column("update_time", UtcDateTime(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
    )
    op.create_table(
        "sensitive_reads",
        sa.Column("id", BigSerial, primary_key=True, autoincrement=True),
        sa.Column("person", sa.String(255), nullable=False),
        sa.Column("reader_id", sa.String(64), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("read_at", UtcDateTime(), nullable=False),
    )
    op.create_index("ix_sensitive_reads_person", "sensitive_reads", ["person", "id"])


def downgrade() -> None:
    op.drop_table("sensitive_reads")
    op.drop_table("postcards")
