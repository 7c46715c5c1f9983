"""Improvement items derived from surveys (R-SAT-8): per region and tier, the largest gaps
between what the customers expect and what they perceive become prioritised improvement items,
one per gap while it is open. Insight's tier arrives on the real bus; both databases."""

from __future__ import annotations

import uuid

from mcr.insight.v1 import events_pb2 as insight_events
from mcr.satisfaction.v1 import satisfaction_service_pb2 as pb
from mcr.satisfaction.v1 import survey_pb2
from mcr_satisfaction.domain import EXPECTATIONS
from satisfaction_kit import customer_name, eventually

AM = "am-1"


def ratings(**gaps: tuple[int, int]) -> dict:
    pairs = dict.fromkeys(EXPECTATIONS, (4, 4)) | gaps
    return {k: survey_pb2.Rating(expectation=e, perception=p) for k, (e, p) in pairs.items()}


async def answered(stub, metadata, customer, *answers) -> None:
    survey = await stub.CreateSurvey(
        pb.CreateSurveyRequest(survey=survey_pb2.Survey(customer=customer, kind="self")),
        metadata=metadata,
    )
    for answer in answers:
        await stub.CreateSurveyAnswer(
            pb.CreateSurveyAnswerRequest(
                parent=survey.name,
                answer=survey_pb2.SurveyAnswer(level="middle", mode="phone", ratings=answer),
            ),
            metadata=metadata,
        )


async def items_of(stub, metadata, tier) -> list:
    found = await stub.ListImprovementItems(pb.ListImprovementItemsRequest(), metadata=metadata)
    return [i for i in found.improvement_items if i.tier == tier]


async def test_the_largest_gaps_of_a_region_and_tier_become_improvement_items(
    stub, who, region, publish
):
    """R-SAT-8: improvement items per region and grade, ordered by priority (the gap)."""
    tier = f"S{uuid.uuid4().hex[:6]}"
    first, second, untiered = customer_name(), customer_name(), customer_name()
    for customer in (first, second):
        await publish(
            "mcr.insight.tier.changed",
            insight_events.TierChanged(customer=customer, region=region, tier=tier),
            customer,
        )

    async def tiered():
        await answered(stub, who(AM), untiered, ratings(trustworthy=(5, 1)))
        return await items_of(stub, who(AM), tier) == []

    assert await tiered()  # a customer of no tier derives nothing
    await answered(
        stub,
        who(AM),
        first,
        ratings(timely_response=(5, 2), bringing_resources=(4, 3)),
    )

    async def derived():
        await answered(stub, who(AM), second, ratings(timely_response=(5, 3)))
        found = await items_of(stub, who(AM), tier)
        return found if len(found) >= 2 else None  # both customers' tiers arrived

    items = await eventually(derived, timeout=15)
    assert [(i.shortfall, i.priority) for i in items] == [
        ("service_attitude", 1),  # timely response: the largest gap
        ("solution", 2),  # bringing resources
    ]
    assert items[0].summary.startswith("timely_response: perceived")
    # More answers with the same gaps open no second item for a gap that is still open.
    await answered(stub, who(AM), second, ratings(timely_response=(5, 1)))
    assert len(await items_of(stub, who(AM), tier)) == 2
