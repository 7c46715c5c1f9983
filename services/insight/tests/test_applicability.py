"""Industry applicability (seed 000's four conditions) through the hook and the default pack."""

from __future__ import annotations

import grpc
from insight_kit import archive_customer, refused
from mcr.insight.v1 import insight_service_pb2 as pb
from mcr_core.plugins import hookimpl
from mcr_insight.hooks import (
    ApplicabilityCondition,
    ApplicabilityConditionCode,
    IndustryApplicability,
    IndustryStructure,
)


class Chips:
    @hookimpl
    def insight_industry_applicability(self, customer):
        if customer.industry != "semiconductors":
            return None
        return IndustryApplicability(
            IndustryStructure.MONOPOLISTIC,
            tuple(
                ApplicabilityCondition(code, True, "a few foundries can make it")
                for code in ApplicabilityConditionCode
            ),
        )


class Incomplete:
    @hookimpl
    def insight_industry_applicability(self, customer):
        return IndustryApplicability(
            IndustryStructure.FRAGMENTED,
            (ApplicabilityCondition(ApplicabilityConditionCode.SALES_TYPE, False, "one deal"),),
        )


async def applicability(stub, auth, customer):
    return await stub.GetIndustryApplicability(
        pb.GetIndustryApplicabilityRequest(name=f"{customer.name}/industryApplicability"),
        metadata=auth(),
    )


async def test_the_default_pack_judges_the_four_conditions(stub, auth, announce, scored, region):
    carrier = await announce("created", archive_customer(region, industry="telecom"))
    shop = await announce("created", archive_customer(region, industry="retail"))
    builder = await announce("created", archive_customer(region, industry="construction"))
    for customer in (carrier, shop, builder):
        await scored(customer)

    telecom = await applicability(stub, auth, carrier)
    assert telecom.applicable and telecom.industry_structure == "consolidating"
    assert [c.code for c in telecom.conditions] == [
        "industry_type",
        "customer_type",
        "sales_type",
        "relationship_type",
    ]
    assert telecom.plugin == "mcr_insight.defaults"

    retail = await applicability(stub, auth, shop)
    assert not retail.applicable and retail.industry_structure == "fragmented"
    assert {c.code for c in retail.conditions if not c.met} == {"industry_type"}

    construction = await applicability(stub, auth, builder)
    assert {c.code for c in construction.conditions if not c.met} == {"sales_type"}

    hidden = await refused(
        stub.GetIndustryApplicability(
            pb.GetIndustryApplicabilityRequest(name=f"{carrier.name}/industryApplicability"),
            metadata=auth(region="elsewhere"),
        )
    )
    assert hidden.code() == grpc.StatusCode.NOT_FOUND


async def test_an_industry_pack_answers_first_and_an_incomplete_answer_does_not_count(
    insight, stub, auth, announce, scored, region
):
    insight.plugins.register(Chips(), name="chips")
    insight.plugins.register(Incomplete(), name="incomplete")  # registered last: asked first
    foundry = await announce("created", archive_customer(region, industry="semiconductors"))
    await scored(foundry)
    found = await applicability(stub, auth, foundry)
    assert (found.plugin, found.industry_structure, found.applicable) == (
        "chips",
        "monopolistic",
        True,
    )
