"""CP and VP are mandatory only for the tiers whose policy obliges them (decision 3): when
insight raises a customer into such a tier, the archive announces the sections its published
profiles lack (ProfileSectionsMissing), and GetProfileCompleteness answers the same."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import grpc
import nats
import pytest
from archive_people import OWNER
from mcr.archive.v1 import events_pb2
from mcr.archive.v1 import profile_pb2 as ppb
from mcr.archive.v1 import profile_service_pb2 as pb
from mcr.archive.v1 import profile_service_pb2_grpc as pb_grpc
from mcr.insight.v1 import events_pb2 as insight_events
from mcr.insight.v1 import tier_pb2
from mcr_core.bus.envelope import cloudevent_headers
from mcr_core.testing import nats_client
from test_profiles import cp, edit_cp, new_customer, section

# Sections and structured parts of a customer that is not a group (no key sub-networks).
CP_SECTIONS, VP_SECTIONS = 22, 26


@pytest.fixture
async def profiles(archive) -> AsyncIterator[pb_grpc.ProfileServiceStub]:
    async with grpc.aio.insecure_channel(f"127.0.0.1:{archive.grpc_port}") as channel:
        yield pb_grpc.ProfileServiceStub(channel)


@pytest.fixture
async def insight_bus(archive) -> AsyncIterator:
    """`await announce(message, resource)`: publish an insight event as insight would, and
    `await missing(customer)`: the next ProfileSectionsMissing the archive published for it."""
    nc = await nats_client(archive.kernel.settings.nats_url)
    js = nc.jetstream()
    sub = await js.pull_subscribe(
        "mcr.archive.profile.sections_missing", stream=archive.kernel.stream
    )

    async def announce(message, resource: str) -> None:
        subject = {
            "TierChanged": "mcr.insight.tier.changed",
            "TierPolicyChanged": "mcr.insight.tier_policy.changed",
        }[message.DESCRIPTOR.name]
        headers = cloudevent_headers(
            event_id=str(uuid.uuid4()),
            source="mcr/insight",
            event_type=message.DESCRIPTOR.full_name,
            time=datetime.now(UTC),
            resource=resource,
        )
        await js.publish(subject, message.SerializeToString(), headers=headers)

    seen: list[events_pb2.ProfileSectionsMissing] = []

    async def missing(customer_name: str, timeout: float = 15):
        async with asyncio.timeout(timeout):
            while True:
                for message in seen:
                    if message.customer == customer_name:
                        return message
                try:
                    fetched = await sub.fetch(50, timeout=1)
                except nats.errors.TimeoutError:
                    continue
                for m in fetched:
                    await m.ack()
                    seen.append(events_pb2.ProfileSectionsMissing.FromString(m.data))

    yield announce, missing, seen
    await nc.drain()


def tier_changed(customer, previous: str, tier: str) -> insight_events.TierChanged:
    return insight_events.TierChanged(
        customer=customer.name, region=customer.region, previous_tier=previous, tier=tier,
        source=tier_pb2.TIER_SOURCE_COMPUTED, reason="value score",
    )  # fmt: skip


def policy(tier: str, *codes: str) -> insight_events.TierPolicyChanged:
    obligations = [tier_pb2.RelationshipObligation(code=code) for code in codes]
    return insight_events.TierPolicyChanged(
        policy=tier_pb2.TierPolicy(
            name=f"tierPolicies/{tier}", tier=tier, relationship_obligations=obligations
        )
    )


async def completeness(profiles, auth, customer, tier: str) -> ppb.ProfileCompleteness:
    """The completeness once the archive holds the tier insight announced."""
    request = pb.GetProfileCompletenessRequest(name=f"{customer.name}/profileCompleteness")
    async with asyncio.timeout(15):
        while (
            found := await profiles.GetProfileCompleteness(request, metadata=auth())
        ).tier != tier:
            await asyncio.sleep(0.05)
    return found


async def test_rising_to_s_reports_every_missing_section(stub, profiles, auth, insight_bus):
    announce, missing, _ = insight_bus
    customer = await new_customer(stub, auth)
    await announce(tier_changed(customer, "C", "S"), customer.name)
    event = await missing(customer.name)
    assert (event.tier, event.previous_tier, event.region) == ("S", "C", "cn-south")
    sections = {(m.profile, m.section) for m in event.missing_sections}
    assert len(sections) == CP_SECTIONS + VP_SECTIONS
    assert {("customerProfile", "swot"), ("customerProfile", "key_events"),
            ("vendorProfile", "locked_competitors"), ("vendorProfile", "supplier_weights"),
            } <= sections  # fmt: skip
    assert ("customerProfile", "key_sub_networks") not in sections  # not a group
    state = await completeness(profiles, auth, customer, "S")
    assert state.required and len(state.missing_sections) == CP_SECTIONS + VP_SECTIONS
    assert (state.customer_profile_version, state.vendor_profile_version) == (0, 0)


async def test_published_sections_are_no_longer_missing(stub, profiles, auth, insight_bus):
    announce, missing, _ = insight_bus
    group = await new_customer(stub, auth, display_name="南海电信集团")
    await new_customer(stub, auth, display_name="南海电信广东", parent_group=group.name)
    name = f"{group.name}/customerProfile"
    await edit_cp(profiles, auth, cp(group, sections=[section("swot", strengths="quality")]))
    await profiles.SubmitProfile(pb.SubmitProfileRequest(name=name), metadata=auth())
    await profiles.ReviewProfile(
        pb.ReviewProfileRequest(name=name, verdict=ppb.REVIEW_VERDICT_APPROVED),
        metadata=auth(employee_id="e-0900", org_unit="/cn-south/enterprise", roles=("manager",)),
    )
    # A draft that is not approved does not count.
    await edit_cp(profiles, auth, cp(group, sections=[section("overview", core_conclusions="x")]),
                  ["sections.overview"])  # fmt: skip
    await announce(tier_changed(group, "B", "A"), group.name)
    event = await missing(group.name)
    sections = {(m.profile, m.section) for m in event.missing_sections}
    assert ("customerProfile", "swot") not in sections
    assert ("customerProfile", "overview") in sections
    assert ("customerProfile", "key_sub_networks") in sections  # a group
    state = await completeness(profiles, auth, group, "A")
    assert state.customer_profile_version == 1
    assert len(state.missing_sections) == len(sections)


async def test_obligations_come_from_the_tier_policy(stub, profiles, auth, insight_bus):
    """Here a deployment's policy obliges a CP for B and not for A: the archive follows it."""
    announce, missing, seen = insight_bus
    await announce(policy("A", "key_relationship", "person_archive"), "tierPolicies/A")
    await announce(policy("B", "customer_profile", "person_archive"), "tierPolicies/B")
    partner = await new_customer(stub, auth, display_name="伙伴客户")
    value = await new_customer(stub, auth, display_name="价值客户")
    await announce(tier_changed(partner, "C", "A"), partner.name)
    await announce(tier_changed(value, "C", "B"), value.name)
    event = await missing(value.name)
    assert event.tier == "B"
    assert partner.name not in {m.customer for m in seen}  # handled before, nothing announced
    assert not (await completeness(profiles, auth, partner, "A")).required
    assert (await completeness(profiles, auth, value, "B")).required


