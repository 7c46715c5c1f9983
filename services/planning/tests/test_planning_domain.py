"""The book's planning rules, without I/O."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from mcr_core.errors import FailedPrecondition, InvalidArgument
from mcr_planning import defaults
from mcr_planning.assessments.domain import assessed_level, check_evidence, weigh_risk
from mcr_planning.brand.domain import BudgetEstimate, Project, check_brand_activity
from mcr_planning.cards.domain import Commitment, check_commitment, retrospective_dates
from mcr_planning.domain import (
    CurrentState,
    CustomerDate,
    DecisionRole,
    EdgeKind,
    GeneralLevel,
    Layer,
    OrgLevel,
    PowerEdge,
    PowerPerson,
    RelationshipGoal,
    SupportScale,
    current_state,
)
from mcr_planning.goals.domain import GoalKind, MarketGoal, gap_analysis
from mcr_planning.keypersons.domain import check_action_plan, check_sponsor, check_target
from mcr_planning.powermap.domain import (
    GapKind,
    Thresholds,
    coverage_gaps,
    scenario_gaps,
    tier_compliance,
)
from mcr_planning.teams.domain import CycleCalendar, ItemKind, dates_ahead, year_items

SCALE = SupportScale()
CUSTOMER = "customers/gd-mobile"


def person(pid: str, support: int = 0, **fields) -> PowerPerson:
    values = {
        "person": f"{CUSTOMER}/persons/{pid}",
        "display_name": pid,
        "role": DecisionRole.INFLUENCER,
        "layer": Layer.MIDDLE,
        "support": support,
    }
    return PowerPerson(**(values | fields))


# --- support scale (decision 6) ---------------------------------------------------------------


def test_the_scale_runs_from_minus_three_to_plus_three():
    assert SCALE.check(-3, "level") == -3 and SCALE.check(3, "level") == 3
    with pytest.raises(InvalidArgument) as error:
        SCALE.check(4, "level")
    assert error.value.violations[0].field == "level"


def test_a_coarser_scale_must_keep_a_negative_level():
    assert SupportScale((-1, 0, 1, 2, 3)).problems() is None
    assert "negative" in SupportScale((0, 1, 2)).problems()
    assert SupportScale((-1, 0, 1, 2, 3)).nearest(-2.6) == -1


# --- assessment (decision 7) ------------------------------------------------------------------


def test_process_and_result_weigh_three_to_seven():
    # process mean +1, result mean +3: 0.3*1 + 0.7*3 = 2.4 → +2
    level = assessed_level({"acceptance": 1, "participation": 1, "decision_support": 3}, SCALE)
    assert level == 2
    # process mean +3, result mean 0: 0.9 → +1; with 2:8 it is 0.6 → +1; only result → 0
    assert assessed_level({"acceptance": 3, "competitive_attitude": 0}, SCALE) == 1
    assert assessed_level({"competitive_attitude": 0}, SCALE) == 0


def test_an_unknown_dimension_is_named():
    with pytest.raises(InvalidArgument) as error:
        assessed_level({"charm": 2}, SCALE)
    assert error.value.violations[0].field == "assessment.dimensions[charm]"


def test_a_positive_level_needs_a_recorded_key_event():
    with pytest.raises(FailedPrecondition, match="cite at least one recorded key event"):
        check_evidence(1, [], set())
    with pytest.raises(FailedPrecondition, match="not a key event recorded"):
        check_evidence(1, ["customers/c/keyEvents/x"], set())
    check_evidence(1, ["customers/c/keyEvents/x"], {"customers/c/keyEvents/x"})
    check_evidence(0, [], set())  # neutral and below need no evidence


def test_a_risk_signal_lowers_support_by_one_step_of_the_scale():
    assert weigh_risk(2, SCALE) == 1
    assert weigh_risk(-3, SCALE) == -3
    assert weigh_risk(1, SupportScale((-1, 0, 1, 3))) == 0


# --- goals: the book's 40 % share of product A in Guangdong -----------------------------------


def test_forty_percent_of_product_a_in_guangdong_needs_partner_level_and_two_exclusive_cxos():
    goal = MarketGoal(GoalKind.SHARE, "product A", 40.0, 2027, "40% of A", scope="Guangdong")
    required = defaults.planning_relationship_goal(goal)
    assert required == RelationshipGoal(OrgLevel.PARTNER, 2, 3, GeneralLevel.MEDIUM)

    persons = [
        person("ceo", 2, layer=Layer.HIGH, role=DecisionRole.DECIDER),
        person("cto", 1, layer=Layer.HIGH),
        person("planning", 1),
        person("procurement", -1, role=DecisionRole.BUYER),
    ]
    state = current_state(persons, OrgLevel.COOPERATION, GeneralLevel.MEDIUM)
    assert state == CurrentState(OrgLevel.COOPERATION, 1, 2, GeneralLevel.MEDIUM)
    gaps = {g.aspect: g for g in gap_analysis(required, state)}
    assert not gaps["org_level"].met and gaps["org_level"].current == "cooperation"
    assert (gaps["exclusive_cxos"].required, gaps["exclusive_cxos"].current) == ("2", "1")
    assert not gaps["non_exclusive_key_persons"].met
    assert gaps["general_level"].met


# --- targets: the four checks, decision 8 ------------------------------------------------------


def test_a_competitors_supporter_is_refused_as_a_target():
    with pytest.raises(FailedPrecondition, match="never a PR target") as error:
        check_target(person("x", -2), True, 18, 14, 0, 10)
    assert error.value.violations[0].field == "target.person"
    with pytest.raises(FailedPrecondition, match="supports competitor acme at \\+3"):
        check_target(person("y", 0, competitor_support={"acme": 3}), True, 18, 14, 0, 10)


def test_the_other_three_checks():
    with pytest.raises(FailedPrecondition, match="market goal"):
        check_target(person("x", 0), False, 18, 14, 0, 10)
    with pytest.raises(FailedPrecondition, match="grade 14 is below the grade 18"):
        check_target(person("x", 0, layer=Layer.HIGH), True, 14, 18, 0, 10)
    with pytest.raises(FailedPrecondition, match="limit reached"):
        check_target(person("x", 0), True, 18, 14, 10, 10)
    check_target(person("x", -1), True, 18, 14, 0, 10)  # an opponent may be won back


def test_important_targets_need_two_information_channels():
    with pytest.raises(InvalidArgument) as error:
        check_action_plan(True, ["coach", "coach"], ["cto"])
    assert error.value.violations[0].field == "target.information_channels"
    check_action_plan(True, ["coach", "partner"], ["cto"])
    check_action_plan(False, ["coach"], ["cto"])


def test_sponsor_limit_and_status_parity():
    with pytest.raises(FailedPrecondition, match="already sponsors 3"):
        check_sponsor(Layer.HIGH, Layer.HIGH, 3, 3)
    with pytest.raises(FailedPrecondition, match="status parity"):
        check_sponsor(Layer.MIDDLE, Layer.HIGH, 0, 3)
    check_sponsor(Layer.HIGH, Layer.MIDDLE, 2, 3)


# --- cards and brand activities ---------------------------------------------------------------


def test_a_card_commitment_must_be_measurable_and_within_six_months():
    start = date(2027, 1, 10)
    check_commitment(Commitment("new product selected", "selections", 1, date(2027, 7, 10)), start)
    with pytest.raises(InvalidArgument) as error:
        check_commitment(Commitment("be closer to the CTO", "", 0, date(2027, 6, 1)), start)
    fields = {v.field for v in error.value.violations}
    assert fields == {"expansion_card.commitment.metric", "expansion_card.commitment.target_value"}
    with pytest.raises(InvalidArgument, match="within six months"):
        check_commitment(Commitment("x", "visits", 3, date(2027, 9, 1)), start)


def test_retrospectives_fall_every_three_months():
    assert retrospective_dates(date(2027, 1, 31), date(2027, 7, 31)) == [
        date(2027, 4, 30),
        date(2027, 7, 31),
    ]


def test_brand_activity_three_checks():
    project = Project("p1", "core network", date(2027, 3, 15))
    budget = BudgetEstimate(20, 3, 300_000)
    check_brand_activity(project, "project", date(2027, 2, 20), budget)
    with pytest.raises(FailedPrecondition, match="opportunity list"):
        check_brand_activity(None, "project", date(2027, 2, 20), budget)
    with pytest.raises(FailedPrecondition, match="not before the project's decision"):
        check_brand_activity(project, "project", date(2027, 4, 1), budget)  # Barcelona in April
    with pytest.raises(InvalidArgument) as error:
        check_brand_activity(project, "project", date(2027, 2, 20), BudgetEstimate(0, 3, 0))
    assert {v.field for v in error.value.violations} == {
        "brand_activity.invitees",
        "brand_activity.budget_units",
    }


# --- power map gaps and tier obligations -------------------------------------------------------


def test_power_map_gaps():
    ceo = person("ceo", 0, layer=Layer.HIGH, role=DecisionRole.DECIDER)
    cto = person("cto", 2, layer=Layer.HIGH, target_level=3, owner="e1")
    obligations = frozenset({"key_relationship", "general_relationship"})
    goal = RelationshipGoal(OrgLevel.PARTNER, 2, 3, GeneralLevel.MEDIUM)
    gaps = {(g.kind, g.subject) for g in coverage_gaps(CUSTOMER, obligations, [ceo, cto], [], goal)}
    assert gaps == {
        (GapKind.SINGLE_THREADED, CUSTOMER),
        (GapKind.NO_COACH, CUSTOMER),
        (GapKind.DECIDER_UNSUPPORTED, ceo.person),
        (GapKind.EXCLUSIVE_CXOS_SHORT, CUSTOMER),
        (GapKind.OWNER_BELOW_TARGET, cto.person),
    }
    # a supporter who influences the decider closes that gap; a coach closes another
    edges = [PowerEdge(cto.person, ceo.person, EdgeKind.INFLUENCE)]
    coach = person("coach", 3, coach=True)
    gaps = {g.kind for g in coverage_gaps(CUSTOMER, obligations, [ceo, cto, coach], edges, goal)}
    assert gaps == {GapKind.EXCLUSIVE_CXOS_SHORT, GapKind.OWNER_BELOW_TARGET}
    # an account whose tier does not oblige key relationships is never single-threaded
    gaps = {g.kind for g in coverage_gaps(CUSTOMER, frozenset(), [cto], [], None)}
    assert GapKind.SINGLE_THREADED not in gaps


def test_gaps_per_business_scenario():
    """R-66 (A and B owners of a key role, the decider owned), R-60 (the decider first),
    R-61 (no clear disadvantage in level against a competitor), R-CON-13 (every scenario's
    decision chain has our supporter): checked per scenario's chain."""
    decider, approver, buyer = DecisionRole.DECIDER, DecisionRole.APPROVER, DecisionRole.BUYER
    ceo = person("ceo", 0, layer=Layer.HIGH, decision_roles=(("grid", decider), ("it", approver)))
    head = person("head", 1, layer=Layer.MIDDLE, decision_roles=(("grid", buyer),))
    cfo = person(
        "cfo",
        0,
        layer=Layer.HIGH,
        competitor_support={"rival": 2},
        decision_roles=(("it", decider),),
    )

    def found(persons, backed_up=frozenset()):
        return {
            (g.kind, g.scenario, g.subject) for g in scenario_gaps(persons, backed_up, CUSTOMER)
        }

    assert found([ceo, head, cfo]) == {
        # each scenario's decider needs an owner.
        (GapKind.DECIDER_WITHOUT_OWNER, "grid", ceo.person),
        (GapKind.DECIDER_WITHOUT_OWNER, "it", cfo.person),
        # R-60 / R-CON-13: our only supporter in grid sits below its decider; none in it.
        (GapKind.NO_SUPPORTER_AT_DECIDER_LEVEL, "grid", ceo.person),
        (GapKind.NO_SUPPORTER_AT_DECIDER_LEVEL, "it", cfo.person),
        # the rival's supporter is senior in it, we have nobody there.
        (GapKind.COMPETITOR_SUPPORTER_ABOVE_OURS, "it", CUSTOMER),
    }
    # The CEO owned and supporting closes grid and levels it with the rival; as a key role
    # with an owner the CEO now needs a backup owner in both chains until a target pairs
    # an A and a B.
    owned = replace(ceo, support=1, owner="e-lead")
    cfo_owned = replace(cfo, owner="e-vp")
    assert found([owned, head, cfo_owned]) == {
        (GapKind.KEY_ROLE_WITHOUT_BACKUP, "grid", ceo.person),
        (GapKind.KEY_ROLE_WITHOUT_BACKUP, "it", ceo.person),
        (GapKind.KEY_ROLE_WITHOUT_BACKUP, "it", cfo.person),
    }
    backed = frozenset({ceo.person, cfo.person})
    assert found([owned, head, cfo_owned], backed) == set()
    # A person with no scenario (planning's former sketch) is in no chain.
    assert found([person("old", 0, role=decider, layer=Layer.HIGH)]) == set()
    # Two competitors above us in one chain are two gaps.
    both = replace(cfo, competitor_support={"rival": 2, "other": 1})
    competitor_gaps = [
        g for g in scenario_gaps([both], frozenset(), CUSTOMER)
        if g.kind is GapKind.COMPETITOR_SUPPORTER_ABOVE_OURS
    ]  # fmt: skip
    assert sorted(g.competitor for g in competitor_gaps) == ["other", "rival"]
    assert len({g.key for g in competitor_gaps}) == 2


