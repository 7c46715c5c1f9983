"""Decision 11 in insight (book ch.3 §1.21, R-110): everything about one customer is seen by
its stakeholders (the owner and the account team the archive's events name) and their
superiors; peers of the same or a sibling unit get NOT_FOUND, as does another region; lists
name only the customers one sees; portfolio figures are counts to everyone else. The market
department and management see the region's tiers (decision 5)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import grpc
import pytest
from google.protobuf.timestamp_pb2 import Timestamp
from insight_kit import archive_customer, assignment_name, eventually, refused
from mcr.archive.v1 import account_team_pb2, events_pb2
from mcr.insight.v1 import insight_service_pb2 as pb
from mcr.insight.v1 import tier_pb2
from mcr_core.bus.envelope import cloudevent_headers
from mcr_core.testing import nats_client


@pytest.fixture
def callers(region):
    team = f"/{region}/enterprise/team-1"
    return {
        "owner": {"employee_id": "e-owner", "org_unit": team, "roles": ["account_manager"]},
        "same-unit peer": {"employee_id": "e-peer", "org_unit": team, "roles": ["account_manager"]},
        "sibling-unit peer": {
            "employee_id": "e-sibling",
            "org_unit": f"/{region}/enterprise/team-2",
            "roles": ["account_manager"],
        },
        "manager": {
            "employee_id": "e-boss",
            "org_unit": f"/{region}/enterprise",
            "roles": ["account_manager", "manager"],
        },
        "manager of another unit": {
            "employee_id": "e-other-boss",
            "org_unit": f"/{region}/delivery",
            "roles": ["account_manager", "manager"],
        },
        "other region": {
            "employee_id": "e-far",
            "region": "elsewhere",
            "org_unit": "/elsewhere",
            "roles": ["account_manager", "manager", "market_department", "management"],
        },
        "market department": {
            "employee_id": "e-market",
            "org_unit": f"/{region}/market",
            "roles": ["market_department"],
        },
    }


SEE = {"owner", "manager", "market department"}


@pytest.fixture
async def owned(announce, scored, region, callers):
    """A customer owned by "owner" (team-1), scored."""
    customer = archive_customer(region, owner="employees/e-owner")
    await announce("created", customer, owner_org_unit=f"/{region}/enterprise/team-1")
    await scored(customer, **callers["market department"])
    return customer


def reads(stub, customer):
    """Every read of one customer, by name."""
    name = customer.name
    return {
        "tier": lambda md: stub.GetTierAssignment(
            pb.GetTierAssignmentRequest(name=assignment_name(customer)), metadata=md
        ),
        "explain": lambda md: stub.ExplainTier(
            pb.ExplainTierRequest(name=assignment_name(customer)), metadata=md
        ),
        "history": lambda md: stub.ListTierHistory(
            pb.ListTierHistoryRequest(parent=name), metadata=md
        ),
        "sandbox": lambda md: stub.GetStrategicSandbox(
            pb.GetStrategicSandboxRequest(name=f"{name}/strategicSandbox"), metadata=md
        ),
        "applicability": lambda md: stub.GetIndustryApplicability(
            pb.GetIndustryApplicabilityRequest(name=f"{name}/industryApplicability"), metadata=md
        ),
        "opportunities": lambda md: stub.ListOpportunities(
            pb.ListOpportunitiesRequest(parent=name), metadata=md
        ),
    }


async def listed(stub, md) -> set[str]:
    found = await stub.ListTierAssignments(pb.ListTierAssignmentsRequest(), metadata=md)
    return {a.name for a in found.tier_assignments}


async def test_only_the_owner_their_superiors_and_the_market_department_see_a_customer(
    stub, auth, owned, callers
):
    for who, claims in callers.items():
        md = auth(**claims)
        for what, call in reads(stub, owned).items():
            if who in SEE:
                await call(md)
            else:
                error = await refused(call(md))
                assert error.code() == grpc.StatusCode.NOT_FOUND, (who, what)
                assert owned.name.split("/")[1] in error.details()  # the id asked, no more
        names = await listed(stub, md)
        assert (assignment_name(owned) in names) == (who in SEE), who


async def test_a_peer_writes_nothing_of_another_team_s_customer(stub, auth, owned, callers):
    for who in ("same-unit peer", "sibling-unit peer", "manager of another unit", "other region"):
        md = auth(**callers[who])
        review = await refused(
            stub.RecordCustomerReview(
                pb.RecordCustomerReviewRequest(parent=owned.name), metadata=md
            )
        )
        assert review.code() == grpc.StatusCode.NOT_FOUND, who
    recorded = await stub.RecordCustomerReview(
        pb.RecordCustomerReviewRequest(parent=owned.name), metadata=auth(**callers["owner"])
    )
    assert recorded.customer == owned.name


async def test_manual_tiers_are_the_market_department_s_even_for_the_owner(
    stub, auth, owned, callers, fake_clock
):
    request = pb.SetManualTierRequest(
        name=assignment_name(owned), tier="S", justification="strategic account of the group"
    )
    request.expire_time.FromDatetime(fake_clock.now() + timedelta(days=30))
    for who in ("owner", "manager"):
        error = await refused(stub.SetManualTier(request, metadata=auth(**callers[who])))
        assert error.code() == grpc.StatusCode.PERMISSION_DENIED, who
    done = await stub.SetManualTier(request, metadata=auth(**callers["market department"]))
    assert done.tier == "S"


async def test_portfolio_figures_are_counts_to_whoever_does_not_see_every_customer(
    stub, auth, owned, callers
):
    candidate = tier_pb2.TierConfiguration(
        thresholds=[tier_pb2.TierThreshold(tier="S", min_score=70)]
    )
    request = pb.EvaluateTierConfigurationRequest(configuration=candidate)
    market = await stub.EvaluateTierConfiguration(
        request, metadata=auth(**callers["market department"])
    )
    assert owned.name in {c for m in market.migrations for c in m.customers}
    peer = await stub.EvaluateTierConfiguration(request, metadata=auth(**callers["same-unit peer"]))
    assert [(m.from_tier, m.to_tier, m.count) for m in peer.migrations] == [
        (m.from_tier, m.to_tier, m.count) for m in market.migrations
    ]
    assert not [c for m in peer.migrations for c in m.customers]


async def publish_team(nats_url: str, customer, members: dict[str, str], when: datetime) -> None:
    """The archive's AccountTeamChanged: `members` maps employee ids to their org units."""
    stamp = Timestamp()
    stamp.FromDatetime(when)
    team = account_team_pb2.AccountTeam(
        name=f"{customer.name}/accountTeam",
        members=[
            account_team_pb2.AccountTeamMember(
                employee=f"employees/{e}", role=account_team_pb2.TEAM_ROLE_DELIVERY_MANAGER
            )
            for e in members
        ],
        update_time=stamp,
    )
    message = events_pb2.AccountTeamChanged(
        account_team=team,
        region=customer.region,
        member_org_units={f"employees/{e}": unit for e, unit in members.items()},
    )
    headers = cloudevent_headers(
        event_id=str(uuid.uuid4()),
        source="mcr/archive",
        event_type=message.DESCRIPTOR.full_name,
        time=when,
        resource=team.name,
    )
    nc = await nats_client(nats_url)
    try:
        await nc.jetstream().publish(
            "mcr.archive.account_team.changed", message.SerializeToString(), headers=headers
        )
    finally:
        await nc.drain()


