"""Issues with their parties and revisits, tiers and tier policies, surveys and answers,
voice of customer and improvement items.

Revision ID: satisfaction_0001
Revises:
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op
from mcr_core.storage import UtcDateTime

revision = "satisfaction_0001"
down_revision = None
branch_labels = ("satisfaction",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "issues",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("request_id", sa.String(64), nullable=True, unique=True),
        sa.Column("customer_id", sa.String(64), nullable=False),
        sa.Column("region", sa.String(63), nullable=False),
        sa.Column("person", sa.String(200), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("urgency", sa.String(16), nullable=False),
        sa.Column("valid", sa.Boolean(), nullable=False),
        sa.Column("team", sa.String(255), nullable=False),
        sa.Column("level", sa.String(16), nullable=False),
        sa.Column("distributions", sa.Integer(), nullable=False),
        sa.Column("revisit_count", sa.Integer(), nullable=False),
        sa.Column("create_time", UtcDateTime(), nullable=False),
        sa.Column("sla_due_time", UtcDateTime(), nullable=True),
        sa.Column("resolve_time", UtcDateTime(), nullable=True),
        sa.Column("close_time", UtcDateTime(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
    )
    op.create_table(
        "issue_parties",
        sa.Column("issue_id", sa.String(36), primary_key=True),
        sa.Column("employee_id", sa.String(128), primary_key=True),
        sa.Column("org_unit", sa.String(255), nullable=False),
    )
    op.create_table(
        "revisits",
        sa.Column("issue_id", sa.String(36), primary_key=True),
        sa.Column("revisit_time", UtcDateTime(), primary_key=True),
        sa.Column("contact", sa.String(200), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
    )
    op.create_table(
        "customer_tiers",
        sa.Column("customer_id", sa.String(64), primary_key=True),
        sa.Column("region", sa.String(63), nullable=False),
        sa.Column("tier", sa.String(32), nullable=False),
        sa.Column("change_time", UtcDateTime(), nullable=False),
        sa.Column("survey_scheduled", sa.Boolean(), nullable=False),
    )
    op.create_table(
        "tier_policies",
        sa.Column("tier", sa.String(32), primary_key=True),
        sa.Column("etag", sa.String(32), nullable=False),
        sa.Column("slas", sa.JSON(), nullable=False),
        sa.Column("survey_interval_seconds", sa.BigInteger(), nullable=False),
    )
    op.create_table(
        "surveys",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("customer_id", sa.String(64), nullable=False),
        sa.Column("region", sa.String(63), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("dimensions", sa.JSON(), nullable=False),
        sa.Column("due_time", UtcDateTime(), nullable=True),
        sa.Column("sample_per_level", sa.JSON(), nullable=False),
        sa.Column("sample_size", sa.Integer(), nullable=False),
        sa.Column("answer_count", sa.Integer(), nullable=False),
        sa.Column("satisfaction_sum", sa.Double(), nullable=False),
        sa.Column("person", sa.String(200), nullable=False),
        sa.Column("created_by", sa.String(128), nullable=False),
        sa.Column("create_time", UtcDateTime(), nullable=False),
    )
    op.create_table(
        "survey_answers",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("survey_id", sa.String(36), nullable=False),
        sa.Column("person", sa.String(200), nullable=False),
        sa.Column("key_person", sa.Boolean(), nullable=False),
        sa.Column("level", sa.String(16), nullable=False),
        sa.Column("mode", sa.String(16), nullable=False),
        sa.Column("ratings", sa.JSON(), nullable=False),
        sa.Column("satisfaction", sa.Double(), nullable=False),
        sa.Column("detractor", sa.Boolean(), nullable=False),
        sa.Column("issue_id", sa.String(36), nullable=False),
        sa.Column("create_time", UtcDateTime(), nullable=False),
    )
    op.create_table(
        "voc_items",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("customer_id", sa.String(64), nullable=False),
        sa.Column("region", sa.String(63), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("source", sa.String(32), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("stage", sa.String(16), nullable=False),
        sa.Column("issue_id", sa.String(36), nullable=False),
        sa.Column("reported_by", sa.String(128), nullable=False),
        sa.Column("reporter_org_unit", sa.String(255), nullable=False),
        sa.Column("create_time", UtcDateTime(), nullable=False),
        sa.Column("update_time", UtcDateTime(), nullable=True),
    )
    op.create_table(
        "improvement_items",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("region", sa.String(63), nullable=False),
        sa.Column("tier", sa.String(32), nullable=False),
        sa.Column("shortfall", sa.String(32), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("created_by", sa.String(128), nullable=False),
        sa.Column("create_time", UtcDateTime(), nullable=False),
        sa.Column("update_time", UtcDateTime(), nullable=True),
    )
    op.create_index("ix_issues_region_time", "issues", ["region", "create_time", "id"])
    op.create_index("ix_issues_customer", "issues", ["customer_id", "create_time"])
    op.create_index("ix_issues_team", "issues", ["region", "team"])
    op.create_index("ix_survey_answers_survey", "survey_answers", ["survey_id"])
    op.create_index("ix_voc_items_customer", "voc_items", ["customer_id", "create_time"])
    op.create_index("ix_improvement_items_region", "improvement_items", ["region"])
    op.create_index("ix_revisits_contact", "revisits", ["contact", "revisit_time"])


def downgrade() -> None:
    for table in (
        "improvement_items",
        "voc_items",
        "survey_answers",
        "surveys",
        "tier_policies",
        "customer_tiers",
        "revisits",
        "issue_parties",
        "issues",
    ):
        op.drop_table(table)
