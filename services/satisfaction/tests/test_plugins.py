"""Survey templates come from industry plugins; a failing or nonsensical plugin is skipped
by name and the default pack answers."""

from __future__ import annotations

from mcr.satisfaction.v1 import satisfaction_service_pb2 as pb
from mcr.satisfaction.v1 import survey_pb2
from mcr_core.plugins import hookimpl
from satisfaction_kit import customer_name


class Hospitals:
    @hookimpl
    def satisfaction_survey_dimensions(self, kind, industry):
        return ["product", "after_sale"] if industry == "healthcare" else None


class Nonsense:
    @hookimpl
    def satisfaction_survey_dimensions(self, kind, industry):
        return ["vibes"] if industry == "energy" else None


async def survey(stub, who, industry: str) -> list[str]:
    created = await stub.CreateSurvey(
        pb.CreateSurveyRequest(
            survey=survey_pb2.Survey(customer=customer_name(), kind="third_party"),
            industry=industry,
            annual_order_value_usd=1,
        ),
        metadata=who("am-1"),
    )
    return list(created.dimensions)


async def test_an_industry_pack_gives_the_survey_template(satisfaction, stub, who):
    satisfaction.plugins.register(Hospitals(), name="hospitals")
    satisfaction.plugins.register(Nonsense(), name="nonsense")
    everything = ["product", "pre_sale", "in_sale", "after_sale", "brand"]
    assert await survey(stub, who, "healthcare") == ["product", "after_sale"]
    assert await survey(stub, who, "energy") == everything  # nonsense skipped: the default
    assert await survey(stub, who, "telecom") == everything
