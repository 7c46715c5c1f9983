"""What planning knows of each customer from the archive: its industry and ownership type (the
packs' decision patterns depend on them).

Revision ID: planning_0002
Revises: planning_0001
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op
from mcr_core.storage import UtcDateTime

revision = "planning_0002"
down_revision = "planning_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "customer_facts",
        sa.Column("customer_id", sa.String(64), primary_key=True),
        sa.Column("region", sa.String(63), nullable=False),
        sa.Column("industry", sa.String(64), nullable=False),
        sa.Column("ownership_type", sa.String(16), nullable=False),
        sa.Column("update_time", UtcDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("customer_facts")
