"""Customer facts, tier assignments and history, manual decisions, configurations, policies.

Revision ID: insight_0001
Revises:
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op
from mcr_core.storage import UtcDateTime
from mcr_core.storage.types import BigSerial

revision = "insight_0001"
down_revision = None
branch_labels = ("insight",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "customer_facts",
        sa.Column("customer_id", sa.String(64), primary_key=True),
        sa.Column("region", sa.String(63), nullable=False),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("industry", sa.String(64), nullable=False),
        sa.Column("country_code", sa.String(2), nullable=False),
        sa.Column("parent_group_id", sa.String(64), nullable=True),
        sa.Column("revenue_currency", sa.String(3), nullable=True),
        sa.Column("revenue_units", sa.BigInteger(), nullable=True),
        sa.Column("employee_count", sa.Integer(), nullable=False),
        sa.Column("source_update_time", UtcDateTime(), nullable=False),
        sa.Column("delete_time", UtcDateTime(), nullable=True),
    )
    op.create_index("ix_customer_facts_region", "customer_facts", ["region", "customer_id"])
    op.create_table(
        "tier_assignments",
        sa.Column("customer_id", sa.String(64), primary_key=True),
        sa.Column("region", sa.String(63), nullable=False),
        sa.Column("tier", sa.String(32), nullable=False),
        sa.Column("computed_tier", sa.String(32), nullable=False),
        sa.Column("score", sa.Double(), nullable=False),
        sa.Column("source", sa.String(16), nullable=True),
        sa.Column("components", sa.JSON(), nullable=False),
        sa.Column("failures", sa.JSON(), nullable=False),
        sa.Column("assigned_by", sa.String(255), nullable=False),
        sa.Column("configuration_revision", sa.BigInteger(), nullable=False),
        sa.Column("scoring_incomplete", sa.Boolean(), nullable=False),
        sa.Column("tier_change_time", UtcDateTime(), nullable=True),
        sa.Column("update_time", UtcDateTime(), nullable=False),
    )
    op.create_index("ix_tier_assignments_region", "tier_assignments", ["region", "customer_id"])
    op.create_table(
        "manual_tier_decisions",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("customer_id", sa.String(64), nullable=False),
        sa.Column("tier", sa.String(32), nullable=False),
        sa.Column("justification", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.String(128), nullable=False),
        sa.Column("decide_time", UtcDateTime(), nullable=False),
        sa.Column("expire_time", UtcDateTime(), nullable=False),
        sa.Column("end_time", UtcDateTime(), nullable=True),
        sa.Column("end_reason", sa.Text(), nullable=False),
    )
    op.create_index(
        "ix_manual_tier_decisions_customer", "manual_tier_decisions", ["customer_id", "end_time"]
    )
    op.create_table(
        "tier_history",
        sa.Column("seq", BigSerial, primary_key=True, autoincrement=True),
        sa.Column("customer_id", sa.String(64), nullable=False),
        sa.Column("region", sa.String(63), nullable=False),
        sa.Column("previous_tier", sa.String(32), nullable=False),
        sa.Column("tier", sa.String(32), nullable=False),
        sa.Column("source", sa.String(16), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("score", sa.Double(), nullable=False),
        sa.Column("changed_by", sa.String(128), nullable=False),
        sa.Column("change_time", UtcDateTime(), nullable=False),
        sa.Column("configuration_revision", sa.BigInteger(), nullable=False),
    )
    op.create_index("ix_tier_history_customer", "tier_history", ["customer_id", "seq"])
    op.create_table(
        "tier_configurations",
        sa.Column("region", sa.String(63), primary_key=True),
        sa.Column("revision", sa.BigInteger(), primary_key=True),
        sa.Column("scoring_plugins", sa.JSON(), nullable=False),
        sa.Column("dimension_weights", sa.JSON(), nullable=False),
        sa.Column("thresholds", sa.JSON(), nullable=False),
        sa.Column("update_time", UtcDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(128), nullable=False),
    )
    op.create_table(
        "published_tier_policies",
        sa.Column("tier", sa.String(32), primary_key=True),
        sa.Column("etag", sa.String(32), nullable=False),
        sa.Column("publish_time", UtcDateTime(), nullable=False),
    )


def downgrade() -> None:
    for table in (
        "published_tier_policies",
        "tier_configurations",
        "tier_history",
        "manual_tier_decisions",
        "tier_assignments",
        "customer_facts",
    ):
        op.drop_table(table)
