"""The tier insight assigned, kept on the customer for search.

Revision ID: archive_0005
Revises: archive_0004
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "archive_0005"
down_revision = "archive_0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("customers") as table:
        table.add_column(sa.Column("tier", sa.String(32), nullable=False, server_default=""))
    op.create_index("ix_customers_region_tier", "customers", ["region", "tier"])


def downgrade() -> None:
    op.drop_index("ix_customers_region_tier", table_name="customers")
    with op.batch_alter_table("customers") as table:
        table.drop_column("tier")
