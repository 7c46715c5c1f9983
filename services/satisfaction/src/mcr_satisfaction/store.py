"""Satisfaction's tables and queries. Functions take the caller's conn (one transaction).

An issue is kept whole in a JSON body (its revisits and tracebacks travel with it), with the
columns lists, visibility and KPIs query on beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime, timedelta

import sqlalchemy as sa
from mcr_core.auth import Scope, Stakeholder, stakeholder_clause
from mcr_core.listing import Comparison
from mcr_core.storage import UtcDateTime, upsert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_satisfaction.domain import (
    ImprovementItem,
    Issue,
    IssueSla,
    KpiCounts,
    Party,
    Revisit,
    State,
    Traceback,
    VocItem,
)

metadata = sa.MetaData()

issues = sa.Table(
    "issues",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("request_id", sa.String(64), nullable=True, unique=True),
    sa.Column("customer_id", sa.String(64), nullable=False),
    sa.Column("region", sa.String(63), nullable=False),
    sa.Column("person", sa.String(200), nullable=False),
    sa.Column("state", sa.String(16), nullable=False),
    sa.Column("type", sa.String(32), nullable=False),
    sa.Column("urgency", sa.String(16), nullable=False),
    sa.Column("valid", sa.Boolean(), nullable=False),
    sa.Column("team", sa.String(255), nullable=False),  # org unit answerable for it
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

issue_parties = sa.Table(
    "issue_parties",
    metadata,
    sa.Column("issue_id", sa.String(36), primary_key=True),
    sa.Column("employee_id", sa.String(128), primary_key=True),
    sa.Column("org_unit", sa.String(255), nullable=False),
)

# Every revisit of a contact, across issues: the 10-day rule is per person of a customer, in
# its region (`contact` is `domain.revisited_contact`).
revisits = sa.Table(
    "revisits",
    metadata,
    sa.Column("issue_id", sa.String(36), primary_key=True),
    sa.Column("revisit_time", UtcDateTime(), primary_key=True),
    sa.Column("contact", sa.String(400), nullable=False),
    sa.Column("score", sa.Integer(), nullable=False),
    sa.Column("region", sa.String(63), nullable=False, server_default=""),
)

customer_tiers = sa.Table(
    "customer_tiers",
    metadata,
    sa.Column("customer_id", sa.String(64), primary_key=True),
    sa.Column("region", sa.String(63), nullable=False),
    sa.Column("tier", sa.String(32), nullable=False),
    sa.Column("change_time", UtcDateTime(), nullable=False),
    # Whether a periodic survey is scheduled (the tier's policy may arrive after the tier).
    sa.Column("survey_scheduled", sa.Boolean(), nullable=False),
)

# The customer's latest yearly revenue in USD (the archive's): it sizes the weekly quota.
customer_revenues = sa.Table(
    "customer_revenues",
    metadata,
    sa.Column("customer_id", sa.String(64), primary_key=True),
    sa.Column("region", sa.String(63), nullable=False),
    sa.Column("year", sa.Integer(), nullable=False),
    sa.Column("revenue_usd", sa.BigInteger(), nullable=False),
)

tier_policies = sa.Table(
    "tier_policies",
    metadata,
    sa.Column("tier", sa.String(32), primary_key=True),
    sa.Column("etag", sa.String(32), nullable=False),
    sa.Column("slas", sa.JSON(), nullable=False),
    sa.Column("survey_interval_seconds", sa.BigInteger(), nullable=False),
)

surveys = sa.Table(
    "surveys",
    metadata,
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
    # Where the creator sits, for the hierarchy rule; "" for the system's surveys.
    sa.Column("created_by_org_unit", sa.String(255), nullable=False, server_default=""),
)

survey_answers = sa.Table(
    "survey_answers",
    metadata,
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

voc_items = sa.Table(
    "voc_items",
    metadata,
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

improvement_items = sa.Table(
    "improvement_items",
    metadata,
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
    sa.Column("gap_dimension", sa.String(64), nullable=False, server_default=""),
)

FILTER_COLUMNS = {
    "state": issues.c.state,
    "type": issues.c.type,
    "urgency": issues.c.urgency,
    "person": issues.c.person,
}


# ---------------------------------------------------------------------------------------------
# Issues
# ---------------------------------------------------------------------------------------------


def _time(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _parse(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _body(issue: Issue) -> dict:
    body = asdict(issue)
    for key, value in body.items():
        if isinstance(value, datetime):
            body[key] = value.isoformat()
    body["revisits"] = [
        asdict(r) | {"revisit_time": r.revisit_time.isoformat()} for r in issue.revisits
    ]
    body["tracebacks"] = [
        asdict(t) | {"trace_time": t.trace_time.isoformat()} for t in issue.tracebacks
    ]
    body["breaches"] = list(issue.breaches)
    return body


_TIMES = (
    "create_time",
    "response_due_time",
    "sla_due_time",
    "response_time",
    "resolve_time",
    "close_time",
)


def _issue(body: dict) -> Issue:
    values = dict(body)
    for key in _TIMES:
        values[key] = _parse(values[key])
    for key in ("submitter", "acceptor", "receiver", "owner"):
        values[key] = Party(**values[key]) if values[key] else None
    values["state"] = State(values["state"])
    values["revisits"] = tuple(
        Revisit(**(r | {"revisit_time": _parse(r["revisit_time"])})) for r in values["revisits"]
    )
    values["tracebacks"] = tuple(
        Traceback(**(t | {"trace_time": _parse(t["trace_time"])})) for t in values["tracebacks"]
    )
    values["breaches"] = tuple(values["breaches"])
    return Issue(**values)


def _columns(issue: Issue) -> dict:
    return {
        "customer_id": issue.customer_id,
        "region": issue.region,
        "person": issue.person,
        "state": issue.state.value,
        "type": issue.type,
        "urgency": issue.urgency,
        "valid": issue.valid,
        "team": issue.handling_party.org_unit,
        "level": issue.level,
        "distributions": issue.distributions,
        "revisit_count": len(issue.revisits),
        "create_time": issue.create_time,
        "sla_due_time": issue.sla_due_time,
        "resolve_time": issue.resolve_time,
        "close_time": issue.close_time,
        "version": issue.version,
        "body": _body(issue),
    }


async def insert_issue(conn: AsyncConnection, issue: Issue, request_id: str | None) -> bool:
    """Insert; False when an issue with this request_id exists (a retried create)."""
    values = {"id": issue.id, "request_id": request_id or None, **_columns(issue)}
    try:
        async with conn.begin_nested():
            await conn.execute(issues.insert().values(values))
    except IntegrityError:
        if not request_id:
            raise
        return False
    await _save_parties(conn, issue)
    return True


async def update_issue(conn: AsyncConnection, issue: Issue, read_version: int) -> bool:
    """Optimistic: write only over the version read; False when someone wrote in between."""
    result = await conn.execute(
        issues.update()
        .where(issues.c.id == issue.id, issues.c.version == read_version)
        .values(_columns(issue))
    )
    if result.rowcount != 1:
        return False
    await _save_parties(conn, issue)
    return True


async def _save_parties(conn: AsyncConnection, issue: Issue) -> None:
    for party in issue.parties:
        values = {"issue_id": issue.id, **asdict(party)}
        await conn.execute(upsert(conn, issue_parties, values, ["issue_id", "employee_id"]))


async def get_issue(conn: AsyncConnection, issue_id: str) -> Issue | None:
    row = (await conn.execute(sa.select(issues.c.body).where(issues.c.id == issue_id))).first()
    return _issue(row.body) if row else None


async def issue_by_request(conn: AsyncConnection, request_id: str) -> Issue | None:
    query = sa.select(issues.c.body).where(issues.c.request_id == request_id)
    row = (await conn.execute(query)).first()
    return _issue(row.body) if row else None


async def parties(conn: AsyncConnection, issue_id: str) -> tuple[Stakeholder, ...]:
    query = sa.select(issue_parties).where(issue_parties.c.issue_id == issue_id)
    return tuple(Stakeholder(r.employee_id, r.org_unit) for r in await conn.execute(query))


def _visible(scope: Scope) -> sa.ColumnElement[bool]:
    party = issue_parties.alias("party")
    return sa.exists().where(
        party.c.issue_id == issues.c.id,
        stakeholder_clause(scope, party.c.employee_id, party.c.org_unit),
    )


async def list_issues(
    conn: AsyncConnection,
    scope: Scope,
    customer_id: str | None,
    comparisons: Sequence[Comparison],
    after: tuple[datetime, str] | None,
    limit: int,
) -> list[Issue]:
    query = sa.select(issues.c.body).where(issues.c.region == scope.region, _visible(scope))
    if customer_id is not None:
        query = query.where(issues.c.customer_id == customer_id)
    for comparison in comparisons:
        column = FILTER_COLUMNS[comparison.field]
        if comparison.op == "=":
            query = query.where(column == comparison.value)
        elif comparison.op == "!=":
            query = query.where(column != comparison.value)
        else:
            pattern = "%" + comparison.value.replace("%", r"\%").replace("_", r"\_") + "%"
            query = query.where(column.ilike(pattern, escape="\\"))
    if after is not None:
        query = query.where(sa.tuple_(issues.c.create_time, issues.c.id) > sa.tuple_(*after))
    query = query.order_by(issues.c.create_time, issues.c.id).limit(limit)
    return [_issue(row.body) for row in await conn.execute(query)]


async def earlier_trace(
    conn: AsyncConnection, customer_id: str, issue_id: str, since: datetime
) -> bool:
    """Whether the customer left any trace (an issue or a voice) since `since`."""
    earlier_issue = sa.exists().where(
        issues.c.customer_id == customer_id,
        issues.c.id != issue_id,
        issues.c.create_time >= since,
    )
    earlier_voice = sa.exists().where(
        voc_items.c.customer_id == customer_id, voc_items.c.create_time >= since
    )
    return bool((await conn.execute(sa.select(earlier_issue | earlier_voice))).scalar())


async def last_revisit(conn: AsyncConnection, region: str, contact: str) -> datetime | None:
    query = sa.select(sa.func.max(revisits.c.revisit_time)).where(
        revisits.c.region == region, revisits.c.contact == contact
    )
    return (await conn.execute(query)).scalar()


async def add_revisit(conn: AsyncConnection, issue: Issue, contact: str, visit: Revisit) -> None:
    await conn.execute(
        revisits.insert().values(
            issue_id=issue.id,
            revisit_time=visit.revisit_time,
            contact=contact,
            score=visit.score,
            region=issue.region,
        )
    )


async def valid_issues_of(
    conn: AsyncConnection, region: str, customer_id: str, start: datetime, end: datetime
) -> int:
    query = sa.select(sa.func.count()).where(
        issues.c.region == region,
        issues.c.customer_id == customer_id,
        issues.c.valid,
        issues.c.create_time >= start,
        issues.c.create_time < end,
    )
    return (await conn.execute(query)).scalar_one()


async def kpi_counts(
    conn: AsyncConnection, region: str, team: str, start: datetime, end: datetime
) -> KpiCounts:
    """The KPI counts of a team's valid issues (the team's org unit and every unit below it),
    in two aggregate queries: issues created in the period, and issues due in it."""
    unit = team.rstrip("/")
    in_team = (issues.c.team == unit) | issues.c.team.startswith(unit + "/", autoescape=True)
    scope = (issues.c.region == region) & issues.c.valid & in_team
    resolved = issues.c.resolve_time.is_not(None) | (issues.c.state == State.CLOSED.value)
    urgent = issues.c.urgency == "urgent"
    revisited = issues.c.revisit_count > 0

    def count(condition) -> sa.ColumnElement[int]:
        return sa.func.coalesce(sa.func.sum(sa.case((condition, 1), else_=0)), 0)

    created = sa.select(
        sa.func.count(),
        count(issues.c.distributions > 0),
        count(issues.c.distributions == 1),
        count(resolved),
        count(resolved & (issues.c.level == "office")),
        count(resolved & (issues.c.level != "office")),
        count(resolved & (issues.c.level == "region")),
        count(revisited),
        count(urgent),
        count(urgent & revisited),
    ).where(scope, issues.c.create_time >= start, issues.c.create_time < end)
    row = (await conn.execute(created)).one()
    due = sa.select(
        sa.func.count(),
        count(issues.c.close_time.is_not(None) & (issues.c.close_time <= issues.c.sla_due_time)),
    ).where(scope, issues.c.sla_due_time >= start, issues.c.sla_due_time < end)
    due_row = (await conn.execute(due)).one()
    return KpiCounts(
        new_valid=row[0],
        distributed=row[1],
        distributed_once=row[2],
        resolved=row[3],
        resolved_at_office=row[4],
        handled_at_region=row[5],
        resolved_at_region=row[6],
        issues=row[0],
        revisited=row[7],
        urgent=row[8],
        urgent_revisited=row[9],
        due=due_row[0],
        closed_on_time=due_row[1],
    )


# ---------------------------------------------------------------------------------------------
# Tiers and tier policies (from insight's events)
# ---------------------------------------------------------------------------------------------


async def save_tier(
    conn: AsyncConnection, customer_id: str, region: str, tier: str, when: datetime
) -> bool:
    """Keep the tier; False when a newer change is known already (this one arrived late)."""
    query = sa.select(customer_tiers.c.change_time).where(
        customer_tiers.c.customer_id == customer_id
    )
    known = (await conn.execute(query)).scalar()
    if known is not None and known > when:
        return False
    values = {
        "customer_id": customer_id,
        "region": region,
        "tier": tier,
        "change_time": when,
        "survey_scheduled": False,
    }
    await conn.execute(upsert(conn, customer_tiers, values, ["customer_id"]))
    return True


async def mark_survey_scheduled(conn: AsyncConnection, customer_id: str, scheduled: bool) -> None:
    await conn.execute(
        customer_tiers.update()
        .where(customer_tiers.c.customer_id == customer_id)
        .values(survey_scheduled=scheduled)
    )


async def unscheduled_of_tier(conn: AsyncConnection, tier: str) -> list[sa.Row]:
    """The customers of a tier with no periodic survey scheduled yet."""
    query = sa.select(customer_tiers).where(
        customer_tiers.c.tier == tier, customer_tiers.c.survey_scheduled.is_(False)
    )
    return list((await conn.execute(query)).all())


async def tier_of(conn: AsyncConnection, customer_id: str) -> str:
    query = sa.select(customer_tiers.c.tier).where(customer_tiers.c.customer_id == customer_id)
    return (await conn.execute(query)).scalar() or ""


async def save_policy(
    conn: AsyncConnection, tier: str, etag: str, slas: Sequence[IssueSla], survey: timedelta
) -> None:
    values = {
        "tier": tier,
        "etag": etag,
        "slas": [
            [s.severity, s.response.total_seconds(), s.resolution.total_seconds()] for s in slas
        ],
        "survey_interval_seconds": int(survey.total_seconds()),
    }
    await conn.execute(upsert(conn, tier_policies, values, ["tier"]))


async def policy_of(conn: AsyncConnection, tier: str) -> tuple[list[IssueSla], timedelta] | None:
    row = (await conn.execute(sa.select(tier_policies).where(tier_policies.c.tier == tier))).first()
    if row is None:
        return None
    slas = [IssueSla(s, timedelta(seconds=a), timedelta(seconds=b)) for s, a, b in row.slas]
    return slas, timedelta(seconds=row.survey_interval_seconds)


# ---------------------------------------------------------------------------------------------
# Surveys
# ---------------------------------------------------------------------------------------------


async def insert_survey(conn: AsyncConnection, values: dict) -> None:
    await conn.execute(surveys.insert().values(values))


async def get_survey(conn: AsyncConnection, survey_id: str) -> sa.Row | None:
    return (await conn.execute(sa.select(surveys).where(surveys.c.id == survey_id))).first()


async def surveys_of(
    conn: AsyncConnection, region: str, customer_id: str | None, survey_id: str | None
) -> list[sa.Row]:
    """The region's surveys, of one customer or all, or the one survey."""
    query = sa.select(surveys).where(surveys.c.region == region)
    if customer_id is not None:
        query = query.where(surveys.c.customer_id == customer_id)
    if survey_id is not None:
        query = query.where(surveys.c.id == survey_id)
    return list(await conn.execute(query.order_by(surveys.c.create_time, surveys.c.id)))


