"""Persons in depth: decision roles per scenario, reporting lines, hidden influencers, the human
behind each person-in-context, influence links, moves under the territory rule, the departments'
covering employees, normalised search keys and natural keys for imports.

Revision ID: archive_0009
Revises: archive_0008
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op
from mcr_archive.domain import search_key
from mcr_core.storage import UtcDateTime
from mcr_core.storage.types import BigSerial

revision = "archive_0009"
down_revision = "archive_0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("departments") as table:
        table.add_column(
            sa.Column("covering_employee_id", sa.String(64), nullable=False, server_default="")
        )
    with op.batch_alter_table("customers") as table:
        table.add_column(sa.Column("natural_key", sa.String(128), nullable=True))
        table.add_column(sa.Column("search_key", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("persons") as table:
        table.add_column(sa.Column("decision_roles", sa.JSON(), nullable=True))
        table.add_column(sa.Column("reports_to_id", sa.String(64), nullable=True))
        table.add_column(
            sa.Column("outside_org_chart", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        table.add_column(sa.Column("individual_id", sa.String(64), nullable=True))
        table.add_column(sa.Column("moved_to", sa.String(255), nullable=True))
        table.add_column(sa.Column("natural_key", sa.String(128), nullable=True))
        table.add_column(sa.Column("search_key", sa.Text(), nullable=False, server_default=""))
    _backfill()
    op.create_index(
        "ux_customers_region_natural_key", "customers", ["region", "natural_key"], unique=True
    )
    op.create_index(
        "ux_persons_customer_natural_key", "persons", ["customer_id", "natural_key"], unique=True
    )
    op.create_index("ix_persons_individual", "persons", ["individual_id"])
    op.create_table(
        "influence_links",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("customer_id", sa.String(64), nullable=False, index=True),
        sa.Column("source_id", sa.String(64), nullable=False),
        sa.Column("target_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("direction", sa.String(16), nullable=False),
        sa.Column("strength", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("create_time", UtcDateTime(), nullable=False),
    )
    op.create_table(
        "person_moves",
        sa.Column("id", BigSerial, primary_key=True, autoincrement=True),
        sa.Column("individual_id", sa.String(64), nullable=False, index=True),
        sa.Column("person", sa.String(255), nullable=False),
        sa.Column("previous_person", sa.String(255), nullable=False),
        sa.Column("previous_department", sa.String(255), nullable=False),
        sa.Column("department", sa.String(255), nullable=False),
        sa.Column("previous_region", sa.String(63), nullable=False),
        sa.Column("region", sa.String(63), nullable=False),
        sa.Column("previous_owner", sa.String(64), nullable=False),
        sa.Column("owner", sa.String(64), nullable=False),
        sa.Column("territory_case", sa.String(16), nullable=False),
        sa.Column("actor_id", sa.String(64), nullable=False),
        sa.Column("moved_at", UtcDateTime(), nullable=False),
    )


def _backfill() -> None:
    """Existing persons are each their own human; every name gets its search key."""
    bind = op.get_bind()
    for table in ("customers", "persons"):
        rows = bind.execute(sa.text(f"SELECT id, display_name FROM {table}")).all()
        for row in rows:
            bind.execute(
                sa.text(f"UPDATE {table} SET search_key = :key WHERE id = :id"),
                {"key": search_key(row.display_name), "id": row.id},
            )
    bind.execute(sa.text("UPDATE persons SET individual_id = id, decision_roles = '[]'"))


def downgrade() -> None:
    op.drop_table("person_moves")
    op.drop_table("influence_links")
    op.drop_index("ix_persons_individual", table_name="persons")
    op.drop_index("ux_persons_customer_natural_key", table_name="persons")
    op.drop_index("ux_customers_region_natural_key", table_name="customers")
    with op.batch_alter_table("persons") as table:
        for column in ("search_key", "natural_key", "moved_to", "individual_id",
                       "outside_org_chart", "reports_to_id", "decision_roles"):  # fmt: skip
            table.drop_column(column)
    with op.batch_alter_table("customers") as table:
        table.drop_column("search_key")
        table.drop_column("natural_key")
    with op.batch_alter_table("departments") as table:
        table.drop_column("covering_employee_id")
