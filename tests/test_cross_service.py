"""The services together, each started as it runs in production (its own database, the shared
NATS JetStream, real gRPC sockets): a key event logged in contact changes a person's assessment
in planning, and the briefing before a visit shows the customer's open issues from satisfaction.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import grpc
import pytest
from google.protobuf.timestamp_pb2 import Timestamp
from mcr.archive.v1 import events_pb2 as archive_events
from mcr.archive.v1 import person_pb2
from mcr.contact.v1 import contact_pb2, contact_service_pb2_grpc
from mcr.contact.v1 import contact_service_pb2 as contact_pb
from mcr.planning.v1 import planning_pb2, planning_service_pb2_grpc
from mcr.planning.v1 import planning_service_pb2 as planning_pb
from mcr.satisfaction.v1 import issue_pb2, satisfaction_service_pb2_grpc
from mcr.satisfaction.v1 import satisfaction_service_pb2 as satisfaction_pb
from mcr_contact.__main__ import SPEC as CONTACT
from mcr_contact.config import ContactSettings
from mcr_core.bus.envelope import cloudevent_headers
from mcr_core.service import RunningService, start_service
from mcr_core.testing import nats_client, service_settings
from mcr_planning.__main__ import SPEC as PLANNING
from mcr_planning.config import PlanningSettings
from mcr_satisfaction.__main__ import SPEC as SATISFACTION
from mcr_satisfaction.config import SatisfactionSettings


@pytest.fixture
def region() -> str:
    """A region of this test alone: the session's NATS carries other tests' events too."""
    return f"x-{uuid.uuid4().hex[:10]}"


async def _start(spec, settings_class, directory: Path, nats_url, auth_keys, **overrides):
    directory.mkdir()  # noqa: ASYNC240 - a test's own fresh directory, before any service runs
    settings = service_settings(
        settings_class,
        database_url=f"sqlite:///{directory / 'service.db'}",
        nats_url=nats_url,
        auth_keys=auth_keys,
        data_dir=directory,
        **overrides,
    )
    return await start_service(spec, settings)


@pytest.fixture
async def platform(nats_url, auth_keys, tmp_path) -> AsyncIterator[dict[str, RunningService]]:
    satisfaction = await _start(
        SATISFACTION, SatisfactionSettings, tmp_path / "satisfaction", nats_url, auth_keys
    )
    services = {"satisfaction": satisfaction}
    try:
        services["planning"] = await _start(
            PLANNING, PlanningSettings, tmp_path / "planning", nats_url, auth_keys
        )
        services["contact"] = await _start(
            CONTACT, ContactSettings, tmp_path / "contact", nats_url, auth_keys,
            satisfaction_target=f"127.0.0.1:{satisfaction.grpc_port}",
        )  # fmt: skip
        yield services
    finally:
        for service in reversed(services.values()):
            await service.stop()


def _stub(service: RunningService, stub_class):
    return stub_class(grpc.aio.insecure_channel(f"127.0.0.1:{service.grpc_port}"))


@pytest.fixture
def lead(auth_keys, region):
    return auth_keys.metadata(
        employee_id="e-lead",
        region=region,
        org_unit=f"/{region}/enterprise/team-1",
        roles=("account_manager", "manager"),
    )


async def test_a_key_event_logged_in_contact_changes_the_assessment_in_planning(
    platform, lead, region, nats_url
):
    planning = _stub(platform["planning"], planning_service_pb2_grpc.PlanningServiceStub)
    contact = _stub(platform["contact"], contact_service_pb2_grpc.ContactServiceStub)
    customer = f"customers/c-{uuid.uuid4().hex[:8]}"
    cto = f"{customer}/persons/cto"
    await planning.UpdateCustomerTeam(
        planning_pb.UpdateCustomerTeamRequest(
            customer_team=planning_pb2.CustomerTeam(
                name=f"{customer}/planningTeam",
                members=[
                    planning_pb2.TeamMember(
                        employee="employees/e-lead",
                        org_unit=f"/{region}/enterprise/team-1",
                        role="leader",
                    )
                ],
            )
        ),
        metadata=lead,
    )
    # The archive announces the CTO; planning's power map follows it.
    known = person_pb2.Person(
        name=cto,
        title="CTO",
        layer=person_pb2.LAYER_SENIOR,
        decision_roles=[
            person_pb2.DecisionRole(
                scenario="core-network", role=person_pb2.DECISION_ROLE_KIND_INFLUENCER
            )
        ],
    )
    nc = await nats_client(nats_url)
    try:
        headers = cloudevent_headers(
            event_id=str(uuid.uuid4()),
            source="mcr/archive",
            event_type=archive_events.PersonCreated.DESCRIPTOR.full_name,
            time=datetime.now(UTC),
            resource=cto,
        )
        created = archive_events.PersonCreated(person=known, region=region)
        await nc.jetstream().publish(
            "mcr.archive.person.created", created.SerializeToString(), headers=headers
        )
    finally:
        await nc.drain()

    async def on_map() -> bool:
        found = await planning.GetPowerMap(
            planning_pb.GetPowerMapRequest(name=f"{customer}/powerMap"), metadata=lead
        )
        return any(p.person == cto for p in found.persons)

    for _ in range(600):
        if await on_map():
            break
        await asyncio.sleep(0.1)
    assessment = planning_pb.CreateAssessmentRequest(
        parent=cto,
        assessment=planning_pb2.Assessment(dimensions={"decision_support": 2}),
    )
    # No evidence yet: a positive level is refused (decision 7).
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await planning.CreateAssessment(assessment, metadata=lead)
    assert refused.value.code() == grpc.StatusCode.FAILED_PRECONDITION

    now = Timestamp()
    now.GetCurrentTime()
    key_event = await contact.RecordKeyEvent(
        contact_pb.RecordKeyEventRequest(
            parent=customer,
            key_event=contact_pb2.KeyEvent(
                person=cto,
                dimension="decision_support",
                impact=2,
                summary="backed our solution in the bid evaluation",
                occur_time=now,
            ),
        ),
        metadata=lead,
    )
    assessment.assessment.evidence_key_events.append(key_event.name)

    async def assessed():
        for _ in range(150):
            try:
                return await planning.CreateAssessment(assessment, metadata=lead)
            except grpc.aio.AioRpcError as error:
                if error.code() != grpc.StatusCode.FAILED_PRECONDITION:
                    raise
            await asyncio.sleep(0.1)
        raise AssertionError("the key event never reached planning")

    created = await assessed()
    assert created.level == 2
    history = await planning.ListAssessments(
        planning_pb.ListAssessmentsRequest(parent=cto), metadata=lead
    )
    assert [a.level for a in history.assessments] == [2]


async def test_the_briefing_before_a_visit_shows_the_open_issues_from_satisfaction(platform, lead):
    satisfaction = _stub(
        platform["satisfaction"], satisfaction_service_pb2_grpc.SatisfactionServiceStub
    )
    contact = _stub(platform["contact"], contact_service_pb2_grpc.ContactServiceStub)
    customer = f"customers/c-{uuid.uuid4().hex[:8]}"
    created = await satisfaction.CreateIssue(
        satisfaction_pb.CreateIssueRequest(
            issue=issue_pb2.Issue(
                customer=customer, title="alarm board keeps resetting", type="technical",
                urgency="high",
            ),
            source="hotline",
        ),
        metadata=lead,
    )  # fmt: skip
    briefing = await contact.GetVisitBriefing(
        contact_pb.GetVisitBriefingRequest(customer=customer), metadata=lead
    )
    assert briefing.issues_available
    assert [i.name for i in briefing.open_issues] == [created.issue.name]
    assert briefing.open_issues[0].title == "alarm board keeps resetting"
