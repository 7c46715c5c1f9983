"""Survey templates come from industry plugins; a failing or nonsensical plugin is skipped
by name and the default pack answers."""

from __future__ import annotations

from mcr.satisfaction.v1 import issue_pb2, survey_pb2
from mcr.satisfaction.v1 import satisfaction_service_pb2 as pb
from mcr_core.plugins import PackScope, hookimpl
from mcr_satisfaction.hooks import CaseGuide
from satisfaction_kit import customer_name


class Hospitals:
    """Serves the healthcare customers only: it is not asked about the others."""

    MCR_SCOPE = PackScope(industries=("healthcare",))

    @hookimpl
    def satisfaction_survey_dimensions(self, kind, customer):
        return ["product", "after_sale"]


class Nonsense:
    MCR_SCOPE = PackScope(industries=("energy",))

    @hookimpl
    def satisfaction_survey_dimensions(self, kind, customer):
        return ["vibes"]


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


class Library:
    @hookimpl
    def satisfaction_case_guides(self, issue_type, title):
        if issue_type == "spare_parts" and "late" in title.lower():
            return [CaseGuide("G-17", "Ship from the regional spare-parts hub")]
        return None


class Broken:
    @hookimpl
    def satisfaction_case_guides(self, issue_type, title):
        raise RuntimeError("library offline")


async def test_the_case_library_of_the_packs_answers_and_a_broken_one_is_skipped(
    satisfaction, stub, who
):
    satisfaction.plugins.register(Library(), name="library")
    satisfaction.plugins.register(Broken(), name="broken")
    created = await stub.CreateIssue(
        pb.CreateIssueRequest(
            issue=issue_pb2.Issue(
                customer=customer_name(), title="Parts late", type="spare_parts", urgency="high"
            )
        ),
        metadata=who("am-1"),
    )
    found = await stub.SearchCaseLibrary(
        pb.SearchCaseLibraryRequest(name=created.issue.name), metadata=who("am-1")
    )
    assert [(g.reference, g.plugin) for g in found.guides] == [("G-17", "library")]
