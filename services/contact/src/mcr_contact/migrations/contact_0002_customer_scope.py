"""Each customer's industry and ownership type, from the archive's events: they select the packs
that answer for the customer (cadence rules, gift limits).

Revision ID: contact_0002
Revises: contact_0001
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op
from mcr_core.storage import UtcDateTime

revision = "contact_0002"
down_revision = "contact_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("customer_tiers") as table:
        table.add_column(sa.Column("industry", sa.String(64), nullable=False, server_default=""))
        table.add_column(
            sa.Column("ownership_type", sa.String(16), nullable=False, server_default="")
        )
        table.add_column(sa.Column("facts_time", UtcDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("customer_tiers") as table:
        table.drop_column("facts_time")
        table.drop_column("ownership_type")
        table.drop_column("industry")
