"""Satisfaction's events: the subjects it publishes and its consumer of insight's tier and
tier-policy events (SLAs and survey intervals)."""

from __future__ import annotations

from datetime import datetime

from mcr.satisfaction.v1 import events_pb2, survey_pb2
from mcr_core.bus import Outbox, Subscription, event_subject
from sqlalchemy.ext.asyncio import AsyncConnection

from mcr_satisfaction import mapping
from mcr_satisfaction.domain import Issue

RISK_SIGNALLED = event_subject("satisfaction", "risk", "signalled")
SLA_BREACHED = event_subject("satisfaction", "issue", "sla_breached")
TEAM_KEY_EVENT = event_subject("satisfaction", "team_key_event", "raised")
SURVEY_ANSWERED = event_subject("satisfaction", "survey", "answered")
RESURVEY_DUE = event_subject("satisfaction", "resurvey", "due")
SURVEY_CREATED = event_subject("satisfaction", "survey", "created")
ISSUE_QUOTA_MISSED = event_subject("satisfaction", "issue_quota", "missed")

# Consumed: insight's tiers and policies, each type handled by a `@handles` method of
# `Satisfaction`.
INSIGHT_TIERS = Subscription(
    "satisfaction-insight-tiers",
    "insight",
    ("mcr.insight.tier.changed", "mcr.insight.tier_policy.changed"),
)

# The archive's yearly revenue of each customer: it sizes the weekly issue quota (R-VOC-9).
ARCHIVE_REVENUE = Subscription(
    "satisfaction-archive-revenue", "archive", ("mcr.archive.revenue.recorded",)
)


def issue_subject(change: str) -> str:
    return event_subject("satisfaction", "issue", change)


async def issue_changed(
    outbox: Outbox, conn: AsyncConnection, issue: Issue, change: str, actor: str, score: int = 0
) -> None:
    message = events_pb2.IssueChanged(
        issue=mapping.issue_to_proto(issue),
        change=change,
        actor=actor,
        level=issue.level,
        score=score,
    )
    await outbox.add(conn, issue_subject(change), message, resource=issue.name)


async def risk_signalled(
    outbox: Outbox, conn: AsyncConnection, issue: Issue, cause: str, when: datetime
) -> None:
    message = events_pb2.RiskSignalled(
        person=issue.person,
        customer=issue.customer,
        region=issue.region,
        issue=issue.name,
        cause=cause,
        signal_time=mapping.timestamp(when),
    )
    await outbox.add(conn, RISK_SIGNALLED, message, resource=issue.person)


async def sla_breached(
    outbox: Outbox, conn: AsyncConnection, issue: Issue, sla: str, due: datetime
) -> None:
    message = events_pb2.IssueSlaBreached(
        issue=issue.name,
        customer=issue.customer,
        region=issue.region,
        sla=sla,
        due_time=mapping.timestamp(due),
    )
    await outbox.add(conn, SLA_BREACHED, message, resource=issue.name)


async def team_key_event(outbox: Outbox, conn: AsyncConnection, issue: Issue) -> None:
    message = events_pb2.TeamKeyEventRaised(
        issue=issue.name,
        customer=issue.customer,
        region=issue.region,
        team=issue.submitter.org_unit,
        impact=-1,
        reason="a major issue or complaint with no earlier trace in the system",
    )
    await outbox.add(conn, TEAM_KEY_EVENT, message, resource=issue.name)


async def survey_answered(
    outbox: Outbox,
    conn: AsyncConnection,
    survey: survey_pb2.Survey,
    answer: survey_pb2.SurveyAnswer,
) -> None:
    message = events_pb2.SurveyAnswered(
        survey=survey.name,
        customer=survey.customer,
        region=survey.region,
        satisfaction=answer.satisfaction,
        detractor=answer.detractor,
        mean_satisfaction=survey.mean_satisfaction,
        answer_count=survey.answer_count,
    )
    await outbox.add(conn, SURVEY_ANSWERED, message, resource=survey.name)


async def survey_created(
    outbox: Outbox, conn: AsyncConnection, survey: survey_pb2.Survey, trigger: str
) -> None:
    message = events_pb2.SurveyCreated(survey=survey, trigger=trigger)
    await outbox.add(conn, SURVEY_CREATED, message, resource=survey.customer)


async def resurvey_due(outbox: Outbox, conn: AsyncConnection, issue: Issue, survey_id: str) -> None:
    message = events_pb2.ResurveyDue(
        person=issue.person,
        customer=issue.customer,
        region=issue.region,
        issue=issue.name,
        survey=f"surveys/{survey_id}",
    )
    await outbox.add(conn, RESURVEY_DUE, message, resource=issue.person)


async def voc_changed(outbox: Outbox, conn: AsyncConnection, item, change: str) -> None:
    message = events_pb2.VocItemChanged(voc_item=mapping.voc_to_proto(item))
    subject = event_subject("satisfaction", "voc_item", change)
    await outbox.add(conn, subject, message, resource=message.voc_item.name)


async def improvement_changed(outbox: Outbox, conn: AsyncConnection, item, change: str) -> None:
    message = events_pb2.ImprovementItemChanged(improvement_item=mapping.improvement_to_proto(item))
    subject = event_subject("satisfaction", "improvement_item", change)
    await outbox.add(conn, subject, message, resource=message.improvement_item.name)


async def issue_quota_missed(
    outbox: Outbox,
    conn: AsyncConnection,
    customer_id: str,
    region: str,
    week_start: datetime,
    quota: int,
    recorded: int,
) -> None:
    customer = f"customers/{customer_id}"
    message = events_pb2.IssueQuotaMissed(
        customer=customer, region=region, quota=quota, recorded=recorded
    )
    message.week_start_time.FromDatetime(week_start)
    await outbox.add(conn, ISSUE_QUOTA_MISSED, message, resource=customer)