async def answer_ratings(conn: AsyncConnection, survey_ids: Sequence[str]) -> list[dict]:
    """The ratings of every answer to the surveys: {expectation: [expectation, perception]}."""
    if not survey_ids:
        return []
    query = sa.select(survey_answers.c.ratings).where(survey_answers.c.survey_id.in_(survey_ids))
    return [row.ratings for row in await conn.execute(query)]


async def add_answer(conn: AsyncConnection, values: dict) -> sa.Row:
    """Store an answer and fold it into the survey's aggregate; returns the survey after."""
    await conn.execute(survey_answers.insert().values(values))
    await conn.execute(
        surveys.update()
        .where(surveys.c.id == values["survey_id"])
        .values(
            answer_count=surveys.c.answer_count + 1,
            satisfaction_sum=surveys.c.satisfaction_sum + values["satisfaction"],
        )
    )
    return await get_survey(conn, values["survey_id"])


# ---------------------------------------------------------------------------------------------
# Voice of customer and improvement items
# ---------------------------------------------------------------------------------------------


def _voc(row: sa.Row) -> VocItem:
    return VocItem(
        id=row.id,
        customer_id=row.customer_id,
        region=row.region,
        kind=row.kind,
        source=row.source,
        summary=row.summary,
        reported_by=Party(row.reported_by, row.reporter_org_unit),
        create_time=row.create_time,
        stage=row.stage,
        issue_id=row.issue_id,
        update_time=row.update_time,
    )


