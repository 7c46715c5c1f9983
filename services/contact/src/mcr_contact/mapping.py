"""Proto <-> domain for contact."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from google.protobuf.duration_pb2 import Duration
from google.protobuf.timestamp_pb2 import Timestamp
from mcr.common.v1 import money_pb2
from mcr.contact.v1 import contact_pb2 as pb
from mcr_core.errors import InvalidArgument
from mcr_core.names import format_name

from mcr_contact.domain import (
    KEY_DATE_NAME,
    Activity,
    ActivityState,
    ActivityType,
    Cadence,
    CadenceStatus,
    Coverage,
    DueEntry,
    KeyEvent,
    Money,
    OutstandingIssue,
    RelationshipType,
    StageProgress,
    cadence_clock,
    cadence_status,
    customer_id_from_name,
    next_key_date_reminder,
    split_person,
)
from mcr_contact.store import Tracked, key_date_etag


def timestamp(moment: datetime | None) -> Timestamp | None:
    if moment is None:
        return None
    stamp = Timestamp()
    stamp.FromDatetime(moment)
    return stamp


def from_timestamp(stamp: Timestamp) -> datetime:
    return stamp.ToDatetime(tzinfo=UTC)


def duration(delta: timedelta | None) -> Duration | None:
    if delta is None:
        return None
    value = Duration()
    value.FromTimedelta(delta)
    return value


def _money(message: money_pb2.Money, field_path: str) -> Money | None:
    if not message.currency_code and not message.units:
        return None
    if len(message.currency_code) != 3 or not message.currency_code.isupper():
        raise InvalidArgument.field(f"{field_path}.currency_code", "must be an ISO 4217 code")
    return Money(message.currency_code, message.units)


def _to_money(value: Money | None) -> money_pb2.Money | None:
    return (
        None
        if value is None
        else money_pb2.Money(currency_code=value.currency_code, units=value.units)
    )


def activity_from_proto(message: pb.Activity) -> Activity:
    customer_id = customer_id_from_name(message.customer, "activity.customer")
    try:
        relationship = RelationshipType(message.relationship_type or "general")
    except ValueError:
        raise InvalidArgument.field(
            "activity.relationship_type", "must be general, key or organisational"
        ) from None
    try:
        state = ActivityState(message.state or "done")
    except ValueError:
        raise InvalidArgument.field("activity.state", "must be planned or done") from None
    if not message.HasField("start_time"):
        raise InvalidArgument.field("activity.start_time", "is required")
    return Activity(
        id="",
        customer_id=customer_id,
        region="",
        type=message.type,
        relationship_type=relationship,
        state=state,
        title=message.title,
        start_time=from_timestamp(message.start_time),
        duration=message.duration.ToTimedelta(),
        owner_id="",
        owner_unit="",
        target_persons=list(message.target_persons),
        target_departments=list(message.target_departments),
        participants=list(message.participants),
        topics=list(message.topics),
        opportunity=message.opportunity,
        lifecycle_stage=message.lifecycle_stage,
        plan_item=message.plan_item,
        cost=_money(message.cost, "activity.cost"),
        customer_share=_money(message.customer_share, "activity.customer_share"),
        gift_value=_money(message.gift_value, "activity.gift_value"),
        private=message.private_visit,
        evaluation_score=message.evaluation.score,
        evaluation_note=message.evaluation.note,
        summary=message.summary,
        outstanding_issues=[
            OutstandingIssue(i.title, i.issue, i.closed) for i in message.outstanding_issues
        ],
    )


def activity_to_proto(a: Activity) -> pb.Activity:
    return pb.Activity(
        name=a.name,
        customer=f"customers/{a.customer_id}",
        region=a.region,
        type=a.type,
        relationship_type=a.relationship_type.value,
        state=a.state.value,
        title=a.title,
        start_time=timestamp(a.start_time),
        duration=duration(a.duration),
        target_persons=a.target_persons,
        target_departments=a.target_departments,
        participants=a.participants,
        topics=a.topics,
        opportunity=a.opportunity,
        lifecycle_stage=a.lifecycle_stage,
        plan_item=a.plan_item,
        cost=_to_money(a.cost),
        customer_share=_to_money(a.customer_share),
        gift_value=_to_money(a.gift_value),
        private_visit=a.private,
        evaluation=pb.ActivityEvaluation(score=a.evaluation_score, note=a.evaluation_note),
        summary=a.summary,
        outstanding_issues=[
            pb.OutstandingIssue(title=i.title, issue=i.issue, closed=i.closed)
            for i in a.outstanding_issues
        ],
        compliance_flag=a.compliance_flag,
        owner=f"employees/{a.owner_id}",
        create_time=timestamp(a.create_time),
        update_time=timestamp(a.update_time),
        close_time=timestamp(a.close_time),
    )


def activity_type_to_proto(t: ActivityType) -> pb.ActivityType:
    return pb.ActivityType(
        code=t.code,
        display_name=t.name,
        category=t.category.value,
        brand=t.brand,
        revisit=t.revisit,
        private_visit=t.private,
    )


def key_event_to_proto(e: KeyEvent) -> pb.KeyEvent:
    return pb.KeyEvent(
        name=e.name,
        person=e.person,
        dimension=e.dimension,
        impact=e.impact,
        summary=e.summary,
        activity=e.activity,
        occur_time=timestamp(e.occur_time),
        recorded_by=f"employees/{e.recorded_by}",
        region=e.region,
    )


def key_event_from_proto(message: pb.KeyEvent) -> KeyEvent:
    if not message.HasField("occur_time"):
        raise InvalidArgument.field("key_event.occur_time", "is required")
    return KeyEvent(
        id="",
        customer_id="",
        region="",
        person=message.person,
        dimension=message.dimension,
        impact=message.impact,
        summary=message.summary,
        activity=message.activity,
        recorded_by="",
        occur_time=from_timestamp(message.occur_time),
        create_time=from_timestamp(message.occur_time),
    )


def _employee(employee_id: str) -> str:
    return f"employees/{employee_id}" if employee_id else ""


def cadence_to_proto(t: Tracked, now: datetime) -> pb.PersonCadence:
    status = "unplanned"
    if t.ideal is not None and t.maximum is not None:
        clock = cadence_clock(
            Cadence(t.ideal, t.maximum, t.source), t.last_contact_time, t.since_time, t.followed
        )
        status = cadence_status(clock, now).value
    return pb.PersonCadence(
        name=f"{t.person}/cadence",
        role=t.role,
        owner=_employee(t.owner_id),
        owner_org_unit=t.owner_unit,
        supervisor=_employee(t.supervisor_id),
        sponsor=_employee(t.sponsor_id),
        tier=t.tier,
        ideal_interval=duration(t.ideal),
        max_interval=duration(t.maximum),
        source=t.source,
        last_contact_time=timestamp(t.last_contact_time),
        due_time=timestamp(t.due_time),
        breach_time=timestamp(t.breach_time),
        status=status,
        region=t.region,
        etag=t.etag,
    )


def due_to_proto(e: DueEntry) -> pb.DueContact:
    return pb.DueContact(
        cadence=f"{e.person}/cadence",
        role=e.role,
        status=CadenceStatus(e.status).value,
        due_time=timestamp(e.due_time),
        breach_time=timestamp(e.breach_time),
        cold_stove=e.cold,
    )


def coverage_to_proto(c: Coverage) -> pb.Coverage:
    return pb.Coverage(tier=c.tier, required_visits=c.required, done_visits=c.done)


def reminder_to_proto(row) -> pb.Reminder:
    return pb.Reminder(
        name=f"employees/{row.employee_id}/reminders/{row.id}",
        kind=row.kind,
        subject=row.subject,
        detail=row.detail,
        due_time=timestamp(row.due_time),
        create_time=timestamp(row.create_time),
    )


def key_date_to_proto(row, now: datetime) -> pb.KeyDate:
    return pb.KeyDate(
        name=format_name(KEY_DATE_NAME, *split_person(row.person, "person"), row.id),
        kind=row.kind,
        month=row.month,
        day=row.day,
        next_reminder_time=timestamp(next_key_date_reminder(row.month, row.day, now)),
        etag=key_date_etag(row),
    )


def stage_to_proto(p: StageProgress) -> pb.LifecycleStageGuide:
    return pb.LifecycleStageGuide(
        stage=p.work.stage.value,
        goal=p.work.goal,
        activity_types=p.work.activity_types,
        departments=p.work.departments,
        roles=p.work.roles,
        done_activity_types=p.done_types,
        missing_activity_types=p.missing_types,
        covered_departments=p.covered_departments,
    )
