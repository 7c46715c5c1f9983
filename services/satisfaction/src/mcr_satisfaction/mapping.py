"""Proto <-> domain for the satisfaction service."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from google.protobuf.timestamp_pb2 import Timestamp
from mcr.insight.v1 import tier_pb2
from mcr.satisfaction.v1 import issue_pb2, survey_pb2

from mcr_satisfaction.domain import ImprovementItem, Issue, IssueSla, Kpis, Party, VocItem


def timestamp(moment: datetime | None) -> Timestamp | None:
    if moment is None:
        return None
    stamp = Timestamp()
    stamp.FromDatetime(moment)
    return stamp


def from_timestamp(stamp: Timestamp) -> datetime:
    return stamp.ToDatetime(tzinfo=UTC)


def employee(party: Party | None) -> str:
    return f"employees/{party.employee_id}" if party else ""


def issue_to_proto(issue: Issue) -> issue_pb2.Issue:
    return issue_pb2.Issue(
        name=issue.name,
        customer=issue.customer,
        person=issue.person,
        title=issue.title,
        type=issue.type,
        urgency=issue.urgency,
        state=issue.state.value,
        sla_due_time=timestamp(issue.sla_due_time),
        create_time=timestamp(issue.create_time),
        region=issue.region,
    )


def detail_to_proto(issue: Issue) -> issue_pb2.IssueDetail:
    return issue_pb2.IssueDetail(
        issue=issue_to_proto(issue),
        source=issue.source,
        valid=issue.valid,
        major=issue.major,
        key_person=issue.key_person,
        submitter=employee(issue.submitter),
        acceptor=employee(issue.acceptor),
        receiver=employee(issue.receiver),
        owner=employee(issue.owner),
        level=issue.level,
        escalation_count=issue.escalations,
        escalation_reason=issue.escalation_reason,
        distribution_count=issue.distributions,
        case_reference=issue.case_reference,
        plan=issue.plan,
        customer_consent=issue.customer_consent,
        in_contract=issue.in_contract,
        response_due_time=timestamp(issue.response_due_time),
        response_time=timestamp(issue.response_time),
        resolve_time=timestamp(issue.resolve_time),
        close_time=timestamp(issue.close_time),
        resolution=issue.resolution,
        revisits=[
            issue_pb2.IssueRevisit(
                contact=r.contact,
                score=r.score,
                comment=r.comment,
                revisited_by=f"employees/{r.revisited_by}",
                revisit_time=timestamp(r.revisit_time),
            )
            for r in issue.revisits
        ],
        qa_tracebacks=[
            issue_pb2.QaTraceback(
                accountable=t.accountable,
                finding=t.finding,
                traced_by=f"employees/{t.traced_by}",
                trace_time=timestamp(t.trace_time),
            )
            for t in issue.tracebacks
        ],
        breached_slas=list(issue.breaches),
        care_representative=(
            f"employees/{issue.care_representative}" if issue.care_representative else ""
        ),
        etag=str(issue.version),
    )


def slas_from_policy(policy: tier_pb2.TierPolicy) -> list[IssueSla]:
    return [
        IssueSla(s.severity, s.response_time.ToTimedelta(), s.resolution_time.ToTimedelta())
        for s in policy.issue_slas
    ]


def survey_interval(policy: tier_pb2.TierPolicy) -> timedelta:
    return policy.survey_interval.ToTimedelta()


def survey_to_proto(row) -> survey_pb2.Survey:
    return survey_pb2.Survey(
        name=f"surveys/{row.id}",
        customer=f"customers/{row.customer_id}",
        region=row.region,
        kind=row.kind,
        dimensions=list(row.dimensions),
        due_time=timestamp(row.due_time),
        sample_per_level=dict(row.sample_per_level),
        sample_size=row.sample_size,
        answer_count=row.answer_count,
        mean_satisfaction=row.satisfaction_sum / row.answer_count if row.answer_count else 0.0,
        create_time=timestamp(row.create_time),
    )


def answer_to_proto(values: dict) -> survey_pb2.SurveyAnswer:
    return survey_pb2.SurveyAnswer(
        name=f"surveys/{values['survey_id']}/answers/{values['id']}",
        person=values["person"],
        key_person=values["key_person"],
        level=values["level"],
        mode=values["mode"],
        ratings={
            key: survey_pb2.Rating(expectation=e, perception=p)
            for key, (e, p) in values["ratings"].items()
        },
        satisfaction=values["satisfaction"],
        detractor=values["detractor"],
        issue=f"issues/{values['issue_id']}" if values["issue_id"] else "",
        create_time=timestamp(values["create_time"]),
    )


def voc_to_proto(item: VocItem) -> survey_pb2.VocItem:
    return survey_pb2.VocItem(
        name=f"vocItems/{item.id}",
        customer=f"customers/{item.customer_id}",
        region=item.region,
        kind=item.kind,
        source=item.source,
        summary=item.summary,
        stage=item.stage,
        weight=item.weight,
        issue=f"issues/{item.issue_id}" if item.issue_id else "",
        create_time=timestamp(item.create_time),
    )


def improvement_to_proto(item: ImprovementItem) -> survey_pb2.ImprovementItem:
    return survey_pb2.ImprovementItem(
        name=f"improvementItems/{item.id}",
        region=item.region,
        tier=item.tier,
        shortfall=item.shortfall,
        summary=item.summary,
        priority=item.priority,
        state=item.state,
        create_time=timestamp(item.create_time),
    )


def kpis_to_proto(team: str, kpis: Kpis) -> survey_pb2.TeamKpis:
    return survey_pb2.TeamKpis(
        team=team,
        new_valid_issues=kpis.counts.new_valid,
        first_time_distribution_accuracy=kpis.first_time_distribution_accuracy,
        on_time_closure_rate=kpis.on_time_closure_rate,
        self_resolution_rate=kpis.self_resolution_rate,
        region_self_resolution_rate=kpis.region_self_resolution_rate,
        revisit_coverage=kpis.revisit_coverage,
        urgent_revisit_coverage=kpis.urgent_revisit_coverage,
        office_over_cap=kpis.office_over_cap,
        region_over_cap=kpis.region_over_cap,
        revisit_coverage_met=kpis.revisit_coverage_met,
    )
