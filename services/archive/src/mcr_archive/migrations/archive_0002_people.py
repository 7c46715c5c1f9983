"""Employees, customer owners, organisation charts and persons.

Revision ID: archive_0002
Revises: archive_0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op
from mcr_core.storage import UtcDateTime

revision = "archive_0002"
down_revision = "archive_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "employees",
        sa.Column("employee_id", sa.String(64), primary_key=True),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("region", sa.String(63), nullable=False),
        sa.Column("org_unit", sa.String(255), nullable=False),
        sa.Column("job_grade", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("create_time", UtcDateTime(), nullable=False),
        sa.Column("update_time", UtcDateTime(), nullable=False),
    )
    op.create_index("ix_employees_region", "employees", ["region", "employee_id"])
    with op.batch_alter_table("customers") as table:
        table.add_column(sa.Column("owner_id", sa.String(64), nullable=False, server_default=""))
    op.create_index("ix_customers_owner", "customers", ["owner_id"])
    op.create_table(
        "departments",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("customer_id", sa.String(64), sa.ForeignKey("customers.id"), nullable=False),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("parent_id", sa.String(64), sa.ForeignKey("departments.id"), nullable=True),
        sa.Column("create_time", UtcDateTime(), nullable=False),
        sa.Column("update_time", UtcDateTime(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.String(64), nullable=True, unique=True),
    )
    op.create_index("ix_departments_customer", "departments", ["customer_id"])
    op.create_table(
        "persons",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("customer_id", sa.String(64), sa.ForeignKey("customers.id"), nullable=False),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("department_id", sa.String(64), sa.ForeignKey("departments.id"), nullable=True),
        sa.Column("layer", sa.String(16), nullable=False),
        sa.Column("owner_id", sa.String(64), nullable=False),
        sa.Column("veto_holder", sa.Boolean(), nullable=False),
        sa.Column("rising_star", sa.Boolean(), nullable=False),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.Column("create_time", UtcDateTime(), nullable=False),
        sa.Column("update_time", UtcDateTime(), nullable=False),
        sa.Column("delete_time", UtcDateTime(), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.String(64), nullable=True, unique=True),
    )
    op.create_index("ix_persons_customer", "persons", ["customer_id", "create_time", "id"])
    op.create_index("ix_persons_owner", "persons", ["owner_id"])


def downgrade() -> None:
    op.drop_table("persons")
    op.drop_table("departments")
    op.drop_index("ix_customers_owner", table_name="customers")
    with op.batch_alter_table("customers") as table:
        table.drop_column("owner_id")
    op.drop_table("employees")
