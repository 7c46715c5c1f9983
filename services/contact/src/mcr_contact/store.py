"""Contact's tables and queries. Functions take the caller's conn (one transaction)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from mcr_core.auth import Scope, stakeholder_clause
from mcr_core.listing import Comparison
from mcr_core.plugins import CustomerContext
from mcr_core.storage import UtcDateTime
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_contact.domain import (
    Activity,
    ActivityState,
    KeyEvent,
    KeyPerson,
    Money,
    OutstandingIssue,
    RelationshipType,
)

metadata = sa.MetaData()
NEVER = datetime(1970, 1, 1, tzinfo=UTC)

activities = sa.Table(
    "activities",
    metadata,
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
    # Lists and money that are read with the activity only.
    sa.Column("details", sa.JSON(), nullable=False),
    sa.Column("request_id", sa.String(64), nullable=True, unique=True),
    sa.Column("create_time", UtcDateTime(), nullable=False),
    sa.Column("update_time", UtcDateTime(), nullable=False),
    sa.Column("close_time", UtcDateTime(), nullable=True),
)

# The employees an activity is relevant to (owner and participants), for visibility.
activity_stakeholders = sa.Table(
    "activity_stakeholders",
    metadata,
    sa.Column("activity_id", sa.String(36), primary_key=True),
    sa.Column("employee_id", sa.String(128), primary_key=True),
    sa.Column("org_unit", sa.String(255), nullable=False),
)

key_events = sa.Table(
    "key_events",
    metadata,
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

person_cadences = sa.Table(
    "person_cadences",
    metadata,
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
    sa.Column("followed", sa.Boolean(), nullable=False, server_default=sa.false()),
)

key_dates = sa.Table(
    "key_dates",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("person", sa.String(200), nullable=False),
    sa.Column("kind", sa.String(64), nullable=False),
    sa.Column("month", sa.Integer(), nullable=False),
    sa.Column("day", sa.Integer(), nullable=False),
)

reminders = sa.Table(
    "reminders",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("employee_id", sa.String(128), nullable=False),
    sa.Column("region", sa.String(63), nullable=False),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("subject", sa.String(255), nullable=False),
    sa.Column("detail", sa.Text(), nullable=False),
    sa.Column("due_time", UtcDateTime(), nullable=False),
    sa.Column("create_time", UtcDateTime(), nullable=False),
)

# Insight's tiers and tier policies, kept from its events; with each customer's industry and
# ownership type from the archive's, which select the packs that answer for the customer.
customer_tiers = sa.Table(
    "customer_tiers",
    metadata,
    sa.Column("customer_id", sa.String(64), primary_key=True),
    sa.Column("region", sa.String(63), nullable=False),
    sa.Column("tier", sa.String(32), nullable=False),
    sa.Column("change_time", UtcDateTime(), nullable=False),
    sa.Column("industry", sa.String(64), nullable=False, server_default=""),
    sa.Column("ownership_type", sa.String(16), nullable=False, server_default=""),
    sa.Column("facts_time", UtcDateTime(), nullable=True),
)

tier_cadences = sa.Table(
    "tier_cadences",
    metadata,
    sa.Column("tier", sa.String(32), primary_key=True),
    sa.Column("cadences", sa.JSON(), nullable=False),
    sa.Column("etag", sa.String(64), nullable=False),
    sa.Column("follows_key_persons", sa.Boolean(), nullable=False, server_default=sa.false()),
)

# What the archive and planning say of a customer person: the facts that make them a key person.
key_persons = sa.Table(
    "key_persons",
    metadata,
    sa.Column("person", sa.String(200), primary_key=True),
    sa.Column("customer_id", sa.String(64), nullable=False, index=True),
    sa.Column("region", sa.String(63), nullable=False),
    sa.Column("archive_roles", sa.JSON(), nullable=False),
    sa.Column("archive_owner_id", sa.String(128), nullable=False),
    sa.Column("retired", sa.Boolean(), nullable=False),
    sa.Column("departed", sa.Boolean(), nullable=False),
    sa.Column("archive_time", UtcDateTime(), nullable=True),
    sa.Column("target", sa.Boolean(), nullable=False),
    sa.Column("plan_owner_id", sa.String(128), nullable=False),
    sa.Column("sponsor_ids", sa.JSON(), nullable=False),
    sa.Column("plan_time", UtcDateTime(), nullable=True),
)

FILTER_COLUMNS = {
    "type": activities.c.type,
    "state": activities.c.state,
    "relationship_type": activities.c.relationship_type,
    "owner": activities.c.owner_id,
    "opportunity": activities.c.opportunity,
    "lifecycle_stage": activities.c.lifecycle_stage,
}


# ---------------------------------------------------------------------------------------------
# Activities
# ---------------------------------------------------------------------------------------------


def _money(value: Money | None) -> dict | None:
    return None if value is None else {"c": value.currency_code, "u": value.units}


def _unmoney(value: dict | None) -> Money | None:
    return None if value is None else Money(value["c"], value["u"])


def _row(activity: Activity) -> dict:
    return {
        "id": activity.id,
        "customer_id": activity.customer_id,
        "region": activity.region,
        "type": activity.type,
        "relationship_type": activity.relationship_type.value,
        "state": activity.state.value,
        "title": activity.title,
        "start_time": activity.start_time,
        "duration_seconds": activity.duration.total_seconds(),
        "owner_id": activity.owner_id,
        "owner_unit": activity.owner_unit,
        "opportunity": activity.opportunity,
        "lifecycle_stage": activity.lifecycle_stage,
        "plan_item": activity.plan_item,
        "private": activity.private,
        "summary": activity.summary,
        "compliance_flag": activity.compliance_flag,
        "details": {
            "target_persons": activity.target_persons,
            "target_departments": activity.target_departments,
            "participants": activity.participants,
            "topics": activity.topics,
            "cost": _money(activity.cost),
            "customer_share": _money(activity.customer_share),
            "gift_value": _money(activity.gift_value),
            "evaluation": [activity.evaluation_score, activity.evaluation_note],
            "outstanding_issues": [
                [i.title, i.issue, i.closed] for i in activity.outstanding_issues
            ],
        },
        "create_time": activity.create_time,
        "update_time": activity.update_time,
        "close_time": activity.close_time,
    }


def _activity(row: sa.Row) -> Activity:
    details = row.details
    return Activity(
        id=row.id,
        customer_id=row.customer_id,
        region=row.region,
        type=row.type,
        relationship_type=RelationshipType(row.relationship_type),
        state=ActivityState(row.state),
        title=row.title,
        start_time=row.start_time,
        duration=timedelta(seconds=row.duration_seconds),
        owner_id=row.owner_id,
        owner_unit=row.owner_unit,
        target_persons=list(details["target_persons"]),
        target_departments=list(details["target_departments"]),
        participants=list(details["participants"]),
        topics=list(details["topics"]),
        opportunity=row.opportunity,
        lifecycle_stage=row.lifecycle_stage,
        plan_item=row.plan_item,
        cost=_unmoney(details["cost"]),
        customer_share=_unmoney(details["customer_share"]),
        gift_value=_unmoney(details["gift_value"]),
        private=row.private,
        evaluation_score=details["evaluation"][0],
        evaluation_note=details["evaluation"][1],
        summary=row.summary,
        outstanding_issues=[OutstandingIssue(*i) for i in details["outstanding_issues"]],
        compliance_flag=row.compliance_flag,
        create_time=row.create_time,
        update_time=row.update_time,
        close_time=row.close_time,
    )


async def insert_activity(
    conn: AsyncConnection, activity: Activity, request_id: str, stakeholders: dict[str, str]
) -> None:
    await conn.execute(
        activities.insert().values({**_row(activity), "request_id": request_id or None})
    )
    await conn.execute(
        activity_stakeholders.insert(),
        [
            {"activity_id": activity.id, "employee_id": e, "org_unit": u}
            for e, u in stakeholders.items()
        ],
    )


async def update_activity(conn: AsyncConnection, activity: Activity) -> None:
    values = _row(activity)
    del values["id"]
    await conn.execute(activities.update().where(activities.c.id == activity.id).values(values))


async def activity_by_request(conn: AsyncConnection, request_id: str) -> Activity | None:
    row = (
        await conn.execute(sa.select(activities).where(activities.c.request_id == request_id))
    ).first()
    return _activity(row) if row else None


async def get_activity(conn: AsyncConnection, activity_id: str) -> Activity | None:
    row = (await conn.execute(sa.select(activities).where(activities.c.id == activity_id))).first()
    return _activity(row) if row else None


async def stakeholders_of(conn: AsyncConnection, activity_id: str) -> list[tuple[str, str]]:
    rows = await conn.execute(
        sa.select(activity_stakeholders.c.employee_id, activity_stakeholders.c.org_unit).where(
            activity_stakeholders.c.activity_id == activity_id
        )
    )
    return [(r.employee_id, r.org_unit) for r in rows]


def _visible(scope: Scope) -> sa.ColumnElement[bool]:
    s = activity_stakeholders
    return sa.and_(
        activities.c.region == scope.region,
        sa.exists().where(
            s.c.activity_id == activities.c.id,
            stakeholder_clause(scope, s.c.employee_id, s.c.org_unit),
        ),
    )


async def list_activities(
    conn: AsyncConnection,
    scope: Scope,
    customer_id: str | None,
    comparisons: Sequence[Comparison],
    after: tuple[datetime, str] | None,
    limit: int,
) -> list[Activity]:
    query = sa.select(activities).where(_visible(scope))
    if customer_id is not None:
        query = query.where(activities.c.customer_id == customer_id)
    for comparison in comparisons:
        column = FILTER_COLUMNS[comparison.field]
        value = comparison.value
        if comparison.field == "owner" and isinstance(value, str):
            value = value.removeprefix("employees/")
        query = query.where(column != value if comparison.op == "!=" else column == value)
    if after is not None:
        time, last_id = after
        query = query.where(
            sa.or_(
                activities.c.start_time < time,
                sa.and_(activities.c.start_time == time, activities.c.id < last_id),
            )
        )
    query = query.order_by(activities.c.start_time.desc(), activities.c.id.desc()).limit(limit)
    return [_activity(r) for r in await conn.execute(query)]


async def done_activities_of_opportunity(
    conn: AsyncConnection, scope: Scope, opportunity: str
) -> list[Activity]:
    query = sa.select(activities).where(
        _visible(scope),
        activities.c.opportunity == opportunity,
        activities.c.state != ActivityState.PLANNED.value,
    )
    return [_activity(r) for r in await conn.execute(query)]


async def count_visits(
    conn: AsyncConnection, owner_id: str, customer_ids: Sequence[str], since: datetime
) -> int:
    """Done activities of the owner at these customers since `since` (coverage)."""
    if not customer_ids:
        return 0
    query = sa.select(sa.func.count()).where(
        activities.c.owner_id == owner_id,
        activities.c.customer_id.in_(customer_ids),
        activities.c.state != ActivityState.PLANNED.value,
        activities.c.start_time >= since,
    )
    return int((await conn.execute(query)).scalar_one())


async def visit_share(conn: AsyncConnection, owner_id: str, since: datetime) -> tuple[int, int]:
    """(office, private) done activities of the owner since `since`."""
    query = (
        sa.select(activities.c.private, sa.func.count())
        .where(
            activities.c.owner_id == owner_id,
            activities.c.state != ActivityState.PLANNED.value,
            activities.c.start_time >= since,
        )
        .group_by(activities.c.private)
    )
    counts = {bool(row[0]): int(row[1]) for row in await conn.execute(query)}
    return counts.get(False, 0), counts.get(True, 0)


async def contacted_since(
    conn: AsyncConnection, customer_id: str, owner_id: str, since: datetime, exclude: str
) -> bool:
    query = sa.select(activities.c.id).where(
        activities.c.customer_id == customer_id,
        activities.c.owner_id == owner_id,
        activities.c.state != ActivityState.PLANNED.value,
        activities.c.start_time >= since,
        activities.c.id != exclude,
    )
    return (await conn.execute(query.limit(1))).first() is not None


# ---------------------------------------------------------------------------------------------
# Key events
# ---------------------------------------------------------------------------------------------


async def insert_key_event(conn: AsyncConnection, event: KeyEvent, request_id: str) -> None:
    await conn.execute(
        key_events.insert().values(
            id=event.id,
            customer_id=event.customer_id,
            region=event.region,
            person=event.person,
            dimension=event.dimension,
            impact=event.impact,
            summary=event.summary,
            activity=event.activity,
            recorded_by=event.recorded_by,
            occur_time=event.occur_time,
            create_time=event.create_time,
            request_id=request_id or None,
        )
    )


async def key_event_by_request(conn: AsyncConnection, request_id: str) -> KeyEvent | None:
    row = (
        await conn.execute(sa.select(key_events).where(key_events.c.request_id == request_id))
    ).first()
    if row is None:
        return None
    return KeyEvent(
        row.id,
        row.customer_id,
        row.region,
        row.person,
        row.dimension,
        row.impact,
        row.summary,
        row.activity,
        row.recorded_by,
        row.occur_time,
        row.create_time,
    )


# ---------------------------------------------------------------------------------------------
# Person cadences
# ---------------------------------------------------------------------------------------------


@dataclass
class Tracked:
    person: str
    customer_id: str
    region: str
    role: str
    owner_id: str
    owner_unit: str
    supervisor_id: str
    sponsor_id: str
    tier: str
    ideal: timedelta | None
    maximum: timedelta | None
    source: str
    since_time: datetime
    first_contact_time: datetime | None
    last_contact_time: datetime | None
    due_time: datetime | None
    breach_time: datetime | None
    followed: bool = False  # followed by events (a key person), not tracked by hand

    @property
    def etag(self) -> str:
        """A fingerprint of the whole cadence: it changes whenever anything in it does."""
        content = json.dumps(asdict(self), sort_keys=True, default=str)
        return hashlib.sha256(content.encode()).hexdigest()[:16]


def _tracked(row: sa.Row) -> Tracked:
    return Tracked(
        person=row.person,
        customer_id=row.customer_id,
        region=row.region,
        role=row.role,
        owner_id=row.owner_id,
        owner_unit=row.owner_unit,
        supervisor_id=row.supervisor_id,
        sponsor_id=row.sponsor_id,
        tier=row.tier,
        ideal=None if row.ideal_seconds is None else timedelta(seconds=row.ideal_seconds),
        maximum=None if row.max_seconds is None else timedelta(seconds=row.max_seconds),
        source=row.source,
        since_time=row.since_time,
        first_contact_time=row.first_contact_time,
        last_contact_time=row.last_contact_time,
        due_time=row.due_time,
        breach_time=row.breach_time,
        followed=row.followed,
    )


def _tracked_row(t: Tracked) -> dict:
    return {
        "person": t.person,
        "customer_id": t.customer_id,
        "region": t.region,
        "role": t.role,
        "owner_id": t.owner_id,
        "owner_unit": t.owner_unit,
        "supervisor_id": t.supervisor_id,
        "sponsor_id": t.sponsor_id,
        "tier": t.tier,
        "ideal_seconds": None if t.ideal is None else t.ideal.total_seconds(),
        "max_seconds": None if t.maximum is None else t.maximum.total_seconds(),
        "source": t.source,
        "since_time": t.since_time,
        "first_contact_time": t.first_contact_time,
        "last_contact_time": t.last_contact_time,
        "due_time": t.due_time,
        "breach_time": t.breach_time,
        "followed": t.followed,
    }


async def get_tracked(conn: AsyncConnection, person: str) -> Tracked | None:
    row = (
        await conn.execute(sa.select(person_cadences).where(person_cadences.c.person == person))
    ).first()
    return _tracked(row) if row else None


async def save_tracked(conn: AsyncConnection, tracked: Tracked) -> None:
    values = _tracked_row(tracked)
    updated = await conn.execute(
        person_cadences.update().where(person_cadences.c.person == tracked.person).values(values)
    )
    if updated.rowcount == 0:
        await conn.execute(person_cadences.insert().values(values))


async def end_tracked(conn: AsyncConnection, person: str) -> None:
    await conn.execute(person_cadences.delete().where(person_cadences.c.person == person))


async def tracked_where(conn: AsyncConnection, *conditions) -> list[Tracked]:
    query = sa.select(person_cadences).where(*conditions).order_by(person_cadences.c.person)
    return [_tracked(r) for r in await conn.execute(query)]


async def tracked_of_customer(conn: AsyncConnection, customer_id: str) -> list[Tracked]:
    return await tracked_where(conn, person_cadences.c.customer_id == customer_id)


async def tracked_of_tier(conn: AsyncConnection, tier: str) -> list[Tracked]:
    return await tracked_where(conn, person_cadences.c.tier == tier)


async def due_rows(conn: AsyncConnection, owner_id: str, day_end: datetime) -> list[sa.Row]:
    """The owner's cadences due by `day_end`: only what the due list and visibility read."""
    c = person_cadences.c
    query = sa.select(
        c.person, c.customer_id, c.role, c.due_time, c.breach_time, c.last_contact_time,
        c.since_time, c.region, c.owner_id, c.owner_unit, c.tier,
    ).where(c.owner_id == owner_id, c.due_time <= day_end)  # fmt: skip
    return list((await conn.execute(query)).all())


