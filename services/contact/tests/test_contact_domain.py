"""Contact's book rules, without I/O."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from mcr_contact import domain as d
from mcr_core.errors import InvalidArgument

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
TYPES = {t.code: t for t in (*d.TWELVE_PLUS_ONE, *d.OTHER_BOOK_TYPES)}


def activity(**fields) -> d.Activity:
    values = {
        "id": "a-1",
        "customer_id": "c-1",
        "region": "r",
        "type": "daily_visit",
        "relationship_type": d.RelationshipType.KEY,
        "state": d.ActivityState.DONE,
        "title": "golden 20 minutes",
        "start_time": NOW - timedelta(hours=2),
        "duration": timedelta(minutes=20),
        "owner_id": "e-1",
        "owner_unit": "/r/team",
        "target_persons": ["customers/c-1/persons/p-1"],
    }
    return d.Activity(**(values | fields))


def fields_of(violations) -> set[str]:
    return {v.field for v in violations}


def test_the_twelve_plus_one_scenarios_are_thirteen_distinct_types():
    assert len({t.code for t in d.TWELVE_PLUS_ONE}) == 13
    assert not {t.code for t in d.TWELVE_PLUS_ONE} & {t.code for t in d.OTHER_BOOK_TYPES}


def test_a_valid_activity_has_no_violations():
    assert d.activity_violations(activity(), NOW, TYPES) == []


@pytest.mark.parametrize(
    ("fields", "path"),
    [
        ({"start_time": NOW + timedelta(hours=1)}, "activity.start_time"),
        ({"duration": timedelta(0)}, "activity.duration"),
        ({"target_persons": ["customers/c-2/persons/p-1"]}, "activity.target_persons[0]"),
        ({"type": "karaoke"}, "activity.type"),
        ({"lifecycle_stage": "bidding"}, "activity.opportunity"),
        (
            {"lifecycle_stage": "dreaming", "opportunity": "customers/c-1/opportunities/o"},
            "activity.lifecycle_stage",
        ),
        ({"participants": ["bob"]}, "activity.participants[0]"),
        ({"target_persons": [], "target_departments": []}, "activity.target_persons"),
    ],
)
def test_bad_activities_name_the_field(fields, path):
    assert path in fields_of(d.activity_violations(activity(**fields), NOW, TYPES))


def test_a_planned_activity_may_lie_in_the_future():
    planned = activity(state=d.ActivityState.PLANNED, start_time=NOW + timedelta(days=3))
    assert d.activity_violations(planned, NOW, TYPES) == []


def test_gifts_over_the_limit_are_refused_or_flagged_as_the_region_says():
    over, under = d.Money("CNY", 800), d.Money("CNY", 300)
    refuse = d.ComplianceRule("cn", "CNY", 500, d.ComplianceAction.REFUSE)
    flag = d.ComplianceRule("eu", "CNY", 500, d.ComplianceAction.FLAG)
    assert d.gift_compliance(under, refuse, "gift_value") == ("", None)
    flagged, violation = d.gift_compliance(over, flag, "gift_value")
    assert violation is None and "500 CNY" in flagged
    _, violation = d.gift_compliance(over, refuse, "gift_value")
    assert violation is not None and violation.field == "gift_value"
    _, violation = d.gift_compliance(d.Money("EUR", 1), refuse, "gift_value")
    assert violation is not None and "CNY" in violation.description


def test_brand_activities_close_only_with_a_summary_and_their_issues_closed():
    brand = activity(
        type="company_visit",
        outstanding_issues=[
            d.OutstandingIssue("hotel was late"),
            d.OutstandingIssue("demo crashed", issue="issues/i-1"),
        ],
    )
    kind = TYPES["company_visit"]
    assert fields_of(d.closure_violations(brand, kind, {"issues/i-1"})) == {
        "summary",
        "outstanding_issues[0]",
        "outstanding_issues[1]",
    }
    brand.summary = "the CTO liked the lab"
    brand.outstanding_issues[0].closed = True
    assert d.closure_violations(brand, kind, set()) == []
    # Other activities close without a summary; planned ones do not close at all.
    assert d.closure_violations(activity(), TYPES["daily_visit"], set()) == []
    planned = activity(state=d.ActivityState.PLANNED)
    assert fields_of(d.closure_violations(planned, TYPES["daily_visit"], set())) == {"name"}


def test_cadence_from_the_tier_policy_per_role_then_any():
    policy = [d.PolicyCadence("decision_maker", 30, 1), d.PolicyCadence("any", 14, 2)]
    maker = d.cadence_for("S", "decision_maker", policy, [])
    assert (maker.maximum, maker.ideal, maker.source) == (
        timedelta(days=30),
        timedelta(days=22.5),
        "policy",
    )
    other = d.cadence_for("S", "engineer", policy, [])
    assert other.maximum == timedelta(days=7)  # two contacts per 14 days
    assert d.cadence_for("S", "engineer", [], []) is None


def test_plugin_rules_win_over_the_policy_for_their_tier_and_role():
    policy = [d.PolicyCadence("any", 90, 1)]
    rules = [
        ("pack", d.CadenceRule("S", "decision_maker", 10, 20)),
        ("default", d.CadenceRule("any", "sponsor", 30, 60)),
    ]
    assert d.cadence_for("S", "decision_maker", policy, rules).source == "pack"
    assert d.cadence_for("C", "decision_maker", policy, rules).source == "policy"
    assert d.cadence_for("C", "sponsor", policy, rules).maximum == timedelta(days=60)


def test_cadence_falls_due_breaches_and_resets_on_contact():
    cadence = d.Cadence(timedelta(days=21), timedelta(days=30), "policy")
    start = NOW
    clock = d.cadence_clock(cadence, None, start)
    assert d.cadence_status(clock, start + timedelta(days=20)) is d.CadenceStatus.OK
    assert d.cadence_status(clock, start + timedelta(days=21)) is d.CadenceStatus.DUE
    assert d.cadence_status(clock, start + timedelta(days=30)) is d.CadenceStatus.BREACHED
    contact = start + timedelta(days=25)
    reset = d.cadence_clock(cadence, contact, start)
    assert d.cadence_status(reset, start + timedelta(days=30)) is d.CadenceStatus.OK


def test_the_due_list_keeps_what_falls_due_today_breaches_first_and_cold_stoves():
    day_end = NOW
    rows = [
        ("p-ok", "c", "any", NOW + timedelta(days=2), NOW + timedelta(days=9), None, NOW),
        ("p-due", "c", "any", NOW - timedelta(days=1), NOW + timedelta(days=5), None, NOW),
        (
            "p-late",
            "c",
            "any",
            NOW - timedelta(days=9),
            NOW - timedelta(days=1),
            NOW - timedelta(days=100),
            NOW - timedelta(days=200),
        ),
    ]
    entries = d.due_list(rows, day_end, cold_days=90)
    assert [e.person for e in entries] == ["p-late", "p-due"]
    assert entries[0].status is d.CadenceStatus.BREACHED and entries[0].cold
    assert entries[1].status is d.CadenceStatus.DUE and not entries[1].cold


def test_key_dates_remind_one_day_before_their_next_occurrence():
    assert d.next_key_date_reminder(3, 10, NOW) == datetime(2026, 3, 9, tzinfo=UTC)
    assert d.next_key_date_reminder(3, 1, NOW) == datetime(2027, 2, 28, tzinfo=UTC)
    assert d.next_key_date_reminder(2, 29, NOW) == datetime(2027, 2, 27, tzinfo=UTC)
    assert fields_of(d.key_date_violations(2, 30, "birthday")) == {"key_date.day"}


def test_an_exhibition_calls_for_a_revisit_within_three_days():
    fair = activity(type="exhibition", duration=timedelta(days=2))
    assert d.revisit_deadline(fair, TYPES["exhibition"]) == fair.end_time + timedelta(days=3)
    assert d.revisit_deadline(activity(), TYPES["daily_visit"]) is None


def test_playbooks_follow_the_support_level():
    assert d.book_playbook(-3).rule == "R-SUP-3"
    assert d.book_playbook(0).rule == "R-SUP-5"
    assert d.book_playbook(1).rule == "R-SUP-6"
    assert d.book_playbook(3).rule == "R-SUP-7"


def test_the_problem_customer_check_after_three_to_six_months():
    first = NOW - timedelta(days=30)
    assert d.problem_customer_check(first, NOW, -1) is None
    three = d.problem_customer_check(NOW - timedelta(days=100), NOW, -1)
    assert "supervisor" in three.advice and "boss" not in three.advice
    six = d.problem_customer_check(NOW - timedelta(days=200), NOW, -2)
    assert "boss" in six.advice
    assert d.problem_customer_check(NOW - timedelta(days=200), NOW, 1) is None


def test_lifecycle_progress_tracks_suggested_activities_and_departments():
    progress = d.lifecycle_progress(
        [("finding_opportunities", "company_visit", ["customers/c/departments/procurement"])]
    )
    finding = progress[0]
    assert finding.done_types == ("company_visit",)
    assert finding.missing_types == ("business_exchange", "showcase_visit")
    assert finding.covered_departments == ("procurement",)
    assert [p.work.stage for p in progress] == list(d.LifecycleStage)


def test_coverage_shortfall():
    assert d.Coverage("C", 2, 1).shortfall == 1
    assert d.Coverage("C", 2, 5).shortfall == 0


def test_key_events_need_a_dimension_an_impact_and_a_past_time():
    event = d.KeyEvent(
        "k", "c", "r", "customers/c/persons/p", "acceptance", 1, "joined the lab", "", "e", NOW, NOW
    )
    assert d.key_event_violations(event, NOW) == []
    event.dimension, event.impact, event.occur_time = "charm", 0, NOW + timedelta(days=1)
    assert fields_of(d.key_event_violations(event, NOW)) == {
        "key_event.dimension",
        "key_event.impact",
        "key_event.occur_time",
    }


def test_the_due_list_agrees_with_the_cadence_and_cold_stove_rules():
    import random

    rng = random.Random(3)
    rows = []
    for n in range(500):
        last = NOW - timedelta(days=rng.uniform(0, 150)) if n % 5 else None
        since = NOW - timedelta(days=rng.uniform(0, 300))
        due = (last or since) + timedelta(days=rng.randint(10, 60))
        rows.append(
            (f"p{n}", "c", "any", due, due + timedelta(days=rng.randint(1, 30)), last, since)
        )
    entries = {e.person: e for e in d.due_list(rows, NOW, 90)}
    for person, _, _, due, breach, last, since in rows:
        status = d.cadence_status(d.CadenceClock(due, breach), NOW)
        if status is d.CadenceStatus.OK:
            assert person not in entries
        else:
            assert entries[person].status is status
            assert entries[person].cold == d.cold_stove(last, since, NOW, 90)


def test_key_date_names_and_masks_are_checked_naming_the_field():
    person, key_date_id = d.split_key_date("customers/c1/persons/p1/keyDates/k1", "key_date.name")
    assert (person, key_date_id) == ("customers/c1/persons/p1", "k1")
    with pytest.raises(InvalidArgument) as bad_name:
        d.split_key_date("customers/c1/keyDates/k1", "key_date.name")
    assert fields_of(bad_name.value.violations) == {"key_date.name"}
    assert d.key_date_mask([]) == d.key_date_mask(["*"]) == {"kind", "month", "day"}
    assert d.key_date_mask(["day"]) == {"day"}
    with pytest.raises(InvalidArgument) as bad_mask:
        d.key_date_mask(["day", "person"])
    assert fields_of(bad_mask.value.violations) == {"update_mask"}
