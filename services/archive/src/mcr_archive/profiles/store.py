"""The profile tables and queries. Documents are stored as JSON: the section catalog and its
rules live in `domain`, the database keeps what was validated."""

from __future__ import annotations

import json
from dataclasses import asdict

import sqlalchemy as sa
from mcr_core.storage import UtcDateTime
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_archive import store as archive_store
from mcr_archive.domain import Customer
from mcr_archive.profiles.domain import (
    DRAFT,
    KeyCalendarEvent,
    KeySubNetwork,
    Profile,
    Review,
    SupplierWeight,
    Version,
)

metadata = sa.MetaData()

profiles = sa.Table(
    "profiles",
    metadata,
    sa.Column("customer_id", sa.String(64), primary_key=True),
    sa.Column("kind", sa.String(16), primary_key=True),
    sa.Column("state", sa.String(16), nullable=False),
    sa.Column("document", sa.Text(), nullable=False),
    sa.Column("published_version", sa.Integer(), nullable=False),
    sa.Column("review_round", sa.Integer(), nullable=False),
    sa.Column("revision", sa.Integer(), nullable=False),
    sa.Column("update_time", UtcDateTime(), nullable=False),
)

profile_versions = sa.Table(
    "profile_versions",
    metadata,
    sa.Column("customer_id", sa.String(64), primary_key=True),
    sa.Column("kind", sa.String(16), primary_key=True),
    sa.Column("version", sa.Integer(), primary_key=True),
    sa.Column("document", sa.Text(), nullable=False),
    sa.Column("review_round", sa.Integer(), nullable=False),
    sa.Column("submitted_by", sa.String(64), nullable=False),
    sa.Column("approved_by", sa.String(64), nullable=False),
    sa.Column("publish_time", UtcDateTime(), nullable=False),
)

profile_reviews = sa.Table(
    "profile_reviews",
    metadata,
    sa.Column("customer_id", sa.String(64), primary_key=True),
    sa.Column("kind", sa.String(16), primary_key=True),
    sa.Column("round", sa.Integer(), primary_key=True),
    sa.Column("submitted_by", sa.String(64), nullable=False),
    sa.Column("submit_time", UtcDateTime(), nullable=False),
    sa.Column("verdict", sa.String(24), nullable=False),
    sa.Column("reviewer_id", sa.String(64), nullable=False),
    sa.Column("comments", sa.Text(), nullable=False),
    sa.Column("review_time", UtcDateTime(), nullable=True),
    sa.Column("published_version", sa.Integer(), nullable=False),
)

tier_obligations = sa.Table(
    "tier_obligations",
    metadata,
    sa.Column("tier", sa.String(32), primary_key=True),
    sa.Column("requires_profile", sa.Boolean(), nullable=False),
)


# --- documents ----------------------------------------------------------------------------------


def dump(profile: Profile) -> str:
    document = {
        "sections": profile.sections,
        "key_events": [asdict(e) for e in profile.key_events],
        "network_metrics": profile.network_metrics,
        "product_experience": profile.product_experience,
        "key_sub_networks": [asdict(n) for n in profile.key_sub_networks],
        "locked_competitors": list(profile.locked_competitors),
        "supplier_weights": [asdict(w) for w in profile.supplier_weights],
    }
    return json.dumps(document, ensure_ascii=False, sort_keys=True)


def load(customer_id: str, kind: str, text: str, **facts) -> Profile:
    document = json.loads(text)
    return Profile(
        customer_id,
        kind,
        sections=document["sections"],
        key_events=tuple(KeyCalendarEvent(**e) for e in document["key_events"]),
        network_metrics=document["network_metrics"],
        product_experience=document["product_experience"],
        key_sub_networks=tuple(KeySubNetwork(**n) for n in document["key_sub_networks"]),
        locked_competitors=tuple(document["locked_competitors"]),
        supplier_weights=tuple(SupplierWeight(**w) for w in document["supplier_weights"]),
        **facts,
    )


# --- working copies -----------------------------------------------------------------------------


async def get_profile(conn: AsyncConnection, customer_id: str, kind: str, region: str) -> Profile:
    """The working copy; an empty draft at revision 0 before the first change."""
    row = (
        await conn.execute(
            sa.select(profiles).where(
                profiles.c.customer_id == customer_id, profiles.c.kind == kind
            )
        )
    ).first()
    if row is None:
        return Profile(customer_id, kind, region=region, state=DRAFT)
    return load(
        customer_id,
        kind,
        row.document,
        region=region,
        state=row.state,
        published_version=row.published_version,
        review_round=row.review_round,
        revision=row.revision,
        update_time=row.update_time,
    )


async def save_profile(conn: AsyncConnection, profile: Profile, expected_revision: int) -> bool:
    """Write the next revision over `expected_revision` (0: the first write); False if someone
    else wrote one in between."""
    values = {
        "state": profile.state,
        "document": dump(profile),
        "published_version": profile.published_version,
        "review_round": profile.review_round,
        "revision": expected_revision + 1,
        "update_time": profile.update_time,
    }
    key = {"customer_id": profile.customer_id, "kind": profile.kind}
    if expected_revision == 0:
        try:
            async with conn.begin_nested():  # a concurrent first write wins, this one is told
                await conn.execute(profiles.insert().values(**key, **values))
        except IntegrityError:
            return False
        return True
    result = await conn.execute(
        profiles.update()
        .where(
            profiles.c.customer_id == profile.customer_id,
            profiles.c.kind == profile.kind,
            profiles.c.revision == expected_revision,
        )
        .values(values)
    )
    return result.rowcount == 1


