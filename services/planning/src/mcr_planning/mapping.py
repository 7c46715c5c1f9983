"""Proto <-> domain (and stored rows) for planning's resources."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime

import sqlalchemy as sa
from google.protobuf.timestamp_pb2 import Timestamp
from mcr.planning.v1 import planning_pb2 as pb
from mcr_core.errors import InvalidArgument

from mcr_planning.domain import (
    ChainNode,
    Commitment,
    DecisionPattern,
    DecisionRole,
    EdgeKind,
    GapKind,
    GoalGap,
    Layer,
    Member,
    ObligationStatus,
    PowerPerson,
    RelationshipGoal,
    Team,
    employee_id_from_name,
    missing_roles,
    parse_enum,
    person_ids_from_name,
)


def timestamp(moment: datetime) -> Timestamp:
    stamp = Timestamp()
    stamp.FromDatetime(moment.astimezone(UTC))
    return stamp


def from_timestamp(stamp: Timestamp) -> datetime:
    return stamp.ToDatetime(tzinfo=UTC)


def required_time(message, field: str, path: str) -> datetime:
    if not message.HasField(field):
        raise InvalidArgument.field(path, "is required")
    return from_timestamp(getattr(message, field))


def employee(employee_id: str) -> str:
    return f"employees/{employee_id}" if employee_id else ""


def optional_employee(name: str, path: str) -> str:
    return employee_id_from_name(name, path) if name else ""


# --- teams -----------------------------------------------------------------------------------


def team_to_proto(team: Team) -> pb.CustomerTeam:
    return pb.CustomerTeam(
        name=f"customers/{team.customer_id}/planningTeam",
        region=team.region,
        tier=team.tier,
        members=[
            pb.TeamMember(employee=employee(m.employee_id), org_unit=m.org_unit, role=m.role)
            for m in team.members
        ],
        org_level=team.org_level.value,
        general_level=team.general_level.value,
        update_time=timestamp(team.update_time),
        etag=team.etag,
    )


def members_from_proto(members: Sequence[pb.TeamMember]) -> list[Member]:
    return [
        Member(
            employee_id_from_name(m.employee, f"customer_team.members[{i}].employee"),
            m.org_unit,
            m.role or "member",
        )
        for i, m in enumerate(members)
    ]


# --- plans and items -------------------------------------------------------------------------


def item_to_proto(item: sa.Row) -> pb.PlanItem:
    message = pb.PlanItem(
        name=f"{item.parent}/items/{item.id}",
        kind=item.kind,
        sequence=item.sequence,
        due_time=timestamp(item.due_time),
        state=item.state,
        completed_by=employee(item.completed_by),
        summary=item.summary,
    )
    if item.complete_time is not None:
        message.complete_time.CopyFrom(timestamp(item.complete_time))
    return message


def plan_to_proto(plan: sa.Row, items: Sequence[sa.Row]) -> pb.AnnualPlan:
    return pb.AnnualPlan(
        name=f"customers/{plan.customer_id}/annualPlans/{plan.year}",
        region=plan.region,
        year=plan.year,
        tier=plan.tier,
        items=[item_to_proto(i) for i in items],
        issue_time=timestamp(plan.issue_time),
    )


# --- goals -----------------------------------------------------------------------------------


def relationship_goal_to_proto(goal: RelationshipGoal) -> pb.RelationshipGoal:
    return pb.RelationshipGoal(
        org_level=goal.org_level.value,
        exclusive_cxos=goal.exclusive_cxos,
        non_exclusive_key_persons=goal.non_exclusive_key_persons,
        general_level=goal.general_level.value,
    )


def goal_to_proto(row: sa.Row) -> pb.MarketGoal:
    return pb.MarketGoal(
        name=f"customers/{row.customer_id}/marketGoals/{row.id}",
        kind=row.kind,
        product_segment=row.product_segment,
        scope=row.scope,
        target_share_percent=row.target_share_percent,
        target_year=row.target_year,
        description=row.description,
        opportunity=row.opportunity,
        relationship_goal=pb.RelationshipGoal(**row.relationship_goal),
        create_time=timestamp(row.create_time),
    )


def gap_to_proto(gap: GoalGap) -> pb.GoalGap:
    return pb.GoalGap(aspect=gap.aspect, required=gap.required, current=gap.current, met=gap.met)


# --- assessments -----------------------------------------------------------------------------


def assessment_to_proto(row: sa.Row) -> pb.Assessment:
    return pb.Assessment(
        name=f"{row.person}/assessments/{row.id}",
        dimensions=row.dimensions,
        level=row.level,
        evidence_key_events=row.evidence,
        competitor_support=row.competitor_support,
        note=row.note,
        assessed_by=employee(row.assessed_by),
        assess_time=timestamp(row.assess_time),
        spot_check=row.spot_check,
    )


# --- power map -------------------------------------------------------------------------------

PERSON_FIELDS = {
    "display_name",
    "role",
    "layer",
    "support",
    "competitor_support",
    "coach",
    "veto",
    "owner",
    "target_level",
}


def person_to_proto(p: PowerPerson) -> pb.PowerMapPerson:
    return pb.PowerMapPerson(
        person=p.person,
        display_name=p.display_name,
        role=p.role.value,
        layer=p.layer.value,
        support=p.support,
        competitor_support=dict(p.competitor_support),
        coach=p.coach,
        veto=p.veto,
        owner=employee(p.owner),
        target_level=p.target_level or 0,
        has_target_level=p.target_level is not None,
    )


def person_from_proto(m: pb.PowerMapPerson, fields: set[str] | None) -> tuple[str, PowerPerson]:
    """The person of a request; with an update mask only the masked fields are read (the
    others keep the stored values)."""
    path = "power_map_person"
    customer_id, _ = person_ids_from_name(m.person, f"{path}.person")

    def read(field: str, kind, default):
        if fields is not None and field not in fields:
            return default
        return parse_enum(kind, getattr(m, field), f"{path}.{field}")

    person = PowerPerson(
        person=m.person,
        display_name=m.display_name,
        role=read("role", DecisionRole, DecisionRole.INFLUENCER),
        layer=read("layer", Layer, Layer.LOW),
        support=m.support,
        competitor_support=dict(m.competitor_support),
        coach=m.coach,
        veto=m.veto,
        owner=optional_employee(m.owner, f"{path}.owner"),
        target_level=m.target_level if m.target_level else None,
    )
    return customer_id, person


def power_map_to_proto(
    name: str, persons: Sequence[PowerPerson], edges: Sequence[sa.Row], gaps: Sequence[sa.Row]
) -> pb.PowerMap:
    """Built in place: a big map is thousands of messages, and copying each into the lists
    would cost as much again."""
    message = pb.PowerMap(name=name, gaps=[coverage_gap_to_proto(g) for g in gaps])
    add_person, add_edge = message.persons.add, message.edges.add
    for p in persons:
        add_person(
            person=p.person,
            display_name=p.display_name,
            role=p.role.value,
            layer=p.layer.value,
            support=p.support,
            competitor_support=p.competitor_support,
            coach=p.coach,
            veto=p.veto,
            owner=employee(p.owner),
            target_level=p.target_level or 0,
            has_target_level=p.target_level is not None,
        )
    for e in edges:
        add_edge(
            name=f"customers/{e.customer_id}/powerMapEdges/{e.id}",
            source=e.source,
            target=e.target,
            kind=e.kind,
        )
    return message


def edge_to_proto(row: sa.Row) -> pb.PowerMapEdge:
    return pb.PowerMapEdge(
        name=f"customers/{row.customer_id}/powerMapEdges/{row.id}",
        source=row.source,
        target=row.target,
        kind=row.kind,
    )


def coverage_gap_to_proto(row: sa.Row) -> pb.CoverageGap:
    return pb.CoverageGap(
        name=f"customers/{row.customer_id}/coverageGaps/{row.id}",
        kind=GapKind(row.kind).value,
        subject=row.subject,
        detail=row.detail,
        open_time=timestamp(row.open_time),
    )


def edge_kind(value: str) -> EdgeKind:
    return parse_enum(EdgeKind, value, "power_map_edge.kind")


# --- targets, sponsors, cards ----------------------------------------------------------------


def target_to_proto(row: sa.Row) -> pb.Target:
    return pb.Target(
        name=f"customers/{row.customer_id}/targets/{row.id}",
        person=row.person,
        market_goal=f"customers/{row.customer_id}/marketGoals/{row.market_goal}",
        owner=employee(row.owner),
        owner_job_grade=row.owner_job_grade,
        owner_kpi=row.owner_kpi,
        backup=employee(row.backup),
        target_level=row.target_level,
        important=row.important,
        information_channels=row.information_channels,
        pr_route=row.pr_route,
        create_time=timestamp(row.create_time),
    )


def sponsorship_to_proto(row: sa.Row) -> pb.Sponsorship:
    return pb.Sponsorship(
        name=f"customers/{row.customer_id}/sponsorships/{row.id}",
        target=f"customers/{row.customer_id}/targets/{row.target_id}",
        sponsor=employee(row.sponsor),
        sponsor_layer=row.sponsor_layer,
        project=row.project,
    )


def commitment_from_proto(m: pb.Commitment) -> Commitment:
    due = required_time(m, "due_time", "expansion_card.commitment.due_time").date()
    return Commitment(m.goal, m.metric, m.target_value, due)


def card_to_proto(row: sa.Row, items: Sequence[sa.Row]) -> pb.ExpansionCard:
    c = row.commitment
    due = date.fromisoformat(c["due_date"])
    return pb.ExpansionCard(
        name=f"expansionCards/{row.id}",
        customer=f"customers/{row.customer_id}",
        person=row.person,
        owner=employee(row.owner),
        owner_org_unit=row.owner_org_unit,
        sponsor=employee(row.sponsor),
        commitment=pb.Commitment(
            goal=c["goal"],
            metric=c["metric"],
            target_value=c["target_value"],
            due_time=timestamp(datetime(due.year, due.month, due.day, tzinfo=UTC)),
        ),
        actions=row.actions,
        retrospectives=[item_to_proto(i) for i in items],
        start_time=timestamp(row.start_time),
        region=row.region,
    )


# --- projects, brand, competitors, compliance, handovers -------------------------------------


def project_to_proto(row: sa.Row) -> pb.Project:
    message = pb.Project(
        name=f"customers/{row.customer_id}/projects/{row.id}", display_name=row.display_name
    )
    if row.decision_time is not None:
        message.decision_time.CopyFrom(timestamp(row.decision_time))
    return message


def brand_activity_to_proto(row: sa.Row) -> pb.BrandActivity:
    return pb.BrandActivity(
        name=f"customers/{row.customer_id}/brandActivities/{row.id}",
        display_name=row.display_name,
        project=f"customers/{row.customer_id}/projects/{row.project_id}",
        activity_time=timestamp(row.activity_time),
        invitees=row.invitees,
        days=row.days,
        budget_units=row.budget_units,
    )


def competitor_to_proto(row: sa.Row, unanswered: list[str]) -> pb.CompetitorAnalysis:
    return pb.CompetitorAnalysis(
        name=f"customers/{row.customer_id}/competitorAnalyses/{row.competitor}",
        answers=row.answers,
        unanswered=unanswered,
        update_time=timestamp(row.update_time),
    )


def obligation_to_proto(status: ObligationStatus) -> pb.ObligationStatus:
    return pb.ObligationStatus(
        code=status.code, met=status.met, checked=status.checked, reason=status.reason
    )


def handover_to_proto(row: sa.Row) -> pb.Handover:
    return pb.Handover(
        person=row.person,
        from_employee=employee(row.from_employee),
        to_employee=employee(row.to_employee),
        reason=row.reason,
        handover_time=timestamp(row.handover_time),
    )


def chain_nodes_from_proto(nodes) -> list[ChainNode]:
    return [
        ChainNode(
            n.person,
            parse_enum(DecisionRole, n.role, f"decision_chain.nodes[{i}].role"),
            n.hidden,
        )
        for i, n in enumerate(nodes)
    ]


def chain_to_proto(row: sa.Row, pattern: DecisionPattern | None) -> pb.DecisionChain:
    return pb.DecisionChain(
        name=f"customers/{row.customer_id}/decisionChains/{row.id}",
        scenario=row.scenario,
        nodes=[pb.DecisionChainNode(**node) for node in row.nodes],
        create_time=timestamp(row.create_time),
        missing_roles=missing_roles(pattern, row.nodes),
        expected_pattern=pattern.explanation if pattern else "",
    )


def relationship_plan_parts(m: pb.RelationshipPlan, fields: set[str]) -> dict[str, list[dict]]:
    """The parts of a request's plan as plain data, only those in `fields`."""
    readers = {
        "department_coverage": lambda: [
            {
                "department": c.department.strip(),
                "contacts_per_quarter": c.contacts_per_quarter,
                "persons_to_cover": c.persons_to_cover,
            }
            for c in m.department_coverage
        ],
        "staff_duties": lambda: [
            {"role": d.role.strip(), "duty": d.duty.strip()} for d in m.staff_duties
        ],
        "org_activities": lambda: [
            {
                "kind": a.kind,
                "description": a.description.strip(),
                "planned_time": from_timestamp(a.planned_time).isoformat()
                if a.HasField("planned_time")
                else "",
            }
            for a in m.org_activities
        ],
        "activity_plan": lambda: [
            {
                "level": e.level,
                "description": e.description.strip(),
                "persons": list(e.persons),
                "departments": list(e.departments),
            }
            for e in m.activity_plan
        ],
    }
    return {field: readers[field]() for field in fields}


def relationship_plan_to_proto(row: sa.Row) -> pb.RelationshipPlan:
    body = row.body
    activities = []
    for a in body.get("org_activities", []):
        activity = pb.OrgActivity(kind=a["kind"], description=a["description"])
        if a["planned_time"]:
            activity.planned_time.CopyFrom(timestamp(datetime.fromisoformat(a["planned_time"])))
        activities.append(activity)
    return pb.RelationshipPlan(
        name=f"customers/{row.customer_id}/relationshipPlans/{row.year}",
        department_coverage=[
            pb.DepartmentCoverage(**c) for c in body.get("department_coverage", [])
        ],
        staff_duties=[pb.StaffDuty(**d) for d in body.get("staff_duties", [])],
        org_activities=activities,
        activity_plan=[pb.ActivityPlanEntry(**e) for e in body.get("activity_plan", [])],
        update_time=timestamp(row.update_time),
        etag=row.etag,
    )
