"""A region switches from the default pack to the telecom pack by configuration alone: insight's
what-if shows the new tiers and policies first, then the services restart with the pack
activated, the portfolio is tiered again, the policies change, and contact re-plans its
cadences. No service code changes; only `MCR_PLUGINS_ALLOW` does.

The region has a NATS server of its own, as an installation has: tier policies are announced
per installation, and the session's shared server carries other tests' announcements.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta
from pathlib import Path

import grpc
import pytest
from mcr.archive.v1 import archive_service_pb2 as archive_pb
from mcr.archive.v1 import archive_service_pb2_grpc, customer_pb2, person_pb2
from mcr.common.v1 import money_pb2
from mcr.contact.v1 import contact_pb2, contact_service_pb2_grpc
from mcr.contact.v1 import contact_service_pb2 as contact_pb
from mcr.insight.v1 import insight_service_pb2 as insight_pb
from mcr.insight.v1 import insight_service_pb2_grpc, tier_pb2
from mcr_archive.__main__ import SPEC as ARCHIVE
from mcr_archive.config import ArchiveSettings
from mcr_contact.__main__ import SPEC as CONTACT
from mcr_contact.config import ContactSettings
from mcr_core.embedded_nats import EmbeddedNats
from mcr_core.service import RunningService, start_service
from mcr_core.testing import service_settings
from mcr_insight.__main__ import SPEC as INSIGHT
from mcr_insight.config import InsightSettings

REGION = "cn-north"
DEFAULTS = tier_pb2.TierConfiguration()  # the packs' own weights and thresholds
SERVICES = {"archive": (ARCHIVE, ArchiveSettings), "insight": (INSIGHT, InsightSettings),
            "contact": (CONTACT, ContactSettings)}  # fmt: skip


class Region:
    """One installation: its own NATS, and the three services on SQLite files that outlive a
    restart."""

    def __init__(self, directory: Path, auth_keys) -> None:
        self.directory, self.auth_keys = directory, auth_keys
        self.nats = EmbeddedNats(directory / "nats")
        self.running: dict[str, RunningService] = {}

    async def start(self, packs: list[str]) -> None:
        for name, (spec, settings_class) in SERVICES.items():
            settings = service_settings(
                settings_class,
                database_url=f"sqlite:///{self.directory / f'{name}.db'}",
                nats_url=self.nats.url,
                auth_keys=self.auth_keys,
                data_dir=self.directory,
                plugins_allow=packs,  # the whole switch: which installed packs answer
            )
            self.running[name] = await start_service(spec, settings)

    async def stop(self) -> None:
        for service in reversed(self.running.values()):
            await service.stop()
        self.running.clear()

    def stub(self, name: str, stub_class):
        channel = grpc.aio.insecure_channel(f"127.0.0.1:{self.running[name].grpc_port}")
        return stub_class(channel)


@pytest.fixture
async def region(tmp_path, auth_keys) -> AsyncIterator[Region]:
    installation = Region(tmp_path, auth_keys)
    installation.nats.start()
    try:
        yield installation
    finally:
        await installation.stop()
        installation.nats.stop()


@pytest.fixture
def manager(auth_keys):
    return auth_keys.metadata(
        employee_id="e-3001",
        region=REGION,
        org_unit=f"/{REGION}/carriers/team-1",
        roles=("account_manager", "manager"),
    )


async def eventually(check: Callable[[], Awaitable[bool]], timeout: float = 30.0) -> None:
    async with asyncio.timeout(timeout):
        while not await check():
            await asyncio.sleep(0.2)


async def _customer(archive, manager, name: str, revenue: int, staff: int, group: str = ""):
    customer = customer_pb2.Customer(
        display_name=name,
        industry="telecom",
        country_code="CN",
        region=REGION,
        parent_group=group,
        annual_revenue=money_pb2.Money(currency_code="CNY", units=revenue),
        employee_count=staff,
        lifecycle_state=customer_pb2.LIFECYCLE_STATE_ACTIVE,
    )
    request = archive_pb.CreateCustomerRequest(customer=customer, request_id=uuid.uuid4().hex)
    return (await archive.CreateCustomer(request, metadata=manager)).name


@pytest.fixture
def market(auth_keys):
    """The market department decides a region's pack switch (decision 5) and sees the whole
    portfolio, so its what-if names the customers that move (decision 11)."""
    return auth_keys.metadata(
        employee_id="e-3900",
        region=REGION,
        org_unit=f"/{REGION}/market",
        roles=("market_department",),
    )


async def test_switching_a_region_to_the_telecom_pack(region, manager, market):
    await region.start(packs=[])  # the default pack only
    archive = region.stub("archive", archive_service_pb2_grpc.ArchiveServiceStub)
    insight = region.stub("insight", insight_service_pb2_grpc.InsightServiceStub)
    contact = region.stub("contact", contact_service_pb2_grpc.ContactServiceStub)

    group = await _customer(archive, manager, "北方电信集团", 420_000_000_000, 180_000)
    customers = [group] + [
        await _customer(archive, manager, f"北方电信{province}分公司", revenue, staff, group)
        for province, revenue, staff in (
            ("河北", 61_000_000_000, 26_000),
            ("山西", 23_000_000_000, 9_800),
            ("内蒙古", 4_000_000_000, 2_100),
        )
    ]
    ceo = await archive.CreatePerson(
        archive_pb.CreatePersonRequest(
            parent=group,
            person=person_pb2.Person(display_name="赵国强", layer=person_pb2.LAYER_SENIOR),
            request_id=uuid.uuid4().hex,
        ),
        metadata=manager,
    )

    async def tiers() -> dict[str, str]:
        found = {}
        for name in customers:
            request = insight_pb.GetTierAssignmentRequest(name=f"{name}/tierAssignment")
            try:
                found[name] = (await insight.GetTierAssignment(request, metadata=manager)).tier
            except grpc.aio.AioRpcError:
                found[name] = ""
        return found

    async def all_tiered() -> bool:
        return all((await tiers()).values())

    await eventually(all_tiered)
    before = await tiers()

    # Contact plans the group CEO's cadence from the default policy of the group's tier.
    cadence_name = f"{ceo.name}/cadence"
    await contact.TrackPerson(
        contact_pb.TrackPersonRequest(
            person_cadence=contact_pb2.PersonCadence(
                name=cadence_name, role="decision_maker", supervisor="employees/e-3000"
            )
        ),
        metadata=manager,
    )

    async def cadence() -> contact_pb2.PersonCadence:
        request = contact_pb.GetPersonCadenceRequest(name=cadence_name)
        return await contact.GetPersonCadence(request, metadata=manager)

    async def planned(days: int) -> bool:
        got = await cadence()
        return got.tier == before[group] and got.max_interval.ToTimedelta() == timedelta(days)

    default_policy = await insight.GetTierPolicy(
        insight_pb.GetTierPolicyRequest(name=f"tierPolicies/{before[group]}"), metadata=manager
    )
    default_days = _days(default_policy, "decision_maker")
    await eventually(lambda: planned(default_days))

    # The what-if first: the telecom pack's tiers and policies, with nothing changed yet.
    what_if = await insight.EvaluateTierConfiguration(
        insight_pb.EvaluateTierConfigurationRequest(configuration=DEFAULTS, packs=["telecom"]),
        metadata=market,
    )
    assert list(what_if.packs) == ["telecom"] and not what_if.applied
    predicted = dict(before)
    for migration in what_if.migrations:
        for name in migration.customers:
            assert predicted[name] == migration.from_tier
            predicted[name] = migration.to_tier
    assert predicted != before, "the pyramid moves somebody"
    assert predicted[group] == "S", "the group headquarters stays at the top"
    policies = {p.tier: p for p in what_if.tier_policies}
    assert {p.plugin for p in policies.values()} == {"telecom"}
    assert policies["S"].review_interval.ToTimedelta() == timedelta(365)
    assert _days(policies["S"], "decision_maker") == 14
    assert await tiers() == before
    assert (await cadence()).max_interval.ToTimedelta() == timedelta(default_days)

    # A pack that is not installed is refused, naming the field and the installed ones.
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await insight.EvaluateTierConfiguration(
            insight_pb.EvaluateTierConfigurationRequest(configuration=DEFAULTS, packs=["telekom"]),
            metadata=manager,
        )
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "'telekom' not installed" in refused.value.details()
    assert "telecom" in refused.value.details()

    # The switch: the same services restarted with the pack activated.
    await region.stop()
    await region.start(packs=["telecom"])
    insight = region.stub("insight", insight_service_pb2_grpc.InsightServiceStub)
    contact = region.stub("contact", contact_service_pb2_grpc.ContactServiceStub)

    assert await tiers() == predicted  # tiered again at start-up, as the what-if said
    in_force = await insight.GetTierPolicy(
        insight_pb.GetTierPolicyRequest(name="tierPolicies/S"), metadata=manager
    )
    assert in_force.plugin == "telecom"
    assert _days(in_force, "decision_maker") == 14

    async def replanned() -> bool:
        got = await cadence()
        wanted = _days(policies[predicted[group]], "decision_maker")
        return got.tier == predicted[group] and got.max_interval.ToTimedelta() == timedelta(wanted)

    await eventually(replanned)


def _days(policy, role: str) -> int:
    [found] = [c for c in policy.contact_cadences if c.role == role]
    return found.interval.ToTimedelta().days
