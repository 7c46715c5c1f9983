"""The scoring packs the portfolio was last tiered with.

Revision ID: insight_0006
Revises: insight_0005
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op
from mcr_core.storage import UtcDateTime

revision = "insight_0006"
down_revision = "insight_0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "scoring_packs",
        sa.Column("scope", sa.String(16), primary_key=True),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("packs", sa.JSON(), nullable=False),
        sa.Column("change_time", UtcDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("scoring_packs")
