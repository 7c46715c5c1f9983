"""Published events kept for a while after the relay sent them (`outbox_published`), so a
restore from a backup replays what was committed before the databases' backup but published
after the streams' snapshot (deploy/README.md, Operations: backup and restore).

A new table only: the previous release, which never reads it, runs on this schema unchanged.

Revision ID: kernel_0002
Revises: kernel_0001
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op
from mcr_core.storage.types import UtcDateTime

revision = "kernel_0002"
down_revision = "kernel_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outbox_published",
        sa.Column("event_id", sa.String(36), primary_key=True),
        # The row's place in the outbox (SQLite reuses a deleted row's number: the order is
        # published_at, then seq).
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("subject", sa.String(255), nullable=False),
        sa.Column("event_type", sa.String(255), nullable=False),
        sa.Column("resource", sa.String(255), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.Column("headers", sa.JSON(), nullable=False),
        sa.Column("occurred_at", UtcDateTime(), nullable=False),
        sa.Column("published_at", UtcDateTime(), nullable=False),
    )
    op.create_index("ix_outbox_published_at", "outbox_published", ["published_at"])


def downgrade() -> None:
    op.drop_table("outbox_published")
