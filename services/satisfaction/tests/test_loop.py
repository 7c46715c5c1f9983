"""Insight's tier policies on the real bus set the SLAs; the per-person loop (detractor or
complaint → issue and RiskSignalled → closure → re-survey); a major issue without an earlier
trace; surveys, voice of customer, improvement items and KPIs over gRPC."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import grpc
import pytest
from google.protobuf.duration_pb2 import Duration
from google.protobuf.timestamp_pb2 import Timestamp
from mcr.insight.v1 import events_pb2 as insight_events
from mcr.insight.v1 import tier_pb2
from mcr.satisfaction.v1 import events_pb2, issue_pb2, survey_pb2
from mcr.satisfaction.v1 import satisfaction_service_pb2 as pb
from satisfaction_kit import customer_name, eventually, published

AM = "am-1"


def hours(n: int) -> Duration:
    return Duration(seconds=n * 3600)


def stamp(moment: datetime) -> Timestamp:
    value = Timestamp()
    value.FromDatetime(moment)
    return value


async def test_the_tier_policy_from_insight_sets_the_sla_and_the_survey_interval(
    stub, who, region, publish, fake_clock, nats_url
):
    customer = customer_name()
    tier = f"T{region[-6:]}"  # a tier of this test alone: policies are shared by the stream
    policy = tier_pb2.TierPolicy(
        name=f"tierPolicies/{tier}",
        tier=tier,
        issue_slas=[
            tier_pb2.IssueSla(severity="major", response_time=hours(3), resolution_time=hours(9))
        ],
        survey_interval=Duration(seconds=7 * 86400),
        etag="e1",
    )
    await publish(
        "mcr.insight.tier_policy.changed",
        insight_events.TierPolicyChanged(policy=policy),
        policy.name,
    )
    await publish(
        "mcr.insight.tier.changed",
        insight_events.TierChanged(
            customer=customer, region=region, tier=tier, change_time=stamp(fake_clock.now())
        ),
        customer,
    )

    async def sla_hours():
        created = await stub.CreateIssue(
            pb.CreateIssueRequest(
                issue=issue_pb2.Issue(
                    customer=customer, title="Slow", type="technical", urgency="high"
                )
            ),
            metadata=who(AM),
        )
        due = created.issue.sla_due_time.ToDatetime() - created.issue.create_time.ToDatetime()
        return due == timedelta(hours=9)

    assert await eventually(sla_hours)
    fake_clock.advance(days=7)  # the policy's survey interval after the tier change

    async def surveyed():
        found = await published(nats_url, "mcr.satisfaction.survey.created", customer, settle=0.1)
        return [events_pb2.SurveyCreated.FromString(d) for _, _, d in found]

    [created] = await eventually(surveyed)
    assert created.trigger == "survey_interval" and created.survey.kind == "self"
    fake_clock.advance(days=7)  # and again one interval later
    assert len(await eventually(lambda: _at_least(surveyed, 2))) == 2


async def _at_least(check, count):
    found = await check()
    return found if len(found) >= count else None


async def test_a_key_persons_detractor_answer_opens_an_issue_and_the_loop_closes_with_a_resurvey(
    stub, who, region, fake_clock, nats_url
):
    customer = customer_name()
    person = f"{customer}/persons/p9"
    survey = await stub.CreateSurvey(
        pb.CreateSurveyRequest(
            survey=survey_pb2.Survey(customer=customer, kind="activity"),
            activity_end_time=stamp(fake_clock.now()),
        ),
        metadata=who(AM),
    )
    assert list(survey.dimensions) == ["pre_sale", "brand"]  # the default pack's template
    assert survey.due_time.ToDatetime(tzinfo=UTC) == fake_clock.now() + timedelta(days=3)
    low = {
        e: survey_pb2.Rating(expectation=5, perception=3)
        for e in ("timely_response", "understanding_business", "bringing_resources", "trustworthy")
    }
    answer = await stub.CreateSurveyAnswer(
        pb.CreateSurveyAnswerRequest(
            parent=survey.name,
            answer=survey_pb2.SurveyAnswer(
                person=person, key_person=True, level="senior", mode="interview", ratings=low
            ),
        ),
        metadata=who(AM),
    )
    assert answer.detractor and answer.satisfaction == -2.0 and answer.issue
    risks = await published(nats_url, "mcr.satisfaction.risk.signalled", person)
    [risk] = [events_pb2.RiskSignalled.FromString(d) for _, _, d in risks]
    assert (risk.issue, risk.cause, risk.region) == (answer.issue, "detractor", region)
    answered = await published(nats_url, "mcr.satisfaction.survey.answered", survey.name)
    assert events_pb2.SurveyAnswered.FromString(answered[0][2]).mean_satisfaction == -2.0

    # The submitter is the surveyor (also the acceptor); they hand it to themselves.
    name = answer.issue
    await stub.AcceptIssue(pb.AcceptIssueRequest(name=name, valid=True), metadata=who(AM))
    await stub.DistributeIssue(
        pb.DistributeIssueRequest(
            name=name, receiver=f"employees/{AM}", receiver_org_unit=f"/{region}/office-1/team-1"
        ),
        metadata=who(AM),
    )
    await stub.StartIssueHandling(pb.StartIssueHandlingRequest(name=name), metadata=who(AM))
    await stub.ResolveIssue(pb.ResolveIssueRequest(name=name, resolution="met"), metadata=who(AM))
    await stub.RevisitIssue(
        pb.RevisitIssueRequest(name=name, contact=person, score=4), metadata=who(AM)
    )
    await stub.CloseIssue(pb.CloseIssueRequest(name=name), metadata=who(AM))
    fake_clock.advance(days=15)  # the re-survey is due within 14 days

    async def resurveyed():
        found = await published(nats_url, "mcr.satisfaction.resurvey.due", person, settle=0.1)
        return [events_pb2.ResurveyDue.FromString(d) for _, _, d in found]

    [due] = await eventually(resurveyed)
    assert due.issue == name and due.survey.startswith("surveys/")


async def test_a_key_persons_complaint_signals_a_risk_and_a_major_one_without_trace_a_key_event(
    stub, who, nats_url
):
    customer = customer_name()
    person = f"{customer}/persons/p2"
    created = await stub.CreateIssue(
        pb.CreateIssueRequest(
            issue=issue_pb2.Issue(
                customer=customer,
                person=person,
                title="Promise not kept",
                type="complaint",
                urgency="normal",
            ),
            key_person=True,
        ),
        metadata=who(AM),
    )
    name = created.issue.name
    assert created.care_representative == f"employees/{AM}"
    risks = await published(nats_url, "mcr.satisfaction.risk.signalled", person)
    assert [events_pb2.RiskSignalled.FromString(d).cause for _, _, d in risks] == ["complaint"]
    raised = await published(nats_url, "mcr.satisfaction.team_key_event.raised", name, settle=0)
    [event] = [events_pb2.TeamKeyEventRaised.FromString(d) for _, _, d in raised]
    assert event.impact == -1 and event.team.endswith("/office-1/team-1")
    # A second complaint about the same customer has an earlier trace: no key event.
    second = await stub.CreateIssue(
        pb.CreateIssueRequest(
            issue=issue_pb2.Issue(customer=customer, title="Again", type="complaint", urgency="low")
        ),
        metadata=who(AM),
    )
    later = await published(nats_url, "mcr.satisfaction.team_key_event.raised", second.issue.name)
    assert later == []


async def test_third_party_samples_voice_of_customer_and_improvement_items(stub, who):
    customer = customer_name()
    survey = await stub.CreateSurvey(
        pb.CreateSurveyRequest(
            survey=survey_pb2.Survey(customer=customer, kind="third_party"),
            annual_order_value_usd=50_000_000,
        ),
        metadata=who(AM),
    )
    assert survey.sample_size == 30
    assert dict(survey.sample_per_level) == {"senior": 6, "middle": 9, "grassroots": 15}
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await stub.CreateSurveyAnswer(
            pb.CreateSurveyAnswerRequest(
                parent=survey.name, answer=survey_pb2.SurveyAnswer(level="ceo", mode="fax")
            ),
            metadata=who(AM),
        )
    assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "answer.level" in error.value.details() and "answer.mode" in error.value.details()

    voice = await stub.CreateVocItem(
        pb.CreateVocItemRequest(
            voc_item=survey_pb2.VocItem(
                customer=customer, kind="complaint", source="sales_report", summary="late"
            )
        ),
        metadata=who(AM),
    )
    assert voice.weight == 2.0 and voice.stage == "collect"
    analysed = await stub.AdvanceVocItem(
        pb.AdvanceVocItemRequest(name=voice.name, stage="analyse"), metadata=who(AM)
    )
    assert analysed.stage == "analyse"
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await stub.AdvanceVocItem(
            pb.AdvanceVocItemRequest(name=voice.name, stage="close"), metadata=who(AM)
        )
    assert error.value.code() == grpc.StatusCode.FAILED_PRECONDITION

    for tier, priority in (("A", 1), ("S", 3), ("S", 2)):
        await stub.CreateImprovementItem(
            pb.CreateImprovementItemRequest(
                improvement_item=survey_pb2.ImprovementItem(
                    tier=tier, shortfall="delivery", summary="late", priority=priority
                )
            ),
            metadata=who(AM),
        )
    items = await stub.ListImprovementItems(pb.ListImprovementItemsRequest(), metadata=who(AM))
    assert [(i.tier, i.priority) for i in items.improvement_items] == [("S", 2), ("S", 3), ("A", 1)]
    done = await stub.AdvanceImprovementItem(
        pb.AdvanceImprovementItemRequest(name=items.improvement_items[0].name, state="done"),
        metadata=who(AM),
    )
    assert done.state == "done"


async def test_team_kpis(stub, who, region, fake_clock):
    start = fake_clock.now()
    receiver = who("r-1", "office-1/team-1")
    names = []
    for urgency in ("urgent", "normal", "normal"):
        created = await stub.CreateIssue(
            pb.CreateIssueRequest(
                issue=issue_pb2.Issue(
                    customer=customer_name(), title="x", type="technical", urgency=urgency
                )
            ),
            metadata=who(AM),
        )
        name = created.issue.name
        names.append(name)
        await stub.AcceptIssue(pb.AcceptIssueRequest(name=name, valid=True), metadata=who(AM))
        await stub.DistributeIssue(
            pb.DistributeIssueRequest(
                name=name, receiver="employees/r-1", receiver_org_unit=f"/{region}/office-1/team-1"
            ),
            metadata=who(AM),
        )
        await stub.StartIssueHandling(pb.StartIssueHandlingRequest(name=name), metadata=receiver)
    await stub.EscalateIssue(
        pb.EscalateIssueRequest(name=names[1], reason="needs_arbitration"), metadata=receiver
    )
    for name in names[:2]:
        await stub.ResolveIssue(
            pb.ResolveIssueRequest(name=name, resolution="ok"), metadata=receiver
        )
    await stub.RevisitIssue(
        pb.RevisitIssueRequest(name=names[0], contact="c", score=5), metadata=who(AM)
    )
    kpis = await stub.GetTeamKpis(
        pb.GetTeamKpisRequest(
            team=f"/{region}/office-1",
            start_time=stamp(start),
            end_time=stamp(start + timedelta(days=7)),
        ),
        metadata=who("boss", "office-1", manager=True),
    )
    assert kpis.new_valid_issues == 3
    assert kpis.first_time_distribution_accuracy == 1.0
    assert kpis.self_resolution_rate == 0.5 and kpis.office_over_cap
    assert kpis.revisit_coverage == pytest.approx(1 / 3) and kpis.revisit_coverage_met
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await stub.GetTeamKpis(
            pb.GetTeamKpisRequest(
                team=f"/{region}/office-2", start_time=stamp(start), end_time=stamp(start)
            ),
            metadata=who(AM),
        )
    assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT  # end before start, first


async def test_the_weekly_issue_quota_of_a_large_customer(stub, who, fake_clock):
    customer = customer_name()
    week = stamp(fake_clock.now())

    async def quota():
        return await stub.CheckWeeklyIssueQuota(
            pb.CheckWeeklyIssueQuotaRequest(
                customer=customer, annual_revenue_usd=60_000_000, week_start_time=week
            ),
            metadata=who(AM),
        )

    assert (await quota()).quota == 2 and not (await quota()).met
    for title in ("one", "two"):
        await stub.CreateIssue(
            pb.CreateIssueRequest(
                issue=issue_pb2.Issue(
                    customer=customer, title=title, type="technical", urgency="low"
                )
            ),
            metadata=who(AM),
        )
    answer = await quota()
    assert (answer.recorded, answer.met) == (2, True)


async def test_project_surveys_cover_a_large_project_and_sample_a_small_one(stub, who):
    customers = [customer_name() for _ in range(12)]
    large = await stub.PlanProjectSurveys(
        pb.PlanProjectSurveysRequest(
            project="projects/p1", customers=customers, large_project=True
        ),
        metadata=who(AM),
    )
    assert [s.customer for s in large.surveys] == customers
    small = await stub.PlanProjectSurveys(
        pb.PlanProjectSurveysRequest(project="projects/p2", customers=customers), metadata=who(AM)
    )
    assert [s.customer for s in small.surveys] == [customers[0], customers[6]]  # ceil(1.2) = 2
    assert all(s.kind == "project" and "in_sale" in s.dimensions for s in small.surveys)
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await stub.PlanProjectSurveys(
            pb.PlanProjectSurveysRequest(customers=["customers/ok", "shops/x"]), metadata=who(AM)
        )
    assert "customers[1]" in error.value.details()


async def test_a_tier_that_arrives_before_its_policy_is_surveyed_once_the_policy_comes(
    who, region, publish, fake_clock, nats_url
):
    customer = customer_name()
    tier = f"U{region[-6:]}"
    await publish(
        "mcr.insight.tier.changed",
        insight_events.TierChanged(
            customer=customer, region=region, tier=tier, change_time=stamp(fake_clock.now())
        ),
        customer,
    )
    policy = tier_pb2.TierPolicy(
        name=f"tierPolicies/{tier}", tier=tier, survey_interval=Duration(seconds=86400), etag="e"
    )
    await publish(
        "mcr.insight.tier_policy.changed", insight_events.TierPolicyChanged(policy=policy), tier
    )

    async def surveyed():
        fake_clock.advance(hours=6)
        found = await published(nats_url, "mcr.satisfaction.survey.created", customer, settle=0.1)
        return found

    assert await eventually(surveyed, timeout=20)
