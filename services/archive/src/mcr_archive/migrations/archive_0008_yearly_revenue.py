"""The revenue we earned from each customer, year by year.

Revision ID: archive_0008
Revises: archive_0007
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "archive_0008"
down_revision = "archive_0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "yearly_revenue",
        sa.Column("customer_id", sa.String(64), sa.ForeignKey("customers.id"), primary_key=True),
        sa.Column("year", sa.Integer(), primary_key=True),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("units", sa.BigInteger(), nullable=False),
        sa.Column("nanos", sa.Integer(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("yearly_revenue")