def test_tier_compliance_reads_the_obligations_it_is_given():
    persons = [person("a", 1), person("b", 2)]
    state = current_state(persons, OrgLevel.CONTACT, GeneralLevel.HIGH)
    statuses = {
        s.code: s
        for s in tier_compliance(
            ["general_relationship", "key_relationship", "organisational_relationship", "cp"],
            state,
            persons,
            [],
            Thresholds(),
        )
    }
    assert statuses["general_relationship"].met
    assert statuses["key_relationship"].met
    assert not statuses["organisational_relationship"].met
    assert not statuses["cp"].checked
    assert tier_compliance([], state, persons, [], Thresholds()) == []


# --- the annual cycle -------------------------------------------------------------------------


def test_a_year_issues_the_three_piece_set_due_end_of_march():
    items = year_items(2027, CycleCalendar())
    three = [i for i in items if i.kind in (ItemKind.PR_PLAN, ItemKind.GOAL_STATEMENT)]
    assert all(i.due_time == datetime(2027, 3, 31, 23, 59, 59, tzinfo=UTC) for i in three)
    kinds = [i.kind for i in items]
    assert kinds.count(ItemKind.SELF_CHECK) == 4 and kinds.count(ItemKind.REVISION) == 1
    assert kinds[-1] is ItemKind.EVALUATION
    assert CycleCalendar(revisions=((2, 30),)).problems() is not None


