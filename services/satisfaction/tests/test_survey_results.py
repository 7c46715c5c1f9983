"""GetSurveyResults over gRPC: the answers of the region's surveys per expectation (mean
expectation and perception, gap, respondents), disclosed internally to everyone in the region
(R-SAT-5) as aggregates, never one person's answers; another region's never count."""

from __future__ import annotations

import grpc
import pytest
from mcr.satisfaction.v1 import satisfaction_service_pb2 as pb
from mcr.satisfaction.v1 import survey_pb2
from mcr_satisfaction.domain import EXPECTATIONS, survey_results
from satisfaction_kit import customer_name

AM, PEER = "am-1", "am-2"


def ratings(expectation: int, perception: int, **other: tuple[int, int]) -> dict:
    pairs = {e: (expectation, perception) for e in EXPECTATIONS} | other
    return {k: survey_pb2.Rating(expectation=e, perception=p) for k, (e, p) in pairs.items()}


async def surveyed(stub, metadata, customer: str, *answers: dict) -> survey_pb2.Survey:
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
    return survey


def test_results_keep_the_books_order_then_others_by_name():
    results = survey_results(
        [
            {"trustworthy": [5, 3], "zeal": [2, 4]},
            {"trustworthy": [4, 4], "timely_response": [3, 5]},
        ]
    )
    assert [(r.dimension, r.respondents) for r in results] == [
        ("timely_response", 1),
        ("trustworthy", 2),
        ("zeal", 1),
    ]
    assert (results[1].mean_expectation, results[1].mean_perception, results[1].gap) == (
        4.5,
        3.5,
        -1.0,
    )


async def test_survey_results_aggregate_the_regions_answers_per_expectation(stub, who):
    customer = customer_name()
    survey = await surveyed(stub, who(AM), customer, ratings(5, 3), ratings(4, 4))
    await surveyed(stub, who(PEER, "office-1/team-2"), customer, ratings(1, 5))

    results = await stub.GetSurveyResults(
        pb.GetSurveyResultsRequest(parent=customer), metadata=who(AM)
    )
    assert (results.survey_count, results.respondents) == (2, 3)
    own = await stub.GetSurveyResults(
        pb.GetSurveyResultsRequest(parent="customers/-", survey=survey.name), metadata=who(AM)
    )
    assert [d.dimension for d in own.dimensions] == list(EXPECTATIONS)
    first = own.dimensions[0]
    assert (first.mean_expectation, first.mean_perception, first.gap, first.respondents) == (
        4.5,
        3.5,
        -1.0,
        2,
    )
    # R-SAT-5: a peer sees the region's aggregates too, over the three answers of both surveys.
    peer = await stub.GetSurveyResults(
        pb.GetSurveyResultsRequest(parent=customer), metadata=who(PEER, "office-1/team-2")
    )
    assert (peer.survey_count, peer.respondents, peer.dimensions[0].mean_perception) == (2, 3, 4)
    for head, unit in (("head-1", "office-1"), ("head-2", "office-2")):
        other = await stub.GetSurveyResults(
            pb.GetSurveyResultsRequest(parent=customer), metadata=who(head, unit, True)
        )
        assert (other.survey_count, other.respondents) == (2, 3)


async def test_a_peer_never_sees_one_persons_answers(stub, who):
    """R-SAT-5 discloses aggregates, not single answers: under three answers, who is not a
    stakeholder of the survey gets the counts only; its creator gets the means."""
    customer = customer_name()
    survey = await surveyed(stub, who(AM), customer, ratings(5, 2))
    request = pb.GetSurveyResultsRequest(parent="customers/-", survey=survey.name)
    peer = await stub.GetSurveyResults(request, metadata=who(PEER, "office-1/team-2"))
    assert (peer.survey_count, peer.respondents, list(peer.dimensions)) == (1, 1, [])
    own = await stub.GetSurveyResults(request, metadata=who(AM))
    assert own.dimensions[0].mean_perception == 2


async def test_another_regions_survey_is_not_found(stub, who, auth_keys):
    customer = customer_name()
    survey = await surveyed(stub, who(AM), customer, ratings(3, 3))
    elsewhere = auth_keys.metadata(
        employee_id=AM, region="t-elsewhere", org_unit="/t-elsewhere/office-1/team-1"
    )
    for metadata in (elsewhere,):
        with pytest.raises(grpc.aio.AioRpcError) as error:
            await stub.GetSurveyResults(
                pb.GetSurveyResultsRequest(parent="customers/-", survey=survey.name),
                metadata=metadata,
            )
        assert error.value.code() == grpc.StatusCode.NOT_FOUND
    # Another region's customer is not found either (decision 11), not an empty answer.
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await stub.GetSurveyResults(pb.GetSurveyResultsRequest(parent=customer), metadata=elsewhere)
    assert error.value.code() == grpc.StatusCode.NOT_FOUND
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await stub.GetSurveyResults(pb.GetSurveyResultsRequest(parent="shops/1"), metadata=who(AM))
    assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT
