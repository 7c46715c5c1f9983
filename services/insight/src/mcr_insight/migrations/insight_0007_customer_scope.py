"""What the packs scope and score a customer by beyond its industry: its ownership type and the
values of the profile metrics the packs declared.

Revision ID: insight_0007
Revises: insight_0006
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "insight_0007"
down_revision = "insight_0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("customer_facts") as batch:
        batch.add_column(
            sa.Column("ownership_type", sa.String(16), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("metrics", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("customer_facts") as batch:
        batch.drop_column("metrics")
        batch.drop_column("ownership_type")
