"""Portfolio monitoring: yearly revenue, value-return curves and re-tier recommendations,
snapshots and retrospective tasks, strategy reviews.

Revision ID: insight_0003
Revises: insight_0002
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op
from mcr_core.storage import UtcDateTime

revision = "insight_0003"
down_revision = "insight_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "yearly_revenue",
        sa.Column("customer_id", sa.String(64), primary_key=True),
        sa.Column("year", sa.Integer(), primary_key=True),
        sa.Column("region", sa.String(63), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("units", sa.BigInteger(), nullable=False),
    )
    op.create_table(
        "value_return_curves",
        sa.Column("customer_id", sa.String(64), primary_key=True),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("points", sa.JSON(), nullable=False),
        sa.Column("update_time", UtcDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(128), nullable=False),
    )
    op.create_table(
        "retier_recommendations",
        sa.Column("customer_id", sa.String(64), primary_key=True),
        sa.Column("year", sa.Integer(), primary_key=True),
        sa.Column("region", sa.String(63), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("expected_units", sa.BigInteger(), nullable=False),
        sa.Column("actual_units", sa.BigInteger(), nullable=False),
        sa.Column("create_time", UtcDateTime(), nullable=False),
    )
    op.create_table(
        "portfolio_snapshots",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("region", sa.String(63), nullable=False),
        sa.Column("take_time", UtcDateTime(), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
    )
    op.create_index(
        "ix_portfolio_snapshots_region_time", "portfolio_snapshots", ["region", "take_time"]
    )
    op.create_table(
        "retrospective_tasks",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("region", sa.String(63), nullable=False),
        sa.Column("snapshot_id", sa.String(36), nullable=False),
        sa.Column("customers", sa.JSON(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("create_time", UtcDateTime(), nullable=False),
    )
    op.create_table(
        "customer_reviews",
        sa.Column("customer_id", sa.String(64), primary_key=True),
        sa.Column("review_time", UtcDateTime(), nullable=False),
        sa.Column("reviewed_by", sa.String(128), nullable=False),
    )


def downgrade() -> None:
    for table in (
        "customer_reviews",
        "retrospective_tasks",
        "portfolio_snapshots",
        "retier_recommendations",
        "value_return_curves",
        "yearly_revenue",
    ):
        op.drop_table(table)
