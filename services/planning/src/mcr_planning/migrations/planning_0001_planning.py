"""Planning's tables: teams and stakeholders, annual plans and due items, goals, assessments,
the power map and its gaps, targets, sponsors, cards, projects, brand activities, competitor
analyses and handovers.

Revision ID: planning_0001
Revises:
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op
from mcr_core.storage import UtcDateTime
from mcr_core.storage.types import BigSerial

revision = "planning_0001"
down_revision = None
branch_labels = ("planning",)
depends_on = None

TABLES = (
    "tier_obligations",
    "teams",
    "targets",
    "stakeholders",
    "sponsorships",
    "projects",
    "plans",
    "persons",
    "market_goals",
    "key_events",
    "items",
    "handovers",
    "gaps",
    "edges",
    "competitor_analyses",
    "cards",
    "brand_activities",
    "assessments",
    "decision_chains",
    "relationship_plans",
)


def upgrade() -> None:
    op.create_table(
        "assessments",
        sa.Column("seq", BigSerial, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(36), nullable=False, unique=True),
        sa.Column("customer_id", sa.String(64), nullable=False),
        sa.Column("person", sa.String(200), nullable=False),
        sa.Column("dimensions", sa.JSON(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("competitor_support", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("assessed_by", sa.String(128), nullable=False),
        sa.Column("assess_time", UtcDateTime(), nullable=False),
        sa.Column("spot_check", sa.String(16), nullable=False),
    )
    op.create_table(
        "brand_activities",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("customer_id", sa.String(64), nullable=False),
        sa.Column("region", sa.String(63), nullable=False),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("project_id", sa.String(36), nullable=False),
        sa.Column("activity_time", UtcDateTime(), nullable=False),
        sa.Column("invitees", sa.Integer(), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("budget_units", sa.BigInteger(), nullable=False),
    )
    op.create_table(
        "cards",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("customer_id", sa.String(64), nullable=False),
        sa.Column("region", sa.String(63), nullable=False),
        sa.Column("person", sa.String(200), nullable=False),
        sa.Column("owner", sa.String(128), nullable=False),
        sa.Column("owner_org_unit", sa.String(255), nullable=False),
        sa.Column("sponsor", sa.String(128), nullable=False),
        sa.Column("commitment", sa.JSON(), nullable=False),
        sa.Column("actions", sa.JSON(), nullable=False),
        sa.Column("start_time", UtcDateTime(), nullable=False),
    )
    op.create_table(
        "competitor_analyses",
        sa.Column("customer_id", sa.String(64), primary_key=True),
        sa.Column("competitor", sa.String(64), primary_key=True),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("update_time", UtcDateTime(), nullable=False),
    )
    op.create_table(
        "edges",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("customer_id", sa.String(64), nullable=False),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("target", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
    )
    op.create_table(
        "gaps",
        sa.Column("customer_id", sa.String(64), primary_key=True),
        sa.Column("key", sa.String(255), primary_key=True),
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("open_time", UtcDateTime(), nullable=False),
    )
    op.create_table(
        "handovers",
        sa.Column("seq", BigSerial, primary_key=True, autoincrement=True),
        sa.Column("customer_id", sa.String(64), nullable=False),
        sa.Column("person", sa.String(200), nullable=False),
        sa.Column("from_employee", sa.String(128), nullable=False),
        sa.Column("to_employee", sa.String(128), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("handover_time", UtcDateTime(), nullable=False),
    )
    op.create_table(
        "items",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("parent", sa.String(160), nullable=False),
        sa.Column("customer_id", sa.String(64), nullable=False),
        sa.Column("region", sa.String(63), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("due_time", UtcDateTime(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("complete_time", UtcDateTime(), nullable=True),
        sa.Column("completed_by", sa.String(128), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("achieved_value", sa.Double(), nullable=True),
    )
    op.create_table(
        "key_events",
        sa.Column("name", sa.String(200), primary_key=True),
        sa.Column("customer_id", sa.String(64), nullable=False),
        sa.Column("person", sa.String(200), nullable=False),
        sa.Column("dimension", sa.String(32), nullable=False),
        sa.Column("impact", sa.Integer(), nullable=False),
        sa.Column("occur_time", UtcDateTime(), nullable=False),
    )
    op.create_table(
        "market_goals",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("customer_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("product_segment", sa.String(200), nullable=False),
        sa.Column("scope", sa.String(200), nullable=False),
        sa.Column("target_share_percent", sa.Double(), nullable=False),
        sa.Column("target_year", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("opportunity", sa.String(200), nullable=False),
        sa.Column("relationship_goal", sa.JSON(), nullable=False),
        sa.Column("request_id", sa.String(64), nullable=False),
        sa.Column("create_time", UtcDateTime(), nullable=False),
    )
    op.create_table(
        "persons",
        sa.Column("customer_id", sa.String(64), primary_key=True),
        sa.Column("person", sa.String(200), primary_key=True),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("layer", sa.String(16), nullable=False),
        sa.Column("support", sa.Integer(), nullable=False),
        sa.Column("competitor_support", sa.JSON(), nullable=False),
        sa.Column("coach", sa.Boolean(), nullable=False),
        sa.Column("veto", sa.Boolean(), nullable=False),
        sa.Column("owner", sa.String(128), nullable=False),
        sa.Column("target_level", sa.Integer(), nullable=True),
    )
    op.create_table(
        "plans",
        sa.Column("customer_id", sa.String(64), primary_key=True),
        sa.Column("year", sa.Integer(), primary_key=True),
        sa.Column("region", sa.String(63), nullable=False),
        sa.Column("tier", sa.String(32), nullable=False),
        sa.Column("issue_time", UtcDateTime(), nullable=False),
    )
    op.create_table(
        "projects",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("customer_id", sa.String(64), nullable=False),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("decision_time", UtcDateTime(), nullable=True),
    )
    op.create_table(
        "sponsorships",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("customer_id", sa.String(64), nullable=False),
        sa.Column("target_id", sa.String(36), nullable=False),
        sa.Column("sponsor", sa.String(128), nullable=False),
        sa.Column("sponsor_layer", sa.String(16), nullable=False),
        sa.Column("project", sa.String(200), nullable=False),
    )
    op.create_table(
        "stakeholders",
        sa.Column("resource", sa.String(160), primary_key=True),
        sa.Column("employee_id", sa.String(128), primary_key=True),
        sa.Column("org_unit", sa.String(255), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
    )
    op.create_table(
        "targets",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("customer_id", sa.String(64), nullable=False),
        sa.Column("person", sa.String(200), nullable=False),
        sa.Column("market_goal", sa.String(36), nullable=False),
        sa.Column("owner", sa.String(128), nullable=False),
        sa.Column("owner_job_grade", sa.Integer(), nullable=False),
        sa.Column("owner_kpi", sa.String(200), nullable=False),
        sa.Column("backup", sa.String(128), nullable=False),
        sa.Column("target_level", sa.Integer(), nullable=False),
        sa.Column("important", sa.Boolean(), nullable=False),
        sa.Column("information_channels", sa.JSON(), nullable=False),
        sa.Column("pr_route", sa.JSON(), nullable=False),
        sa.Column("create_time", UtcDateTime(), nullable=False),
    )
    op.create_table(
        "teams",
        sa.Column("customer_id", sa.String(64), primary_key=True),
        sa.Column("region", sa.String(63), nullable=False),
        sa.Column("tier", sa.String(32), nullable=False),
        sa.Column("org_level", sa.String(16), nullable=False),
        sa.Column("general_level", sa.String(16), nullable=False),
        sa.Column("update_time", UtcDateTime(), nullable=False),
        sa.Column("etag", sa.String(32), nullable=False),
    )
    op.create_table(
        "tier_obligations",
        sa.Column("tier", sa.String(32), primary_key=True),
        sa.Column("codes", sa.JSON(), nullable=False),
        sa.Column("etag", sa.String(64), nullable=False),
    )

    op.create_table(
        "decision_chains",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("customer_id", sa.String(64), nullable=False),
        sa.Column("scenario", sa.String(200), nullable=False),
        sa.Column("nodes", sa.JSON(), nullable=False),
        sa.Column("create_time", UtcDateTime(), nullable=False),
    )
    op.create_table(
        "relationship_plans",
        sa.Column("customer_id", sa.String(64), primary_key=True),
        sa.Column("year", sa.Integer(), primary_key=True),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("update_time", UtcDateTime(), nullable=False),
        sa.Column("etag", sa.String(32), nullable=False),
    )
    op.create_index("ix_decision_chains_customer", "decision_chains", ["customer_id"])
    op.create_index("ix_teams_region", "teams", ["region", "customer_id"])
    op.create_index("ix_stakeholders_employee", "stakeholders", ["employee_id"])
    op.create_index("ix_items_parent", "items", ["parent", "state"])
    op.create_index("ix_items_due", "items", ["state", "due_time"])
    op.create_index("ix_market_goals_customer", "market_goals", ["customer_id"])
    op.create_index("ix_key_events_person", "key_events", ["person"])
    op.create_index("ix_assessments_person", "assessments", ["person", "seq"])
    op.create_index("ix_edges_customer", "edges", ["customer_id"])
    op.create_index("ix_targets_customer", "targets", ["customer_id"])
    op.create_index("ix_targets_owner", "targets", ["owner"])
    op.create_index("ix_sponsorships_sponsor", "sponsorships", ["sponsor"])
    op.create_index("ix_cards_customer", "cards", ["customer_id"])
    op.create_index("ix_brand_activities_region", "brand_activities", ["region", "activity_time"])
    op.create_index("ix_handovers_customer", "handovers", ["customer_id", "seq"])


def downgrade() -> None:
    for table in TABLES:
        op.drop_table(table)