async def customers_of_owner_with_tier(
    conn: AsyncConnection, owner_id: str
) -> dict[str, list[str]]:
    rows = await conn.execute(
        sa.select(person_cadences.c.tier, person_cadences.c.customer_id)
        .where(person_cadences.c.owner_id == owner_id)
        .distinct()
    )
    out: dict[str, list[str]] = {}
    for row in rows:
        out.setdefault(row.tier, []).append(row.customer_id)
    return out


# ---------------------------------------------------------------------------------------------
# Key dates, reminders, tiers
# ---------------------------------------------------------------------------------------------


async def insert_key_date(
    conn: AsyncConnection, key_date_id: str, person: str, kind: str, month: int, day: int
) -> None:
    await conn.execute(
        key_dates.insert().values(id=key_date_id, person=person, kind=kind, month=month, day=day)
    )


async def get_key_date(conn: AsyncConnection, key_date_id: str) -> sa.Row | None:
    return (await conn.execute(sa.select(key_dates).where(key_dates.c.id == key_date_id))).first()


def key_date_etag(row: sa.Row) -> str:
    """A fingerprint of the key date: it changes whenever its kind, month or day does."""
    content = json.dumps([row.id, row.kind, row.month, row.day])
    return hashlib.sha256(content.encode()).hexdigest()[:16]


