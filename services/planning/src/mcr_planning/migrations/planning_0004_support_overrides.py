"""A team's overrides of the support levels derived from evidence, kept with their justification
and author after they expire.

Revision ID: planning_0004
Revises: planning_0003
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op
from mcr_core.storage import UtcDateTime

revision = "planning_0004"
down_revision = "planning_0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "support_overrides",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("customer_id", sa.String(64), nullable=False),
        sa.Column("person", sa.String(200), nullable=False),
        sa.Column("dimension", sa.String(32), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("justification", sa.Text(), nullable=False),
        sa.Column("author", sa.String(128), nullable=False),
        sa.Column("create_time", UtcDateTime(), nullable=False),
        sa.Column("expire_time", UtcDateTime(), nullable=False),
    )
    op.create_index("ix_support_overrides_person", "support_overrides", ["person", "dimension"])


def downgrade() -> None:
    op.drop_table("support_overrides")
