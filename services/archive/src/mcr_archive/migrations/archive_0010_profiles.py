"""Customer and vendor profiles: working copies, approved versions, review rounds, and the tier
obligations learnt from insight's tier policies.

Revision ID: archive_0010
Revises: archive_0009
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op
from mcr_core.storage import UtcDateTime

revision = "archive_0010"
down_revision = "archive_0009"
branch_labels = None
depends_on = None


def _key() -> list[sa.Column]:
    return [
        sa.Column("customer_id", sa.String(64), sa.ForeignKey("customers.id"), primary_key=True),
        sa.Column("kind", sa.String(16), primary_key=True),
    ]


def upgrade() -> None:
    op.create_table(
        "profiles",
        *_key(),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("published_version", sa.Integer(), nullable=False),
        sa.Column("review_round", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("update_time", UtcDateTime(), nullable=False),
    )
    op.create_table(
        "profile_versions",
        *_key(),
        sa.Column("version", sa.Integer(), primary_key=True),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("review_round", sa.Integer(), nullable=False),
        sa.Column("submitted_by", sa.String(64), nullable=False),
        sa.Column("approved_by", sa.String(64), nullable=False),
        sa.Column("publish_time", UtcDateTime(), nullable=False),
    )
    op.create_table(
        "profile_reviews",
        *_key(),
        sa.Column("round", sa.Integer(), primary_key=True),
        sa.Column("submitted_by", sa.String(64), nullable=False),
        sa.Column("submit_time", UtcDateTime(), nullable=False),
        sa.Column("verdict", sa.String(24), nullable=False),
        sa.Column("reviewer_id", sa.String(64), nullable=False),
        sa.Column("comments", sa.Text(), nullable=False),
        sa.Column("review_time", UtcDateTime(), nullable=True),
        sa.Column("published_version", sa.Integer(), nullable=False),
    )
    op.create_table(
        "tier_obligations",
        sa.Column("tier", sa.String(32), primary_key=True),
        sa.Column("requires_profile", sa.Boolean(), nullable=False),
    )


def downgrade() -> None:
    for table in ("tier_obligations", "profile_reviews", "profile_versions", "profiles"):
        op.drop_table(table)
