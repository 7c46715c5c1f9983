"""A customer's own calendar reaches its planning (issue 24): a grid company recorded only in the
archive gets the energy pack's procurement dates (the budget round, the tender batch) on its
planning team without a planning write, because contact announces the calendar it plans from the
packs serving the customer; a customer of an industry no pack serves has none. The year's plan
shows the dates and names them on the items due in their run-up. The archive,
contact and planning run as in production with every installed pack, over real NATS and gRPC,
each on its own database (SQLite, then PostgreSQL)."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import ExitStack
from datetime import UTC, datetime

import grpc
import pytest
from mcr.archive.v1 import archive_service_pb2 as apb
from mcr.archive.v1 import archive_service_pb2_grpc, customer_pb2
from mcr.planning.v1 import planning_pb2, planning_service_pb2_grpc
from mcr.planning.v1 import planning_service_pb2 as ppb
from mcr_archive.__main__ import SPEC as ARCHIVE
from mcr_archive.config import ArchiveSettings
from mcr_contact.__main__ import SPEC as CONTACT
from mcr_contact.config import ContactSettings
from mcr_core.service import ServiceSpec, start_service
from mcr_core.testing import service_settings
from mcr_core.testing.kit import another_database
from mcr_planning.__main__ import SPEC as PLANNING
from mcr_planning.config import PlanningSettings

PACKS = ["energy"]  # the region's configuration: the energy pack active


@pytest.fixture
def region() -> str:
    """A region of this test alone: the session's NATS carries other tests' events too."""
    return f"q-{uuid.uuid4().hex[:10]}"


@pytest.fixture
def databases(database_url, tmp_path) -> Iterator[dict[str, str]]:
    """Each service's own database, of the session's kind."""
    services = ("archive", "contact", "planning")
    with ExitStack() as stack:
        yield {
            name: stack.enter_context(another_database(database_url, tmp_path, name))
            for name in services
        }


@pytest.fixture
async def running(databases, nats_url, auth_keys, tmp_path) -> AsyncIterator[Callable]:
    """`await running(SPEC, Settings)`: the service with the energy pack active, stopped after."""
    started = []

    async def start(spec: ServiceSpec, settings_class, **overrides):
        directory = tmp_path / spec.name
        directory.mkdir()
        settings = service_settings(
            settings_class,
            database_url=databases[spec.name],
            nats_url=nats_url,
            auth_keys=auth_keys,
            data_dir=directory,
            plugins_allow=PACKS,
            **overrides,
        )
        started.append(await start_service(spec, settings))
        return started[-1]

    yield start
    for service in reversed(started):
        await service.stop()


async def _eventually(check, timeout: float = 60.0):
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        try:
            found = await check()
            if found:
                return found
        except grpc.aio.AioRpcError as error:
            if error.code() != grpc.StatusCode.NOT_FOUND:
                raise
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("planning did not learn the customer's calendar in time")
        await asyncio.sleep(0.05)


async def test_a_grid_companys_procurement_dates_reach_its_planning(running, auth_keys, region):
    archive = await running(ARCHIVE, ArchiveSettings)
    # Satisfaction is not asked here (briefings only).
    await running(CONTACT, ContactSettings, satisfaction_target="127.0.0.1:9")
    planning = await running(PLANNING, PlanningSettings)
    owner = auth_keys.metadata(
        employee_id="e-1001", region=region, org_unit=f"/{region}/enterprise/team-1"
    )
    manager = auth_keys.metadata(
        employee_id="e-9001", region=region, org_unit=f"/{region}/enterprise", roles=("manager",)
    )
    archive_channel = grpc.aio.insecure_channel(f"127.0.0.1:{archive.grpc_port}")
    planning_channel = grpc.aio.insecure_channel(f"127.0.0.1:{planning.grpc_port}")
    async with archive_channel, planning_channel:
        chart = archive_service_pb2_grpc.ArchiveServiceStub(archive_channel)
        plans = planning_service_pb2_grpc.PlanningServiceStub(planning_channel)

        async def customer(name: str, industry: str) -> str:
            created = await chart.CreateCustomer(
                apb.CreateCustomerRequest(
                    customer=customer_pb2.Customer(display_name=name, industry=industry)
                ),
                metadata=owner,
            )
            return created.name

        # The school first: contact announces calendars in the order it learns the customers.
        school = await customer("市第一中学", "education")
        grid = await customer("珠江电网", "grid")

        async def dates(name: str) -> list:
            team = await plans.GetCustomerTeam(
                ppb.GetCustomerTeamRequest(name=f"{name}/planningTeam"), metadata=owner
            )
            return list(team.customer_dates)

        found = await _eventually(lambda: dates(grid))
        assert [(d.kind, d.month, d.day, d.lead_days, d.source) for d in found] == [
            ("tender_batch", 3, 1, 21, "energy"),
            ("budget_round", 10, 15, 28, "energy"),
        ]
        assert all(d.title for d in found)
        assert await dates(school) == []

        # The year's plan shows the dates too, and the third self-check (30 September) falls in
        # the budget round's four-week run-up.
        year = datetime.now(UTC).year + 1
        await plans.StartAnnualCycle(ppb.StartAnnualCycleRequest(year=year), metadata=manager)

        async def plan(name: str) -> planning_pb2.AnnualPlan:
            request = ppb.GetAnnualPlanRequest(name=f"{name}/annualPlans/{year}")
            return await plans.GetAnnualPlan(request, metadata=owner)

        grid_plan, school_plan = await plan(grid), await plan(school)
        assert [d.kind for d in grid_plan.customer_dates] == ["tender_batch", "budget_round"]
        flagged = {(i.kind, i.sequence): list(i.customer_dates) for i in grid_plan.items}
        assert flagged.pop(("self_check", 3)) == ["budget_round"]
        assert not any(flagged.values())
        assert not school_plan.customer_dates
        assert not any(i.customer_dates for i in school_plan.items)