async def list_key_dates(
    conn: AsyncConnection, person: str, after: list | None, limit: int
) -> list[sa.Row]:
    """The person's key dates in calendar order (month, day, then id), after a page's last."""
    query = sa.select(key_dates).where(key_dates.c.person == person)
    if after is not None:
        key = sa.tuple_(key_dates.c.month, key_dates.c.day, key_dates.c.id)
        query = query.where(key > sa.tuple_(*(sa.literal(v) for v in after)))
    order = (key_dates.c.month, key_dates.c.day, key_dates.c.id)
    return list((await conn.execute(query.order_by(*order).limit(limit))).all())


async def update_key_date(
    conn: AsyncConnection, key_date_id: str, kind: str, month: int, day: int
) -> None:
    await conn.execute(
        key_dates.update()
        .where(key_dates.c.id == key_date_id)
        .values(kind=kind, month=month, day=day)
    )


async def delete_key_date(conn: AsyncConnection, key_date_id: str) -> None:
    await conn.execute(key_dates.delete().where(key_dates.c.id == key_date_id))


async def add_reminder(conn: AsyncConnection, **values) -> None:
    await conn.execute(reminders.insert().values(**values))


async def list_reminders(
    conn: AsyncConnection, employee_id: str, region: str, after: tuple | None, limit: int
) -> list[sa.Row]:
    query = sa.select(reminders).where(
        reminders.c.employee_id == employee_id, reminders.c.region == region
    )
    if after is not None:
        time, last_id = datetime.fromisoformat(after[0]), after[1]
        query = query.where(
            sa.or_(
                reminders.c.create_time < time,
                sa.and_(reminders.c.create_time == time, reminders.c.id < last_id),
            )
        )
    query = query.order_by(reminders.c.create_time.desc(), reminders.c.id.desc()).limit(limit)
    return list((await conn.execute(query)).all())


