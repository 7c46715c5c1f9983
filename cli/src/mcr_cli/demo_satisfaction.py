"""Satisfaction's demo records: a few issues of cn-south customers in different states of the
ITR flow (one past its time limit), a survey of the demo org chart's customer with answers
rated by expectation and perception, and an issue of an eu-west customer that cn-south must
never see.

The account manager plays every ITR part of their own issues (acceptor, receiver), as one
does in a small office. The service's clock cannot be set back, so the overdue issue carries a
contract time limit that has already run out: its SLA breaches as soon as it is loaded.
"""

from __future__ import annotations

from dataclasses import dataclass

import grpc
import jwt
from google.protobuf.duration_pb2 import Duration
from mcr.satisfaction.v1 import issue_pb2, survey_pb2
from mcr.satisfaction.v1 import satisfaction_service_pb2 as pb
from mcr.satisfaction.v1 import satisfaction_service_pb2_grpc as pb_grpc

from mcr_cli.demo import CHART_OF, DemoWorld

# The ITR states in order, as far as the demo drives an issue.
FLOW = ("collected", "accepted", "distributed", "handling", "resolved")


@dataclass(frozen=True)
class DemoIssue:
    key: str
    customer: str
    region: str
    title: str
    type: str
    urgency: str
    state: str  # how far along FLOW the demo drives it
    person: str = ""  # a person key of the org chart
    overdue: bool = False


DEMO_ISSUES = (
    DemoIssue("core-alarms", CHART_OF, "cn-south", "核心网割接后部分基站告警", "technical", "high",
              "handling", person="cto"),
    DemoIssue("spare-parts", "nanhai-telecom-fujian", "cn-south", "备件到货晚于合同约定",
              "spare_parts", "normal", "resolved"),
    DemoIssue("imaging-storage", "pearl-river-hospital", "cn-south", "影像系统存储扩容延期",
              "technical", "high", "distributed", overdue=True),
    DemoIssue("batch-delay", "lingnan-bank", "cn-south", "网银夜间批处理延迟", "non_technical",
              "normal", "collected"),
    DemoIssue("substation-telemetry", "rhein-energie", "eu-west",
              "Telemetry gaps at two substations", "technical", "high", "accepted"),
)  # fmt: skip

# Four respondents of the demo org chart's customer: (person key or "", level, mode, ratings
# as (expectation, perception) for the book's four expectations, in its order).
DEMO_ANSWERS = (
    ("ceo", "senior", "interview", ((5, 4), (5, 4), (4, 3), (5, 5))),
    ("cto", "senior", "interview", ((5, 3), (4, 4), (4, 2), (4, 4))),
    ("buyer", "middle", "phone", ((4, 4), (3, 4), (3, 3), (4, 5))),
    ("", "grassroots", "questionnaire", ((4, 3), (3, 3), (3, 2), (4, 4))),
)
EXPECTATIONS = ("timely_response", "understanding_business", "bringing_resources", "trustworthy")


async def load(world: DemoWorld) -> None:
    async with grpc.aio.insecure_channel(world.targets["satisfaction"]) as channel:
        stub = pb_grpc.SatisfactionServiceStub(channel)
        for demo in DEMO_ISSUES:
            await _issue(stub, world, demo)
        await _survey(stub, world)


async def _issue(stub, world: DemoWorld, demo: DemoIssue) -> None:
    metadata = world.metadata(demo.region)
    request = pb.CreateIssueRequest(
        issue=issue_pb2.Issue(
            customer=world.customers[demo.customer],
            person=world.persons[demo.person] if demo.person else "",
            title=demo.title,
            type=demo.type,
            urgency=demo.urgency,
        ),
        source="sales_report",
        request_id=f"demo-issue-{demo.key}",
    )
    if demo.overdue:
        request.contract_resolution_time.CopyFrom(Duration(seconds=1))
    detail = await stub.CreateIssue(request, metadata=metadata, timeout=10)
    # A second load finds the issue where the first left it: only the missing steps are taken.
    while detail.issue.state in FLOW and FLOW.index(detail.issue.state) < FLOW.index(demo.state):
        step = _next_step(detail, world.tokens[demo.region])
        detail = await getattr(stub, step[0])(step[1], metadata=metadata, timeout=10)


def _next_step(detail, token: str) -> tuple[str, object]:
    name, state = detail.issue.name, detail.issue.state
    if state == "collected":
        return "AcceptIssue", pb.AcceptIssueRequest(name=name, valid=True, type=detail.issue.type)
    if state == "accepted":
        # The account manager receives it: their id and unit are the token's own claims.
        claims = jwt.decode(token, options={"verify_signature": False})
        return "DistributeIssue", pb.DistributeIssueRequest(
            name=name, receiver=f"employees/{claims['sub']}", receiver_org_unit=claims["org_unit"]
        )
    if state == "distributed":
        return "StartIssueHandling", pb.StartIssueHandlingRequest(name=name, in_contract=True)
    return "ResolveIssue", pb.ResolveIssueRequest(name=name, resolution="备件已补发并确认签收")


async def _survey(stub, world: DemoWorld) -> None:
    customer = world.customers[CHART_OF]
    # CreateSurvey takes no request id: a survey of the customer already there means loaded.
    found = await stub.GetSurveyResults(
        pb.GetSurveyResultsRequest(parent=customer), metadata=world.metadata(), timeout=10
    )
    if found.survey_count:
        return
    survey = await stub.CreateSurvey(
        pb.CreateSurveyRequest(survey=survey_pb2.Survey(customer=customer, kind="self")),
        metadata=world.metadata(),
        timeout=10,
    )
    for person, level, mode, pairs in DEMO_ANSWERS:
        ratings = {
            e: survey_pb2.Rating(expectation=x, perception=p)
            for e, (x, p) in zip(EXPECTATIONS, pairs, strict=True)
        }
        answer = survey_pb2.SurveyAnswer(
            person=world.persons[person] if person else "",
            key_person=bool(person),
            level=level,
            mode=mode,
            ratings=ratings,
        )
        await stub.CreateSurveyAnswer(
            pb.CreateSurveyAnswerRequest(parent=survey.name, answer=answer),
            metadata=world.metadata(),
            timeout=10,
        )
