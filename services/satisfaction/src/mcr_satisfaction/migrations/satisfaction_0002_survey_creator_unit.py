"""The org unit of a survey's creator: survey results follow the hierarchy rule (a superior
sees their subordinates' surveys), which needs the creator's place in the tree.

Revision ID: satisfaction_0002
Revises: satisfaction_0001
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "satisfaction_0002"
down_revision = "satisfaction_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("surveys") as table:
        table.add_column(
            sa.Column("created_by_org_unit", sa.String(255), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("surveys") as table:
        table.drop_column("created_by_org_unit")
