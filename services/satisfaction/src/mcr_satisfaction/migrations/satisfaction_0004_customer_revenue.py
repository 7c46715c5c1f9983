"""Each customer's latest yearly revenue in USD, from the archive's events: it sizes the weekly
valid-issue quota that the service checks on its timers every week (R-VOC-9).

Revision ID: satisfaction_0004
Revises: satisfaction_0003
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "satisfaction_0004"
down_revision = "satisfaction_0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "customer_revenues",
        sa.Column("customer_id", sa.String(64), primary_key=True),
        sa.Column("region", sa.String(63), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("revenue_usd", sa.BigInteger(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("customer_revenues")