async def lock_customer(conn: AsyncConnection, customer_id: str, region: str) -> sa.Row:
    """The customer's tier row, locked for this transaction (created empty when unknown).

    Tracking a person and a tier change of its customer both take this lock first, so on
    PostgreSQL neither can miss the other's uncommitted write (SQLite writes serialize)."""
    dialect = sqlite if conn.dialect.name == "sqlite" else postgresql
    await conn.execute(
        dialect.insert(customer_tiers)
        .values(customer_id=customer_id, region=region, tier="", change_time=NEVER)
        .on_conflict_do_nothing(index_elements=["customer_id"])
    )
    query = sa.select(customer_tiers).where(customer_tiers.c.customer_id == customer_id)
    return (await conn.execute(query.with_for_update())).one()


async def save_tier(
    conn: AsyncConnection, customer_id: str, region: str, tier: str, when: datetime
) -> bool:
    """Keep the customer's tier; False when a newer change is known already."""
    row = await lock_customer(conn, customer_id, region)
    if row.change_time > when:
        return False
    await conn.execute(
        customer_tiers.update()
        .where(customer_tiers.c.customer_id == customer_id)
        .values(region=region, tier=tier, change_time=when)
    )
    return True


async def save_customer_facts(
    conn: AsyncConnection,
    customer_id: str,
    region: str,
    industry: str,
    ownership_type: str,
    when: datetime,
) -> bool:
    """Keep the customer's industry and ownership type; False when newer facts are known."""
    row = await lock_customer(conn, customer_id, region)
    if row.facts_time is not None and row.facts_time > when:
        return False
    await conn.execute(
        customer_tiers.update()
        .where(customer_tiers.c.customer_id == customer_id)
        .values(industry=industry, ownership_type=ownership_type, facts_time=when)
    )
    return True


