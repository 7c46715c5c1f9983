"""The 10-day revisit rule counts per person of a customer within its region (R-NTI-8): a
revisit keeps its region, and its contact becomes the person's name (or the customer's
contact label), so strangers of the same name at other customers or regions stay apart.

Revision ID: satisfaction_0003
Revises: satisfaction_0002
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "satisfaction_0003"
down_revision = "satisfaction_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("revisits") as table:
        table.add_column(sa.Column("region", sa.String(63), nullable=False, server_default=""))
        table.alter_column("contact", type_=sa.String(400), existing_nullable=False)
    # Earlier revisits were keyed by the bare label: scope them to their issue's customer and
    # region, as `domain.revisited_contact` keys a label now.
    issues = sa.table("issues", sa.column("id"), sa.column("region"), sa.column("customer_id"))
    revisits = sa.table(
        "revisits", sa.column("issue_id"), sa.column("region"), sa.column("contact")
    )
    of_issue = issues.c.id == revisits.c.issue_id
    op.execute(
        revisits.update().values(
            region=sa.select(issues.c.region).where(of_issue).scalar_subquery(),
            contact=sa.literal("customers/")
            + sa.select(issues.c.customer_id).where(of_issue).scalar_subquery()
            + sa.literal("/contacts/")
            + sa.func.lower(revisits.c.contact),
        )
    )


def downgrade() -> None:
    with op.batch_alter_table("revisits") as table:
        table.drop_column("region")
