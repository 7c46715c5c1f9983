"""Insight analyses as versioned records whose conclusions are hypotheses until confirmed, and
the service strategy per customer."""

from __future__ import annotations

import grpc
import pytest
from insight_kit import archive_customer, refused
from mcr.insight.v1 import analysis_pb2 as an
from mcr.insight.v1 import insight_service_pb2 as pb
from mcr_core.rpc import field_violations


@pytest.fixture
async def customer(announce, scored, region):
    created = await announce("created", archive_customer(region))
    await scored(created)
    return created


def hypothesis(text: str) -> an.Conclusion:
    return an.Conclusion(statement=text)


async def test_an_analysis_is_versioned_and_conclusions_stay_hypotheses_until_confirmed(
    stub, auth, customer, fake_clock
):
    name = f"{customer.name}/analyses/externalEnvironment"
    forces = an.ExternalEnvironment(
        barriers_to_entry=hypothesis("licences keep new operators out"),
        substitute_threat=hypothesis("OTT messaging replaces SMS"),
        substitute_kind="opportunity",
        bargaining_power=hypothesis("handset makers squeeze margins"),
        rivalry=hypothesis("three operators, price war in 5G packages"),
        industry_outlook=hypothesis("5G enterprise services start an upswing"),
    )
    first = await stub.UpdateInsightAnalysis(
        pb.UpdateInsightAnalysisRequest(
            insight_analysis=an.InsightAnalysis(name=name, external_environment=forces)
        ),
        metadata=auth(),
    )
    assert first.version == 1 and first.open_hypotheses == 5
    assert first.external_environment.rivalry.status == an.CONCLUSION_STATUS_HYPOTHESIS

    unverified = an.ExternalEnvironment()
    unverified.CopyFrom(forces)
    unverified.rivalry.status = an.CONCLUSION_STATUS_CONFIRMED
    error = await refused(
        stub.UpdateInsightAnalysis(
            pb.UpdateInsightAnalysisRequest(
                insight_analysis=an.InsightAnalysis(name=name, external_environment=unverified)
            ),
            metadata=auth(),
        )
    )
    assert [v.field for v in field_violations(error)] == [
        "insight_analysis.external_environment.rivalry.verified_with"
    ]

    fake_clock.advance(days=1)
    unverified.rivalry.verified_with = "CTO office, strategy workshop"
    second = await stub.UpdateInsightAnalysis(
        pb.UpdateInsightAnalysisRequest(
            insight_analysis=an.InsightAnalysis(
                name=name, external_environment=unverified, etag=first.etag
            )
        ),
        metadata=auth(),
    )
    assert second.version == 2 and second.open_hypotheses == 4
    assert second.external_environment.rivalry.status == an.CONCLUSION_STATUS_CONFIRMED
    confirmed_at = second.external_environment.rivalry.verify_time
    assert confirmed_at.ToDatetime() == fake_clock.now().replace(tzinfo=None)

    stale = await refused(
        stub.UpdateInsightAnalysis(
            pb.UpdateInsightAnalysisRequest(
                insight_analysis=an.InsightAnalysis(
                    name=name, external_environment=forces, etag=first.etag
                )
            ),
            metadata=auth(),
        )
    )
    assert stale.code() == grpc.StatusCode.FAILED_PRECONDITION

    fake_clock.advance(days=1)  # an unchanged confirmation keeps its time
    third = await stub.UpdateInsightAnalysis(
        pb.UpdateInsightAnalysisRequest(
            insight_analysis=an.InsightAnalysis(name=name, external_environment=unverified)
        ),
        metadata=auth(),
    )
    assert third.external_environment.rivalry.verify_time == confirmed_at

    old = await stub.GetInsightAnalysis(
        pb.GetInsightAnalysisRequest(name=name, version=1), metadata=auth()
    )
    assert old == first
    latest = await stub.GetInsightAnalysis(pb.GetInsightAnalysisRequest(name=name), metadata=auth())
    assert latest == third
    versions = await stub.ListInsightAnalysisVersions(
        pb.ListInsightAnalysisVersionsRequest(name=name, page_size=2), metadata=auth()
    )
    assert [v.version for v in versions.insight_analyses] == [3, 2]
    rest = await stub.ListInsightAnalysisVersions(
        pb.ListInsightAnalysisVersionsRequest(name=name, page_token=versions.next_page_token),
        metadata=auth(),
    )
    assert [v.version for v in rest.insight_analyses] == [1]


