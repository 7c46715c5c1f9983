"""Satisfaction's pure rules: the issue's life, the refusals, SLAs, surveys, VoC and KPIs."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from mcr_core.errors import FailedPrecondition, InvalidArgument, PermissionDenied
from mcr_satisfaction import domain
from mcr_satisfaction.domain import (
    Issue,
    IssueSla,
    KpiCounts,
    Party,
    Rating,
    Revisit,
    State,
    Traceback,
)

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
SUBMITTER = Party("am-1", "/south/office-1/team-1")
ACCEPTOR = Party("hotline-1", "/south/service")
RECEIVER = Party("sales-2", "/south/office-1/team-1")
OWNER = Party("smd-1", "/south/sales-management")


def new_issue(**fields) -> Issue:
    values = {
        "id": "i1",
        "customer_id": "c1",
        "region": "south",
        "person": "customers/c1/persons/p1",
        "title": "Spare parts arrived late",
        "type": "non_technical",
        "urgency": "urgent",
        "source": "hotline",
        "submitter": SUBMITTER,
        "create_time": T0,
        "acceptor": ACCEPTOR,
    }
    return Issue(**(values | fields))


def fields_of(error) -> list[str]:
    return [v.field for v in error.value.violations]


def handled(issue: Issue) -> Issue:
    issue = domain.accept(issue, ACCEPTOR.employee_id, True, "", T0)
    issue = domain.distribute(issue, ACCEPTOR.employee_id, RECEIVER)
    return domain.start_handling(issue, RECEIVER.employee_id, "case-7", "", False, True, T0)


def visit(score: int, when: datetime = T0, contact: str = "customers/c1/persons/p1") -> Revisit:
    return Revisit(contact, score, "", "am-1", when)


def test_an_issue_lives_from_acceptance_to_closure_through_a_qa_traceback():
    issue = handled(new_issue())
    assert issue.state == State.HANDLING and issue.response_time == T0
    issue = domain.escalate(issue, RECEIVER.employee_id, "owner_undeterminable", OWNER)
    assert (issue.state, issue.level, issue.escalations) == (State.ESCALATED, "region", 1)
    issue = domain.resolve(issue, OWNER.employee_id, "replaced the parts", T0)
    issue = domain.revisit(issue, visit(2), None)
    assert issue.state == State.QA_TRACEBACK
    issue = domain.trace_back(issue, Traceback("warehouse", "late dispatch", "qa-1", T0))
    assert issue.state == State.HANDLING and len(issue.tracebacks) == 1
    issue = domain.resolve(issue, OWNER.employee_id, "dispatched again", T0)
    later = T0 + timedelta(days=11)
    issue = domain.revisit(issue, visit(4, later), T0)
    assert issue.state == State.REVISITED
    issue = domain.close(issue, SUBMITTER.employee_id, later)
    assert issue.state == State.CLOSED and issue.close_time == later


def test_only_the_submitter_closes():
    issue = domain.revisit(
        domain.resolve(handled(new_issue()), RECEIVER.employee_id, "ok", T0), visit(5), None
    )
    with pytest.raises(PermissionDenied, match="only the submitter"):
        domain.close(issue, RECEIVER.employee_id, T0)


def test_closing_needs_a_revisit_score():
    issue = domain.resolve(handled(new_issue()), RECEIVER.employee_id, "ok", T0)
    with pytest.raises(FailedPrecondition) as error:
        domain.close(issue, SUBMITTER.employee_id, T0)
    assert fields_of(error) == ["revisit"]


def test_the_same_contact_is_not_revisited_twice_within_ten_days():
    issue = domain.resolve(handled(new_issue()), RECEIVER.employee_id, "ok", T0)
    with pytest.raises(FailedPrecondition) as error:
        domain.revisit(issue, visit(4, T0 + timedelta(days=9, hours=23)), T0)
    assert fields_of(error) == ["contact"]
    assert domain.revisit(issue, visit(4, T0 + timedelta(days=10)), T0).state == State.REVISITED


def test_escalation_needs_one_of_the_four_reasons_and_stops_at_the_company():
    issue = handled(new_issue())
    with pytest.raises(InvalidArgument) as error:
        domain.escalate(issue, RECEIVER.employee_id, "", None)
    assert fields_of(error) == ["reason"]
    with pytest.raises(InvalidArgument):
        domain.escalate(issue, RECEIVER.employee_id, "customer is annoyed", None)
    issue = domain.escalate(issue, RECEIVER.employee_id, "needs_arbitration", None)
    issue = domain.escalate(issue, RECEIVER.employee_id, "bid_or_social_impact", None)
    assert issue.level == "company"
    with pytest.raises(FailedPrecondition) as error:
        domain.escalate(issue, RECEIVER.employee_id, "needs_arbitration", None)
    assert fields_of(error) == ["level"]


def test_the_first_asker_handles_first_and_plans_need_consent():
    issue = domain.distribute(
        domain.accept(new_issue(), ACCEPTOR.employee_id, True, "", T0),
        ACCEPTOR.employee_id,
        RECEIVER,
    )
    with pytest.raises(PermissionDenied, match="only the receiver"):
        domain.start_handling(issue, "someone-else", "", "", False, True, T0)
    with pytest.raises(FailedPrecondition) as error:
        domain.start_handling(issue, RECEIVER.employee_id, "case-1", "swap board", False, True, T0)
    assert fields_of(error) == ["customer_consent"]
    with pytest.raises(FailedPrecondition) as error:  # escalating before trying is refused
        domain.escalate(issue, RECEIVER.employee_id, "needs_arbitration", None)
    assert fields_of(error) == ["state"]


def test_an_invalid_issue_is_rejected_and_redistribution_is_counted():
    assert domain.accept(new_issue(), ACCEPTOR.employee_id, False, "", T0).state == State.REJECTED
    issue = domain.distribute(
        domain.accept(new_issue(), ACCEPTOR.employee_id, True, "", T0),
        ACCEPTOR.employee_id,
        RECEIVER,
    )
    issue = domain.distribute(issue, ACCEPTOR.employee_id, OWNER)
    assert issue.distributions == 2 and issue.receiver == OWNER


def test_new_issues_name_every_bad_field():
    with pytest.raises(InvalidArgument) as error:
        domain.check_new_issue(new_issue(title=" ", type="gossip", urgency="asap"))
    assert fields_of(error) == ["issue.title", "issue.type", "issue.urgency"]
    with pytest.raises(InvalidArgument) as error:
        domain.check_new_issue(new_issue(person="", key_person=True))
    assert fields_of(error) == ["issue.person"]


def test_urgent_issues_are_always_revisited_and_major_ones_need_an_earlier_trace():
    assert domain.revisit_required(new_issue(urgency="urgent"))
    assert not domain.revisit_required(new_issue(urgency="normal"))
    assert domain.is_major(new_issue(urgency="normal", type="complaint"))
    assert not domain.is_major(new_issue(urgency="normal"))


def test_sla_deadlines_come_from_the_policy_and_a_stricter_contract():
    slas = [IssueSla("critical", timedelta(hours=2), timedelta(hours=16))]
    deadlines = domain.sla_deadlines(slas, "critical", T0)
    assert (deadlines.response, deadlines.resolution) == (
        T0 + timedelta(hours=2),
        T0 + timedelta(hours=16),
    )
    assert domain.sla_deadlines(slas, "critical", T0, timedelta(hours=8)).resolution == (
        T0 + timedelta(hours=8)
    )
    assert domain.sla_deadlines(slas, "critical", T0, timedelta(hours=40)).resolution == (
        T0 + timedelta(hours=16)
    )
    # No SLA for the severity in the policy: the fallback (the lowest default tier's).
    assert domain.sla_deadlines(slas, "minor", T0).response == T0 + timedelta(hours=168)


def test_satisfaction_is_perception_minus_expectation_over_the_four_expectations():
    ratings = {
        "timely_response": Rating(5, 3),
        "understanding_business": Rating(4, 4),
        "bringing_resources": Rating(4, 2),
        "trustworthy": Rating(3, 4),
    }
    assert domain.satisfaction(ratings) == pytest.approx((-2 + 0 - 2 + 1) / 4)
    assert not domain.is_detractor(ratings)  # −0.75 is not a full point short…
    ratings["trustworthy"] = Rating(3, 3)  # … −1.0 is
    assert domain.satisfaction(ratings) == -1.0
    assert domain.is_detractor(ratings)
    with pytest.raises(InvalidArgument) as error:
        domain.check_ratings({"timely_response": Rating(0, 6)})
    assert set(fields_of(error)) == {
        "ratings",
        "ratings[timely_response].expectation",
        "ratings[timely_response].perception",
    }


def test_detractor_threshold():
    base = {e: Rating(4, 4) for e in domain.EXPECTATIONS}
    assert not domain.is_detractor(base)
    assert domain.is_detractor(base | {"timely_response": Rating(5, 1)})


def test_survey_samples():
    customers = [f"c{i}" for i in range(25)]
    assert domain.project_sample(customers, large=True) == customers
    assert domain.project_sample(customers, large=False) == ["c0", "c8", "c16"]  # ceil(2.5)
    assert domain.activity_revisit_due(T0) == T0 + timedelta(days=3)
    plan = domain.third_party_sample(50_000_000)
    assert plan.size == 30 and plan.per_level == {"senior": 6, "middle": 9, "grassroots": 15}
    small = domain.third_party_sample(1_000_000)
    assert small.size == 5 and all(n >= 1 for n in small.per_level.values())
    assert domain.third_party_sample(10**12).size == domain.MAX_SAMPLE


def test_voice_of_customer_moves_one_stage_at_a_time_and_sales_reports_weigh_more():
    item = domain.VocItem("v1", "c1", "south", "complaint", "sales_report", "late", SUBMITTER, T0)
    domain.check_voc(item)
    assert item.weight == 2.0 and item.passive
    assert domain.voc_weight("hotline") == 1.0
    with pytest.raises(FailedPrecondition):
        domain.advance_voc(item, "verify", "", T0)
    item = domain.advance_voc(item, "analyse", "", T0)
    item = domain.advance_voc(item, "distribute", "i1", T0)
    assert item.issue_id == "i1"
    with pytest.raises(InvalidArgument) as error:
        domain.check_voc(replace(item, kind="rumour", source="gossip", summary=""))
    assert fields_of(error) == ["voc_item.kind", "voc_item.source", "voc_item.summary"]


def test_improvement_items_are_tracked_to_done_and_ordered_by_tier_then_priority():
    item = domain.ImprovementItem("m1", "south", "A", "delivery", "late", 2, T0, "qa-1")
    domain.check_improvement(item)
    done = domain.advance_improvement(
        domain.advance_improvement(item, "in_progress", T0), "done", T0
    )
    assert done.state == "done"
    with pytest.raises(FailedPrecondition):
        domain.advance_improvement(done, "in_progress", T0)
    items = [item, replace(item, id="m2", tier="S", priority=3), replace(item, id="m3", priority=1)]
    ordered = sorted(items, key=domain.improvement_order({"S": 1, "A": 2}))
    assert [i.id for i in ordered] == ["m2", "m3", "m1"]


def test_kpis_from_counts():
    result = domain.kpis(
        KpiCounts(
            new_valid=10,
            distributed=10,
            distributed_once=9,
            due=4,
            closed_on_time=3,
            resolved=10,
            resolved_at_office=7,
            handled_at_region=3,
            resolved_at_region=3,
            issues=10,
            revisited=1,
            urgent=1,
            urgent_revisited=1,
        )
    )
    assert result.first_time_distribution_accuracy == 0.9
    assert result.on_time_closure_rate == 0.75
    assert result.self_resolution_rate == 0.7 and result.office_over_cap
    assert result.region_self_resolution_rate == 1.0 and not result.region_over_cap
    assert result.revisit_coverage == 0.1 and result.revisit_coverage_met


def test_issue_counts_in_python():
    closed = replace(
        new_issue(),
        distributions=1,
        resolve_time=T0,
        close_time=T0,
        sla_due_time=T0,
        revisits=(visit(4),),
        state=State.CLOSED,
    )
    escalated = replace(
        new_issue(id="i2", urgency="normal"), distributions=2, level="company", resolve_time=T0
    )
    invalid = replace(new_issue(id="i3"), valid=False)
    counts = domain.count_issues([closed, escalated, invalid], T0, T0 + timedelta(days=7))
    assert counts == KpiCounts(
        new_valid=2,
        distributed=2,
        distributed_once=1,
        due=1,
        closed_on_time=1,
        resolved=2,
        resolved_at_office=1,
        handled_at_region=1,
        resolved_at_region=0,
        issues=2,
        revisited=1,
        urgent=1,
        urgent_revisited=1,
    )


def test_weekly_quota_by_customer_size():
    assert domain.weekly_issue_quota(60_000_000) == 2
    assert domain.weekly_issue_quota(20_000_000) == 1
    assert domain.weekly_issue_quota(1_000_000) == 0


def test_only_the_acceptor_accepts_and_only_the_receiver_or_owner_resolves():
    with pytest.raises(PermissionDenied, match="only the issue's acceptor"):
        domain.accept(new_issue(), "someone-else", True, "", T0)
    with pytest.raises(PermissionDenied, match="only the receiver or the owner"):
        domain.resolve(handled(new_issue()), SUBMITTER.employee_id, "done", T0)
    with pytest.raises(InvalidArgument) as error:
        domain.resolve(handled(new_issue()), RECEIVER.employee_id, " ", T0)
    assert fields_of(error) == ["resolution"]
