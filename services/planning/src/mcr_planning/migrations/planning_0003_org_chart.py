"""The power map follows the archive: each person keeps the archive's facts (decision roles per
business scenario, layer, department, reporting line, whether the archive knows them), each edge
the archive record it follows, and the customer's departments are kept; so are our employees as
the archive knows them (an owner's grade, a sponsor's position), and a sponsor's consent; a
coverage gap names the business scenario it is in.

Revision ID: planning_0003
Revises: planning_0002
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op
from mcr_core.storage import UtcDateTime

revision = "planning_0003"
down_revision = "planning_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("persons") as persons:
        persons.add_column(
            sa.Column("in_archive", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        persons.add_column(sa.Column("decision_roles", sa.JSON(), nullable=True))
        persons.add_column(
            sa.Column("customer_layer", sa.String(16), nullable=False, server_default="")
        )
        persons.add_column(
            sa.Column("department", sa.String(200), nullable=False, server_default="")
        )
        persons.add_column(
            sa.Column("reports_to", sa.String(200), nullable=False, server_default="")
        )
        persons.add_column(
            sa.Column("outside_org_chart", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("edges") as edges:
        edges.add_column(
            sa.Column("archive_record", sa.String(200), nullable=False, server_default="")
        )
        edges.add_column(
            sa.Column("influence_kind", sa.String(16), nullable=False, server_default="")
        )
    op.create_index("ix_edges_record", "edges", ["customer_id", "archive_record"])
    with op.batch_alter_table("gaps") as gaps:
        gaps.add_column(sa.Column("scenario", sa.String(200), nullable=False, server_default=""))
    op.create_table(
        "departments",
        sa.Column("customer_id", sa.String(64), primary_key=True),
        sa.Column("department", sa.String(200), primary_key=True),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("parent_department", sa.String(200), nullable=False),
    )
    op.create_table(
        "employees",
        sa.Column("employee_id", sa.String(128), primary_key=True),
        sa.Column("region", sa.String(63), nullable=False),
        sa.Column("org_unit", sa.String(255), nullable=False),
        sa.Column("job_grade", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("manager", sa.String(128), nullable=False),
    )

    with op.batch_alter_table("sponsorships") as sponsorships:
        sponsorships.add_column(sa.Column("consent_time", UtcDateTime(), nullable=True))
        sponsorships.add_column(
            sa.Column("sponsor_org_unit", sa.String(255), nullable=False, server_default="")
        )
        sponsorships.add_column(
            sa.Column("sponsor_job_grade", sa.Integer(), nullable=False, server_default="0")
        )


def downgrade() -> None:
    with op.batch_alter_table("sponsorships") as sponsorships:
        for column in ("sponsor_job_grade", "sponsor_org_unit", "consent_time"):
            sponsorships.drop_column(column)
    op.drop_table("employees")
    op.drop_table("departments")
    with op.batch_alter_table("gaps") as gaps:
        gaps.drop_column("scenario")
    op.drop_index("ix_edges_record", "edges")
    with op.batch_alter_table("edges") as edges:
        edges.drop_column("influence_kind")
        edges.drop_column("archive_record")
    with op.batch_alter_table("persons") as persons:
        for column in (
            "outside_org_chart",
            "reports_to",
            "department",
            "customer_layer",
            "decision_roles",
            "in_archive",
        ):
            persons.drop_column(column)