async def test_the_account_team_and_its_members_superiors_see_the_customer(
    stub, auth, owned, callers, nats_url, region
):
    member = {"employee_id": "e-member", "org_unit": f"/{region}/delivery/team-9"}
    member["roles"] = ["account_manager"]
    tier = reads(stub, owned)["tier"]
    for who in ("manager of another unit",):
        assert (await refused(tier(auth(**callers[who])))).code() == grpc.StatusCode.NOT_FOUND
    assert (await refused(tier(auth(**member)))).code() == grpc.StatusCode.NOT_FOUND

    await publish_team(nats_url, owned, {"e-member": member["org_unit"]}, datetime.now(UTC))
    await eventually(lambda: tier(auth(**member)))
    await tier(auth(**callers["manager of another unit"]))  # the member's superior
    assert assignment_name(owned) in await listed(stub, auth(**member))

    # An older team arriving late changes nothing; a newer one without the member ends it.
    await publish_team(nats_url, owned, {}, datetime(2020, 1, 1, tzinfo=UTC))
    await tier(auth(**member))
    await publish_team(nats_url, owned, {}, datetime.now(UTC))

    async def gone():
        try:
            await tier(auth(**member))
        except grpc.aio.AioRpcError as error:
            return error.code() == grpc.StatusCode.NOT_FOUND
        return False

    assert await eventually(gone)
    await tier(auth(**callers["owner"]))  # the owner stays
