"""Key persons followed by events (R-CON-8/10, R-82): what the archive and planning say of each
person, whether a cadence is followed by events or tracked by hand, and whether a tier's policy
obliges key-relationship work (S and A by default).

Revision ID: contact_0003
Revises: contact_0002
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op
from mcr_core.storage import UtcDateTime

revision = "contact_0003"
down_revision = "contact_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "key_persons",
        sa.Column("person", sa.String(200), primary_key=True),
        sa.Column("customer_id", sa.String(64), nullable=False, index=True),
        sa.Column("region", sa.String(63), nullable=False),
        sa.Column("archive_roles", sa.JSON(), nullable=False),
        sa.Column("archive_owner_id", sa.String(128), nullable=False),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.Column("departed", sa.Boolean(), nullable=False),
        sa.Column("archive_time", UtcDateTime(), nullable=True),
        sa.Column("target", sa.Boolean(), nullable=False),
        sa.Column("plan_owner_id", sa.String(128), nullable=False),
        sa.Column("sponsor_ids", sa.JSON(), nullable=False),
        sa.Column("plan_time", UtcDateTime(), nullable=True),
    )
    with op.batch_alter_table("person_cadences") as table:
        table.add_column(
            sa.Column("followed", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("tier_cadences") as table:
        table.add_column(
            sa.Column(
                "follows_key_persons", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("tier_cadences") as table:
        table.drop_column("follows_key_persons")
    with op.batch_alter_table("person_cadences") as table:
        table.drop_column("followed")
    op.drop_table("key_persons")