async def customer_context(conn: AsyncConnection, customer_id: str, region: str) -> CustomerContext:
    """What the per-customer hooks are told of a customer (empty facts when none are known)."""
    query = sa.select(customer_tiers).where(customer_tiers.c.customer_id == customer_id)
    row = (await conn.execute(query)).first()
    if row is None:
        return CustomerContext(customer_id, region)
    return CustomerContext(customer_id, row.region, row.industry, row.ownership_type, row.tier)


async def save_tier_cadences(
    conn: AsyncConnection, tier: str, cadences: list[list], etag: str, follows: bool = False
) -> None:
    values = {"cadences": cadences, "etag": etag, "follows_key_persons": follows}
    updated = await conn.execute(
        tier_cadences.update().where(tier_cadences.c.tier == tier).values(values)
    )
    if updated.rowcount == 0:
        await conn.execute(tier_cadences.insert().values(tier=tier, **values))


async def tier_follows_key_persons(conn: AsyncConnection, tier: str) -> bool:
    query = sa.select(tier_cadences.c.follows_key_persons).where(tier_cadences.c.tier == tier)
    return bool((await conn.execute(query)).scalar())


async def cadences_of_tier(conn: AsyncConnection, tier: str) -> list[list] | None:
    """The tier's cadences, share-locked: a policy change (an UPDATE of the row) and the
    planning of a person of the tier wait for each other, so neither misses the other."""
    query = sa.select(tier_cadences.c.cadences).where(tier_cadences.c.tier == tier)
    row = (await conn.execute(query.with_for_update(read=True))).first()
    return row.cadences if row else None