async def test_needs_and_procurement_pattern_are_checked_field_by_field(stub, auth, customer):
    needs = an.NeedsMatrix(
        needs=[
            an.Need(
                need=hypothesis("private 5G for ports"),
                fulfilment=an.NEED_FULFILMENT_CUSTOM_DEVELOPMENT,
                horizon=an.NEED_HORIZON_MEDIUM_TERM,
            ),
            an.Need(need=hypothesis("cheaper backhaul")),
        ]
    )
    error = await refused(
        stub.UpdateInsightAnalysis(
            pb.UpdateInsightAnalysisRequest(
                insight_analysis=an.InsightAnalysis(
                    name=f"{customer.name}/analyses/needs", needs=needs
                )
            ),
            metadata=auth(),
        )
    )
    assert {v.field for v in field_violations(error)} == {
        "insight_analysis.needs.needs[1].fulfilment",
        "insight_analysis.needs.needs[1].horizon",
    }

    pattern = an.ProcurementDecisionPattern(
        centralisation="central",
        decision_making="collective",
        priority="technical",
        approval_thresholds=[
            an.ApprovalThreshold(min_amount_units=0, currency_code="CNY", approver="department"),
            an.ApprovalThreshold(
                min_amount_units=50_000_000, currency_code="CNY", approver="board"
            ),
        ],
        category_owners=[an.CategoryOwner(category="optical", owner="network department")],
        government_or_financed=True,
        acceptance_signer="network department head",
        payment_signer="CFO",
        predicted_changes=[hypothesis("procurement moves to the group next year")],
    )
    name = f"{customer.name}/analyses/procurementDecisionPattern"
    saved = await stub.UpdateInsightAnalysis(
        pb.UpdateInsightAnalysisRequest(
            insight_analysis=an.InsightAnalysis(name=name, procurement_decision_pattern=pattern)
        ),
        metadata=auth(),
    )
    assert saved.procurement_decision_pattern.approval_thresholds[1].approver == "board"
    assert saved.open_hypotheses == 1

    wrong = await refused(
        stub.UpdateInsightAnalysis(
            pb.UpdateInsightAnalysisRequest(
                insight_analysis=an.InsightAnalysis(
                    name=name,
                    procurement_decision_pattern=an.ProcurementDecisionPattern(priority="price"),
                )
            ),
            metadata=auth(),
        )
    )
    assert [v.field for v in field_violations(wrong)] == [
        "insight_analysis.procurement_decision_pattern.priority"
    ]
    mismatch = await refused(
        stub.UpdateInsightAnalysis(
            pb.UpdateInsightAnalysisRequest(
                insight_analysis=an.InsightAnalysis(name=name, needs=needs)
            ),
            metadata=auth(),
        )
    )
    assert [v.field for v in field_violations(mismatch)] == [
        "insight_analysis.procurement_decision_pattern"
    ]
    unknown = await refused(
        stub.GetInsightAnalysis(
            pb.GetInsightAnalysisRequest(name=f"{customer.name}/analyses/gossip"), metadata=auth()
        )
    )
    assert [v.field for v in field_violations(unknown)] == ["name"]
    hidden = await refused(
        stub.GetInsightAnalysis(
            pb.GetInsightAnalysisRequest(name=name), metadata=auth(region="elsewhere")
        )
    )
    assert hidden.code() == grpc.StatusCode.NOT_FOUND


async def test_the_service_strategy_commits_to_a_few_of_the_customers_demands(stub, auth, customer):
    name = f"{customer.name}/serviceStrategy"
    missing = await refused(
        stub.GetServiceStrategy(pb.GetServiceStrategyRequest(name=name), metadata=auth())
    )
    assert missing.code() == grpc.StatusCode.NOT_FOUND
    bad = an.ServiceStrategy(
        name=name,
        customer_demands=["rapid_response", "free_lunch"],
        core_values=["rapid_response", "low_price", "financing", "convenience"],
    )
    error = await refused(
        stub.UpdateServiceStrategy(
            pb.UpdateServiceStrategyRequest(service_strategy=bad), metadata=auth()
        )
    )
    assert {v.field for v in field_violations(error)} == {
        "service_strategy.customer_demands[1]",
        "service_strategy.why_customer_chooses_us",
        "service_strategy.core_values",
        "service_strategy.core_values[1]",
        "service_strategy.core_values[2]",
        "service_strategy.core_values[3]",
    }
    good = an.ServiceStrategy(
        name=name,
        customer_demands=["rapid_response", "customised_service", "financing"],
        why_customer_chooses_us="we answer within hours and build what they need",
        core_values=["rapid_response", "customised_service"],
        strategic_control_points=["on-site engineers in every province", "the O&M platform"],
        solutions=[
            an.ServiceSolution(
                demand="risk_sharing",
                solution="pay per connected site",
                profit_model="revenue share over five years",
            )
        ],
    )
    saved = await stub.UpdateServiceStrategy(
        pb.UpdateServiceStrategyRequest(service_strategy=good), metadata=auth()
    )
    assert saved.version == 1 and saved.etag and saved.updated_by
    assert list(saved.core_values) == ["rapid_response", "customised_service"]
    assert (
        await stub.GetServiceStrategy(pb.GetServiceStrategyRequest(name=name), metadata=auth())
        == saved
    )
    good.etag = "stale"
    stale = await refused(
        stub.UpdateServiceStrategy(
            pb.UpdateServiceStrategyRequest(service_strategy=good), metadata=auth()
        )
    )
    assert stale.code() == grpc.StatusCode.FAILED_PRECONDITION
    good.etag = saved.etag
    again = await stub.UpdateServiceStrategy(
        pb.UpdateServiceStrategyRequest(service_strategy=good), metadata=auth()
    )
    assert again.version == 2
