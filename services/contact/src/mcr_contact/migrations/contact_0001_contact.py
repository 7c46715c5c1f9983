"""Activities, key events, person cadences, key dates, reminders, insight's tiers.

Revision ID: contact_0001
Revises:
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op
from mcr_core.storage import UtcDateTime

revision = "contact_0001"
down_revision = None
branch_labels = ("contact",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "activities",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("customer_id", sa.String(64), nullable=False),
        sa.Column("region", sa.String(63), nullable=False),
        sa.Column("type", sa.String(64), nullable=False),
        sa.Column("relationship_type", sa.String(16), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("start_time", UtcDateTime(), nullable=False),
        sa.Column("duration_seconds", sa.Double(), nullable=False),
        sa.Column("owner_id", sa.String(128), nullable=False),
        sa.Column("owner_unit", sa.String(255), nullable=False),
        sa.Column("opportunity", sa.String(255), nullable=False),
        sa.Column("lifecycle_stage", sa.String(32), nullable=False),
        sa.Column("plan_item", sa.String(255), nullable=False),
        sa.Column("private", sa.Boolean(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("compliance_flag", sa.Text(), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("request_id", sa.String(64), nullable=True, unique=True),
        sa.Column("create_time", UtcDateTime(), nullable=False),
        sa.Column("update_time", UtcDateTime(), nullable=False),
        sa.Column("close_time", UtcDateTime(), nullable=True),
    )
    op.create_table(
        "activity_stakeholders",
        sa.Column("activity_id", sa.String(36), primary_key=True),
        sa.Column("employee_id", sa.String(128), primary_key=True),
        sa.Column("org_unit", sa.String(255), nullable=False),
    )
    op.create_table(
        "customer_tiers",
        sa.Column("customer_id", sa.String(64), primary_key=True),
        sa.Column("region", sa.String(63), nullable=False),
        sa.Column("tier", sa.String(32), nullable=False),
        sa.Column("change_time", UtcDateTime(), nullable=False),
    )
    op.create_table(
        "key_dates",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("person", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("day", sa.Integer(), nullable=False),
    )
    op.create_table(
        "key_events",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("customer_id", sa.String(64), nullable=False),
        sa.Column("region", sa.String(63), nullable=False),
        sa.Column("person", sa.String(200), nullable=False),
        sa.Column("dimension", sa.String(32), nullable=False),
        sa.Column("impact", sa.Integer(), nullable=False),
        sa.Column("summary", sa.String(500), nullable=False),
        sa.Column("activity", sa.String(64), nullable=False),
        sa.Column("recorded_by", sa.String(128), nullable=False),
        sa.Column("occur_time", UtcDateTime(), nullable=False),
        sa.Column("create_time", UtcDateTime(), nullable=False),
        sa.Column("request_id", sa.String(64), nullable=True, unique=True),
    )
    op.create_table(
        "person_cadences",
        sa.Column("person", sa.String(200), primary_key=True),
        sa.Column("customer_id", sa.String(64), nullable=False),
        sa.Column("region", sa.String(63), nullable=False),
        sa.Column("role", sa.String(64), nullable=False),
        sa.Column("owner_id", sa.String(128), nullable=False),
        sa.Column("owner_unit", sa.String(255), nullable=False),
        sa.Column("supervisor_id", sa.String(128), nullable=False),
        sa.Column("sponsor_id", sa.String(128), nullable=False),
        sa.Column("tier", sa.String(32), nullable=False),
        sa.Column("ideal_seconds", sa.Double(), nullable=True),
        sa.Column("max_seconds", sa.Double(), nullable=True),
        sa.Column("source", sa.String(255), nullable=False),
        sa.Column("since_time", UtcDateTime(), nullable=False),
        sa.Column("first_contact_time", UtcDateTime(), nullable=True),
        sa.Column("last_contact_time", UtcDateTime(), nullable=True),
        sa.Column("due_time", UtcDateTime(), nullable=True),
        sa.Column("breach_time", UtcDateTime(), nullable=True),
    )
    op.create_table(
        "reminders",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("employee_id", sa.String(128), nullable=False),
        sa.Column("region", sa.String(63), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("subject", sa.String(255), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("due_time", UtcDateTime(), nullable=False),
        sa.Column("create_time", UtcDateTime(), nullable=False),
    )
    op.create_table(
        "tier_cadences",
        sa.Column("tier", sa.String(32), primary_key=True),
        sa.Column("cadences", sa.JSON(), nullable=False),
        sa.Column("etag", sa.String(64), nullable=False),
    )
    op.create_index("ix_activities_customer", "activities", ["region", "customer_id", "start_time"])
    op.create_index("ix_activities_opportunity", "activities", ["opportunity"])
    op.create_index("ix_activities_owner", "activities", ["owner_id", "start_time"])
    op.create_index("ix_activity_stakeholders_employee", "activity_stakeholders", ["employee_id"])
    op.create_index("ix_person_cadences_owner_due", "person_cadences", ["owner_id", "due_time"])
    op.create_index("ix_person_cadences_customer", "person_cadences", ["customer_id"])
    op.create_index("ix_person_cadences_tier", "person_cadences", ["tier"])
    op.create_index("ix_reminders_employee", "reminders", ["employee_id", "create_time"])


def downgrade() -> None:
    op.drop_table("tier_cadences")
    op.drop_table("reminders")
    op.drop_table("person_cadences")
    op.drop_table("key_events")
    op.drop_table("key_dates")
    op.drop_table("customer_tiers")
    op.drop_table("activity_stakeholders")
    op.drop_table("activities")