async def customer_regions(conn: AsyncConnection, customer_id: str) -> set[str]:
    """The regions this service has seen the customer in (its tier, activities, tracked
    persons, key events): a customer known only elsewhere is another region's."""
    query = sa.union(
        *(
            sa.select(table.c.region).where(table.c.customer_id == customer_id)
            for table in (customer_tiers, activities, person_cadences, key_events)
        )
    )
    return set((await conn.execute(query)).scalars())


# ---------------------------------------------------------------------------------------------
# Key persons (what the archive and planning say of them)
# ---------------------------------------------------------------------------------------------


async def get_key_person(conn: AsyncConnection, person: str) -> KeyPerson | None:
    query = sa.select(key_persons).where(key_persons.c.person == person)
    row = (await conn.execute(query)).first()
    if row is None:
        return None
    return KeyPerson(
        person=row.person,
        customer_id=row.customer_id,
        region=row.region,
        archive_roles=tuple(row.archive_roles),
        archive_owner_id=row.archive_owner_id,
        retired=row.retired,
        departed=row.departed,
        archive_time=row.archive_time,
        target=row.target,
        plan_owner_id=row.plan_owner_id,
        sponsor_ids=tuple(row.sponsor_ids),
        plan_time=row.plan_time,
    )


async def save_key_person(conn: AsyncConnection, key_person: KeyPerson) -> None:
    values = asdict(key_person)
    values["archive_roles"] = list(key_person.archive_roles)
    values["sponsor_ids"] = list(key_person.sponsor_ids)
    updated = await conn.execute(
        key_persons.update().where(key_persons.c.person == key_person.person).values(values)
    )
    if updated.rowcount == 0:
        await conn.execute(key_persons.insert().values(values))


async def key_persons_of_customer(conn: AsyncConnection, customer_id: str) -> list[str]:
    query = sa.select(key_persons.c.person).where(key_persons.c.customer_id == customer_id)
    return list((await conn.execute(query)).scalars())


async def key_persons_of_tier(conn: AsyncConnection, tier: str) -> list[str]:
    query = (
        sa.select(key_persons.c.person)
        .join(customer_tiers, customer_tiers.c.customer_id == key_persons.c.customer_id)
        .where(customer_tiers.c.tier == tier)
    )
    return list((await conn.execute(query)).scalars())
