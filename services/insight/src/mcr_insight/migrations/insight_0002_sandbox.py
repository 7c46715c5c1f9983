"""The strategic sandbox: product segments, opportunities, annual insights.

Revision ID: insight_0002
Revises: insight_0001
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op
from mcr_core.storage import UtcDateTime

revision = "insight_0002"
down_revision = "insight_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "strategic_sandboxes",
        sa.Column("customer_id", sa.String(64), primary_key=True),
        sa.Column("segments", sa.JSON(), nullable=False),
        sa.Column("etag", sa.String(32), nullable=False),
        sa.Column("update_time", UtcDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(128), nullable=False),
    )
    op.create_table(
        "opportunities",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("customer_id", sa.String(64), nullable=False),
        sa.Column("region", sa.String(63), nullable=False),
        sa.Column("product_segment", sa.String(120), nullable=False),
        sa.Column("source_role", sa.String(16), nullable=False),
        sa.Column("horizon", sa.String(16), nullable=False),
        sa.Column("pain_point", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("ratings", sa.JSON(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("proposed_by", sa.String(128), nullable=False),
        sa.Column("propose_time", UtcDateTime(), nullable=False),
        sa.Column("selected_by", sa.String(128), nullable=False),
        sa.Column("select_time", UtcDateTime(), nullable=True),
        sa.Column("market_target", sa.JSON(), nullable=True),
        sa.Column("request_id", sa.String(64), nullable=True, unique=True),
    )
    op.create_index("ix_opportunities_customer", "opportunities", ["customer_id"])
    op.create_table(
        "annual_insights",
        sa.Column("customer_id", sa.String(64), primary_key=True),
        sa.Column("year", sa.Integer(), primary_key=True),
        sa.Column("sandbox_empty", sa.Boolean(), nullable=False),
        sa.Column("completed_by", sa.String(128), nullable=False),
        sa.Column("complete_time", UtcDateTime(), nullable=False),
    )


def downgrade() -> None:
    for table in ("annual_insights", "opportunities", "strategic_sandboxes"):
        op.drop_table(table)
