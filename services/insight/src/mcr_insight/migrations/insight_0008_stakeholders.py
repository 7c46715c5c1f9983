"""Each customer's stakeholders (its owner and account team, with their org units), kept from
the archive's events for decision 11; and when the account team insight knows last changed.

Revision ID: insight_0008
Revises: insight_0007
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op
from mcr_core.storage import UtcDateTime

revision = "insight_0008"
down_revision = "insight_0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "customer_stakeholders",
        sa.Column("customer_id", sa.String(64), primary_key=True),
        # "owner" (from the customer's events) or "team" (from its account team's).
        sa.Column("source", sa.String(8), primary_key=True),
        sa.Column("employee_id", sa.String(64), primary_key=True),
        sa.Column("org_unit", sa.String(255), nullable=False),
    )
    op.create_index("ix_customer_stakeholders_employee", "customer_stakeholders", ["employee_id"])
    op.create_table(
        "account_teams",
        sa.Column("customer_id", sa.String(64), primary_key=True),
        sa.Column("update_time", UtcDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("account_teams")
    op.drop_index("ix_customer_stakeholders_employee", "customer_stakeholders")
    op.drop_table("customer_stakeholders")
