"""Improvement items derived from the largest expectation-versus-perception gaps per region and
tier (R-SAT-8) name the expectation they come from, so one gap opens one item.

Revision ID: satisfaction_0005
Revises: satisfaction_0004
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "satisfaction_0005"
down_revision = "satisfaction_0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("improvement_items") as table:
        table.add_column(
            sa.Column("gap_dimension", sa.String(64), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("improvement_items") as table:
        table.drop_column("gap_dimension")
