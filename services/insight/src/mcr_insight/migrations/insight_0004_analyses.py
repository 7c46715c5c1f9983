"""Insight analyses (versioned) and service strategies.

Revision ID: insight_0004
Revises: insight_0003
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op
from mcr_core.storage import UtcDateTime

revision = "insight_0004"
down_revision = "insight_0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "insight_analyses",
        sa.Column("customer_id", sa.String(64), primary_key=True),
        sa.Column("kind", sa.String(64), primary_key=True),
        sa.Column("version", sa.BigInteger(), primary_key=True),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.Column("etag", sa.String(32), nullable=False),
        sa.Column("update_time", UtcDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(128), nullable=False),
    )
    op.create_table(
        "service_strategies",
        sa.Column("customer_id", sa.String(64), primary_key=True),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.Column("etag", sa.String(32), nullable=False),
        sa.Column("update_time", UtcDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(128), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("service_strategies")
    op.drop_table("insight_analyses")