async def save_voc(conn: AsyncConnection, item: VocItem) -> None:
    values = {
        "id": item.id,
        "customer_id": item.customer_id,
        "region": item.region,
        "kind": item.kind,
        "source": item.source,
        "summary": item.summary,
        "stage": item.stage,
        "issue_id": item.issue_id,
        "reported_by": item.reported_by.employee_id,
        "reporter_org_unit": item.reported_by.org_unit,
        "create_time": item.create_time,
        "update_time": item.update_time,
    }
    await conn.execute(upsert(conn, voc_items, values, ["id"]))


async def get_voc(conn: AsyncConnection, item_id: str) -> VocItem | None:
    row = (await conn.execute(sa.select(voc_items).where(voc_items.c.id == item_id))).first()
    return _voc(row) if row else None


def _improvement(row: sa.Row) -> ImprovementItem:
    return ImprovementItem(
        id=row.id,
        region=row.region,
        tier=row.tier,
        shortfall=row.shortfall,
        summary=row.summary,
        priority=row.priority,
        create_time=row.create_time,
        created_by=row.created_by,
        state=row.state,
        update_time=row.update_time,
        gap_dimension=row.gap_dimension,
    )


async def save_improvement(conn: AsyncConnection, item: ImprovementItem) -> None:
    values = asdict(item)
    await conn.execute(upsert(conn, improvement_items, values, ["id"]))


