"""Account teams (系统部): members with roles and A/B backups, and pairings with persons.

Revision ID: archive_0006
Revises: archive_0005
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op
from mcr_core.storage import UtcDateTime

revision = "archive_0006"
down_revision = "archive_0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "account_teams",
        sa.Column("customer_id", sa.String(64), sa.ForeignKey("customers.id"), primary_key=True),
        sa.Column("update_time", UtcDateTime(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
    )
    op.create_table(
        "team_members",
        sa.Column("customer_id", sa.String(64), primary_key=True),
        sa.Column("employee_id", sa.String(64), primary_key=True),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("backup_for", sa.String(64), nullable=True),
    )
    op.create_index("ix_team_members_employee", "team_members", ["employee_id"])
    op.create_table(
        "person_pairings",
        sa.Column("person_id", sa.String(64), primary_key=True),
        sa.Column("employee_id", sa.String(64), primary_key=True),
        sa.Column("customer_id", sa.String(64), nullable=False),
    )
    op.create_index("ix_person_pairings_customer", "person_pairings", ["customer_id"])


def downgrade() -> None:
    op.drop_table("person_pairings")
    op.drop_table("team_members")
    op.drop_table("account_teams")