async def test_no_report_without_a_rise_into_an_obliged_tier(stub, profiles, auth, insight_bus):
    announce, missing, seen = insight_bus
    kept = await new_customer(stub, auth, display_name="战略客户")
    fallen = await new_customer(stub, auth, display_name="下降客户")
    marker = await new_customer(stub, auth, display_name="标记客户")
    await announce(tier_changed(kept, "S", "A"), kept.name)  # already obliged
    await announce(tier_changed(fallen, "A", "C"), fallen.name)  # person archives only
    await announce(tier_changed(marker, "", "S"), marker.name)
    await missing(marker.name)
    assert {m.customer for m in seen}.isdisjoint({kept.name, fallen.name})
    assert not (await completeness(profiles, auth, fallen, "C")).required
    assert (await completeness(profiles, auth, kept, "A")).required
    assert OWNER["employee_id"] == "e-1001"


async def test_a_policy_that_newly_obliges_a_tier_reports_its_customers(
    stub, profiles, auth, insight_bus
):
    announce, missing, _ = insight_bus
    value = await new_customer(stub, auth, display_name="价值客户")
    await announce(tier_changed(value, "C", "B"), value.name)
    assert not (await completeness(profiles, auth, value, "B")).required
    await announce(policy("B", "customer_profile"), "tierPolicies/B")
    event = await missing(value.name)  # the first for it: none came when it entered B
    assert (event.tier, event.previous_tier) == ("B", "B")
    assert (await completeness(profiles, auth, value, "B")).required