async def get_improvement(conn: AsyncConnection, item_id: str) -> ImprovementItem | None:
    query = sa.select(improvement_items).where(improvement_items.c.id == item_id)
    row = (await conn.execute(query)).first()
    return _improvement(row) if row else None


async def improvements(conn: AsyncConnection, region: str, state: str) -> list[ImprovementItem]:
    query = sa.select(improvement_items).where(improvement_items.c.region == region)
    if state:
        query = query.where(improvement_items.c.state == state)
    return [_improvement(row) for row in await conn.execute(query)]


async def customer_regions(conn: AsyncConnection, customer_id: str) -> set[str]:
    """The regions this service has seen the customer in (its tier, issues, surveys): a
    customer known only elsewhere is another region's, and so not found here."""
    query = sa.union(
        *(
            sa.select(table.c.region).where(table.c.customer_id == customer_id)
            for table in (customer_tiers, issues, surveys)
        )
    )
    return set((await conn.execute(query)).scalars())


async def save_revenue(
    conn: AsyncConnection, customer_id: str, region: str, year: int, revenue_usd: int
) -> bool:
    """Keep the customer's revenue of `year`; False when a later year is known already."""
    query = sa.select(customer_revenues.c.year).where(
        customer_revenues.c.customer_id == customer_id
    )
    known = (await conn.execute(query)).scalar()
    if known is not None and known > year:
        return False
    values = {
        "customer_id": customer_id,
        "region": region,
        "year": year,
        "revenue_usd": revenue_usd,
    }
    await conn.execute(upsert(conn, customer_revenues, values, ["customer_id"]))
    return True


async def revenue_of(conn: AsyncConnection, customer_id: str) -> int:
    query = sa.select(customer_revenues.c.revenue_usd).where(
        customer_revenues.c.customer_id == customer_id
    )
    return (await conn.execute(query)).scalar() or 0


async def tier_answer_ratings(conn: AsyncConnection, region: str, tier: str) -> list[dict]:
    """The ratings of every answer to the region's surveys of customers of `tier`."""
    query = (
        sa.select(survey_answers.c.ratings)
        .join(surveys, surveys.c.id == survey_answers.c.survey_id)
        .join(customer_tiers, customer_tiers.c.customer_id == surveys.c.customer_id)
        .where(surveys.c.region == region, customer_tiers.c.tier == tier)
    )
    return [row.ratings for row in await conn.execute(query)]


async def open_gap_dimensions(conn: AsyncConnection, region: str, tier: str) -> set[str]:
    """The expectations with a derived improvement item of the region and tier not done yet."""
    c = improvement_items.c
    query = sa.select(c.gap_dimension).where(
        c.region == region, c.tier == tier, c.gap_dimension != "", c.state != "done"
    )
    return set((await conn.execute(query)).scalars())
