"""Planning over REST through the gateway: a team, a market goal and its gap, the power map
with its gaps, a refused target as problem+json naming the field, and a card."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import httpx
import pytest
from mcr.archive.v1 import employee_pb2, person_pb2
from mcr.archive.v1 import events_pb2 as archive_events
from mcr_core.bus.envelope import cloudevent_headers
from mcr_core.service import RunningService, start_service
from mcr_core.testing import AuthKeys, nats_client, service_settings
from mcr_planning.__main__ import SPEC as PLANNING
from mcr_planning.config import PlanningSettings


@pytest.fixture
async def planning(sqlite_url, nats_url, auth_keys, tmp_path) -> AsyncIterator[RunningService]:
    settings = service_settings(
        PlanningSettings,
        database_url=sqlite_url.replace("service.db", "planning.db"),
        nats_url=nats_url,
        auth_keys=auth_keys,
        data_dir=tmp_path,
    )
    service = await start_service(PLANNING, settings)
    yield service
    await service.stop()


@pytest.fixture
def planning_target(planning) -> str:
    return f"127.0.0.1:{planning.grpc_port}"


@pytest.fixture
async def manager(gateway: str, auth_keys: AuthKeys) -> AsyncIterator[httpx.AsyncClient]:
    token = auth_keys.token(roles=("account_manager", "manager"))
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=gateway, headers=headers, timeout=10) as client:
        yield client


async def announce(nats_url: str, subject: str, message, resource: str) -> None:
    """An archive event on its subject, as the archive publishes it."""
    headers = cloudevent_headers(
        event_id=str(uuid.uuid4()),
        source="mcr/archive",
        event_type=message.DESCRIPTOR.full_name,
        time=datetime.now(UTC),
        resource=resource,
    )
    nc = await nats_client(nats_url)
    try:
        await nc.jetstream().publish(subject, message.SerializeToString(), headers=headers)
    finally:
        await nc.drain()


async def announce_person(nats_url: str, name: str) -> None:
    """The owner (grade 18) and a senior decider, as the archive announces them."""
    owner = employee_pb2.Employee(
        name="employees/e-1001",
        region="cn-south",
        org_unit="/cn-south/enterprise/team-1",
        job_grade=18,
        active=True,
    )
    changed = archive_events.EmployeeChanged(employee=owner)
    await announce(nats_url, "mcr.archive.employee.changed", changed, owner.name)
    known = person_pb2.Person(
        name=name,
        title="总经理",
        layer=person_pb2.LAYER_SENIOR,
        decision_roles=[
            person_pb2.DecisionRole(scenario="bid", role=person_pb2.DECISION_ROLE_KIND_DECIDER)
        ],
    )
    created = archive_events.PersonCreated(person=known, region="cn-south")
    await announce(nats_url, "mcr.archive.person.created", created, name)


async def test_planning_over_rest(manager, nats_url):
    customer = f"customers/c-{uuid.uuid4().hex[:8]}"
    team = await manager.put(
        f"/v1/{customer}/planningTeam",
        json={
            "members": [
                {
                    "employee": "employees/e-1001",
                    "org_unit": "/cn-south/enterprise/team-1",
                    "role": "leader",
                }
            ],
            "org_level": "cooperation",
            "general_level": "medium",
        },
    )
    assert team.status_code == 200, team.text
    goal = await manager.post(
        f"/v1/{customer}/marketGoals",
        json={
            "kind": "share",
            "product_segment": "product A",
            "scope": "Guangdong",
            "target_share_percent": 40,
            "target_year": 2030,
        },
    )
    assert goal.status_code == 200, goal.text
    assert goal.json()["relationship_goal"]["exclusive_cxos"] == 2
    gap = (await manager.get(f"/v1/{goal.json()['name']}:analyzeGap")).json()
    assert {g["aspect"]: g.get("met", False) for g in gap["gaps"]}["org_level"] is False

    # The archive announces the person (a decider, senior); the power map follows it.
    await announce_person(nats_url, f"{customer}/persons/fan")

    async def on_map() -> bool:
        found = (await manager.get(f"/v1/{customer}/powerMap")).json()
        return any(p["person"].endswith("/fan") for p in found.get("persons", []))

    for _ in range(600):
        if await on_map():
            break
        await asyncio.sleep(0.1)
    fan = await manager.put(f"/v1/{customer}/powerMap/persons/fan", json={"support": -2})
    assert fan.status_code == 200, fan.text
    power_map = (await manager.get(f"/v1/{customer}/powerMap")).json()
    kinds = {g["kind"] for g in power_map["gaps"]}
    assert kinds == {
        "no_coach",
        "decider_unsupported",
        "exclusive_cxos_short",
        "decider_without_owner",
        "no_supporter_at_decider_level",
    }

    refused = await manager.post(
        f"/v1/{customer}/targets",
        json={
            "person": f"{customer}/persons/fan",
            "market_goal": goal.json()["name"],
            "owner": "employees/e-1001",
            "owner_job_grade": 18,
            "owner_kpi": "KPI 1",
            "target_level": 1,
            "pr_route": ["ceo"],
        },
    )
    assert refused.status_code == 409
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert refused.json()["errors"][0]["field"] == "person"
    assert "never a PR target" in refused.json()["errors"][0]["detail"]

    bad = await manager.put(
        f"/v1/{customer}/powerMap/persons/x", json={"role": "boss", "layer": "high"}
    )
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "role"

    card = await manager.post(
        "/v1/expansionCards",
        json={
            "customer": customer,
            "person": f"{customer}/persons/fan",
            "owner": "employees/e-1001",
            "commitment": {"goal": "x", "due_time": "2030-01-01T00:00:00Z"},
            "actions": ["visit"],
        },
    )
    assert card.status_code in (400, 409)  # a −2 person, an unmeasurable goal
    listed = await manager.get("/v1/expansionCards")
    assert listed.status_code == 200 and listed.json() == {}


async def test_brand_activities_and_competitors_over_rest(manager):
    customer = f"customers/c-{uuid.uuid4().hex[:8]}"
    await manager.put(
        f"/v1/{customer}/planningTeam",
        json={
            "members": [
                {"employee": "employees/e-1001", "org_unit": "/cn-south/enterprise/team-1",
                 "role": "leader"}
            ]
        },
    )  # fmt: skip
    project = await manager.post(
        f"/v1/{customer}/projects",
        json={"display_name": "core network", "decision_time": "2030-03-15T00:00:00Z"},
    )
    assert project.status_code == 200, project.text
    activity = {
        "display_name": "Barcelona",
        "project": project.json()["name"],
        "activity_time": "2030-04-02T00:00:00Z",
        "invitees": 6,
        "days": 3,
        "budget_units": 240000,
    }
    late = await manager.post(f"/v1/{customer}/brandActivities", json=activity)
    assert late.status_code == 409
    assert late.json()["errors"][0]["field"] == "activity_time"
    ok = await manager.post(
        f"/v1/{customer}/brandActivities", json=activity | {"activity_time": "2030-02-20T00:00:00Z"}
    )
    assert ok.status_code == 200, ok.text
    budget = (await manager.get("/v1/brandActivities:rollUp")).json()
    assert int(budget["budget_units"]) >= 240000
    answered = await manager.put(
        f"/v1/{customer}/competitorAnalyses/rival",
        json={"answers": {"support_points": "their CTO"}},
    )
    assert answered.status_code == 200 and len(answered.json()["unanswered"]) == 5
    unknown = await manager.put(
        f"/v1/{customer}/competitorAnalyses/rival", json={"answers": {"weather": "x"}}
    )
    assert unknown.status_code == 400


async def test_the_annual_plans_of_a_customer_over_rest(manager):
    customer = f"customers/c-{uuid.uuid4().hex[:8]}"
    member = {"employee": "employees/e-1001", "org_unit": "/cn-south/enterprise/team-1",
              "role": "leader"}  # fmt: skip
    team = await manager.put(f"/v1/{customer}/planningTeam", json={"members": [member]})
    assert team.status_code == 200, team.text
    assert (await manager.get(f"/v1/{customer}/annualPlans")).json() == {}  # none issued yet
    year = datetime.now(UTC).year
    started = await manager.post("/v1/annualPlans:start", json={"year": year})
    assert started.status_code == 200 and started.json()["issued_plans"] >= 1
    listed = await manager.get(f"/v1/{customer}/annualPlans", params={"page_size": 1})
    assert listed.status_code == 200, listed.text
    [plan] = listed.json()["annual_plans"]
    assert plan["name"] == f"{customer}/annualPlans/{year}"
    assert {i["kind"] for i in plan["items"]} >= {"current_state_assessment", "self_check"}
    too_many = await manager.get(f"/v1/{customer}/annualPlans", params={"page_size": 1001})
    assert too_many.status_code in (400, 422)
    assert too_many.json()["errors"][0]["field"].endswith("page_size")
    hidden = await manager.get(f"/v1/customers/c-{uuid.uuid4().hex[:8]}/annualPlans")
    assert hidden.status_code == 404