def test_a_plan_item_due_in_the_run_up_to_a_customer_date_names_it():
    """The energy pack's budget round (15 October, prepared four weeks ahead) holds the third
    self-check (30 September); the tender batch (1 March, three weeks) holds no default item."""
    budget = CustomerDate("budget_round", "budget set", 10, 15, 28, "energy")
    tender = CustomerDate("tender_batch", "tender opens", 3, 1, 21, "energy")
    due = {
        (i.kind, i.sequence): dates_ahead(i.due_time, (budget, tender))
        for i in year_items(2027, CycleCalendar())
    }
    assert due[(ItemKind.SELF_CHECK, 3)] == ["budget_round"]
    assert [k for k, kinds in due.items() if kinds] == [(ItemKind.SELF_CHECK, 3)]
    # The run-up ends on the date; it may start in the year before (a January tender).
    assert dates_ahead(datetime(2027, 10, 15, 23, tzinfo=UTC), (budget,)) == ["budget_round"]
    assert dates_ahead(datetime(2027, 10, 16, tzinfo=UTC), (budget,)) == []
    january = CustomerDate("tender_batch", "tender opens", 1, 10, 21, "energy")
    assert dates_ahead(datetime(2027, 12, 20, tzinfo=UTC), (january,)) == ["tender_batch"]
    assert dates_ahead(datetime(2027, 12, 19, tzinfo=UTC), (january,)) == []
    leap = CustomerDate("budget_round", "budget set", 2, 29, 1, "energy")
    assert dates_ahead(datetime(2027, 2, 28, tzinfo=UTC), (leap,)) == ["budget_round"]
