"""Information products of the market department.

Revision ID: insight_0005
Revises: insight_0004
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op
from mcr_core.storage import UtcDateTime

revision = "insight_0005"
down_revision = "insight_0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "information_products",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("customer_id", sa.String(64), nullable=False),
        sa.Column("region", sa.String(63), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("commission", sa.JSON(), nullable=True),
        sa.Column("author", sa.String(128), nullable=False),
        sa.Column("create_time", UtcDateTime(), nullable=False),
    )
    op.create_index(
        "ix_information_products_customer", "information_products", ["customer_id", "create_time"]
    )


def downgrade() -> None:
    op.drop_table("information_products")
