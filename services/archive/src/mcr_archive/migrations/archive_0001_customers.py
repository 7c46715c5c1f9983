"""Customers.

Revision ID: archive_0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op
from mcr_core.storage import UtcDateTime

revision = "archive_0001"
down_revision = None
branch_labels = ("archive",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "customers",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("industry", sa.String(64), nullable=False),
        sa.Column("country_code", sa.String(2), nullable=False),
        sa.Column("region", sa.String(63), nullable=False),
        sa.Column("parent_group_id", sa.String(64), nullable=True),
        sa.Column("revenue_currency", sa.String(3), nullable=True),
        sa.Column("revenue_units", sa.BigInteger(), nullable=True),
        sa.Column("revenue_nanos", sa.Integer(), nullable=True),
        sa.Column("employee_count", sa.Integer(), nullable=False),
        sa.Column("lifecycle_state", sa.String(16), nullable=False),
        sa.Column("create_time", UtcDateTime(), nullable=False),
        sa.Column("update_time", UtcDateTime(), nullable=False),
        sa.Column("delete_time", UtcDateTime(), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.String(64), nullable=True, unique=True),
    )
    op.create_index("ix_customers_region_created", "customers", ["region", "create_time", "id"])
    op.create_index("ix_customers_parent_group", "customers", ["parent_group_id"])


def downgrade() -> None:
    op.drop_table("customers")
