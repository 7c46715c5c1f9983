"""Each employee's manager, as HR files name it (the employees import).

Revision ID: archive_0011
Revises: archive_0010
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "archive_0011"
down_revision = "archive_0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("employees") as table:
        table.add_column(sa.Column("manager_id", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("employees") as table:
        table.drop_column("manager_id")