# --- versions -----------------------------------------------------------------------------------


async def add_version(conn: AsyncConnection, version: Version) -> None:
    profile = version.profile
    await conn.execute(
        profile_versions.insert().values(
            customer_id=profile.customer_id,
            kind=profile.kind,
            version=version.version,
            document=dump(profile),
            review_round=version.review_round,
            submitted_by=version.submitted_by,
            approved_by=version.approved_by,
            publish_time=version.publish_time,
        )
    )


def _version(row: sa.Row, region: str) -> Version:
    profile = load(
        row.customer_id,
        row.kind,
        row.document,
        region=region,
        state="published",
        published_version=row.version,
        update_time=row.publish_time,
    )
    return Version(
        row.version, profile, row.review_round, row.submitted_by, row.approved_by, row.publish_time
    )


async def list_versions(
    conn: AsyncConnection, customer_id: str, kind: str, region: str, before: int | None, limit: int
) -> list[Version]:
    query = sa.select(profile_versions).where(
        profile_versions.c.customer_id == customer_id, profile_versions.c.kind == kind
    )
    if before is not None:
        query = query.where(profile_versions.c.version < before)
    query = query.order_by(profile_versions.c.version.desc()).limit(limit)
    return [_version(row, region) for row in (await conn.execute(query)).all()]


async def get_version(
    conn: AsyncConnection, customer_id: str, kind: str, number: int, region: str
) -> Version | None:
    row = (
        await conn.execute(
            sa.select(profile_versions).where(
                profile_versions.c.customer_id == customer_id,
                profile_versions.c.kind == kind,
                profile_versions.c.version == number,
            )
        )
    ).first()
    return _version(row, region) if row else None


async def latest_versions(conn: AsyncConnection, customer_id: str, region: str) -> dict:
    """The latest published Profile of each kind the customer has."""
    latest = {}
    for kind in ("customerProfile", "vendorProfile"):
        found = await list_versions(conn, customer_id, kind, region, None, 1)
        if found:
            latest[kind] = found[0].profile
    return latest


# --- reviews ------------------------------------------------------------------------------------


def _review(row: sa.Row) -> Review:
    return Review(
        round=row.round,
        submitted_by=row.submitted_by,
        submit_time=row.submit_time,
        verdict=row.verdict,
        reviewer_id=row.reviewer_id,
        comments=tuple(tuple(c) for c in json.loads(row.comments)),
        review_time=row.review_time,
        published_version=row.published_version,
    )


async def open_review(conn: AsyncConnection, profile: Profile, review: Review) -> None:
    await conn.execute(
        profile_reviews.insert().values(
            customer_id=profile.customer_id,
            kind=profile.kind,
            round=review.round,
            submitted_by=review.submitted_by,
            submit_time=review.submit_time,
            verdict="",
            reviewer_id="",
            comments="[]",
            review_time=None,
            published_version=0,
        )
    )


async def close_review(conn: AsyncConnection, profile: Profile, review: Review) -> None:
    await conn.execute(
        profile_reviews.update()
        .where(
            profile_reviews.c.customer_id == profile.customer_id,
            profile_reviews.c.kind == profile.kind,
            profile_reviews.c.round == review.round,
        )
        .values(
            verdict=review.verdict,
            reviewer_id=review.reviewer_id,
            comments=json.dumps([list(c) for c in review.comments], ensure_ascii=False),
            review_time=review.review_time,
            published_version=review.published_version,
        )
    )


async def list_reviews(conn: AsyncConnection, customer_id: str, kind: str) -> list[Review]:
    query = (
        sa.select(profile_reviews)
        .where(profile_reviews.c.customer_id == customer_id, profile_reviews.c.kind == kind)
        .order_by(profile_reviews.c.round.desc())
    )
    return [_review(row) for row in (await conn.execute(query)).all()]


async def get_review(
    conn: AsyncConnection, customer_id: str, kind: str, number: int
) -> Review | None:
    found = [r for r in await list_reviews(conn, customer_id, kind) if r.round == number]
    return found[0] if found else None


# --- tier obligations ---------------------------------------------------------------------------


async def set_obligation(conn: AsyncConnection, tier: str, requires_profile: bool) -> None:
    updated = await conn.execute(
        tier_obligations.update()
        .where(tier_obligations.c.tier == tier)
        .values(requires_profile=requires_profile)
    )
    if updated.rowcount == 0:
        await conn.execute(
            tier_obligations.insert().values(tier=tier, requires_profile=requires_profile)
        )


async def customers_in_tier(conn: AsyncConnection, tier: str) -> list[Customer]:
    """The customers insight last placed in the tier (as the archive keeps it)."""
    query = sa.select(archive_store.customers.c.id).where(
        archive_store.customers.c.tier == tier, archive_store.customers.c.delete_time.is_(None)
    )
    found = []
    for (customer_id,) in (await conn.execute(query)).all():
        if record := await archive_store.get_customer(conn, customer_id):
            found.append(record[0])
    return found


async def obligations(conn: AsyncConnection) -> dict[str, bool]:
    rows = (await conn.execute(sa.select(tier_obligations))).all()
    return {row.tier: row.requires_profile for row in rows}
