"""Each customer's own calendar (tender windows, the budget round) as contact announces it from
the packs serving the customer, shown with the customer's planning team.

Revision ID: planning_0005
Revises: planning_0004
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "planning_0005"
down_revision = "planning_0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "customer_dates",
        sa.Column("customer_id", sa.String(64), primary_key=True),
        sa.Column("kind", sa.String(64), primary_key=True),
        sa.Column("region", sa.String(63), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("day", sa.Integer(), nullable=False),
        sa.Column("lead_days", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(128), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("customer_dates")
