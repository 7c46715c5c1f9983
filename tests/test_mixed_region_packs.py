"""One region, several industries, three packs at once: telecom, healthcare and energy. Each
customer gets its own pack's value components, cadences and gift limit, proved over gRPC on the
services of one installation; a customer of an industry no pack serves gets the built-in
defaults; the energy pack scores the investment budget the grid company's published customer
profile recorded, and the explanation shows it; the what-if of activating one more pack
(finance) names the customers that move and why.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import grpc
import httpx
import pytest
from google.protobuf.field_mask_pb2 import FieldMask
from mcr.archive.v1 import archive_service_pb2 as archive_pb
from mcr.archive.v1 import (
    archive_service_pb2_grpc,
    customer_pb2,
    person_pb2,
    profile_pb2,
    profile_service_pb2_grpc,
)
from mcr.archive.v1 import profile_service_pb2 as profile_pb
from mcr.common.v1 import money_pb2
from mcr.contact.v1 import contact_pb2, contact_service_pb2_grpc
from mcr.contact.v1 import contact_service_pb2 as contact_pb
from mcr.insight.v1 import insight_service_pb2 as insight_pb
from mcr.insight.v1 import insight_service_pb2_grpc, tier_pb2
from mcr_core.protobuf import duration, timestamp
from test_region_pack_switch import REGION, Region, eventually

PACKS = ["telecom", "healthcare", "energy"]
DEFAULTS = "mcr_insight.defaults"


@pytest.fixture
async def region(tmp_path, auth_keys):
    """An installation of its own (NATS, archive, insight, contact on SQLite files)."""
    installation = Region(tmp_path, auth_keys)
    installation.nats.start()
    try:
        yield installation
    finally:
        await installation.stop()
        installation.nats.stop()


@pytest.fixture
def claims(auth_keys):
    def make(employee: str, *roles: str, unit: str = f"/{REGION}/carriers/team-1"):
        return auth_keys.metadata(employee_id=employee, region=REGION, org_unit=unit,
                                  roles=roles or ("account_manager", "manager"))  # fmt: skip

    return make


async def _customer(archive, who, name: str, industry: str, **fields) -> str:
    customer = customer_pb2.Customer(
        display_name=name, industry=industry, country_code="CN", region=REGION,
        lifecycle_state=customer_pb2.LIFECYCLE_STATE_ACTIVE, **fields,
    )  # fmt: skip
    request = archive_pb.CreateCustomerRequest(customer=customer, request_id=uuid.uuid4().hex)
    return (await archive.CreateCustomer(request, metadata=who)).name


def _cny(units: int) -> money_pb2.Money:
    return money_pb2.Money(currency_code="CNY", units=units)


async def test_three_packs_in_one_region_each_on_its_own_customers(region, claims):
    await region.start(packs=PACKS)
    # Each service's admin port lists the active packs with the customers they serve.
    async with httpx.AsyncClient() as client:
        admin = f"http://127.0.0.1:{region.running['contact'].admin.port}/plugins"
        listed = {p["name"]: p for p in (await client.get(admin)).json()["plugins"]}
    assert listed["energy"]["scope"] == {
        "industries": ["grid", "power_generation"], "ownership_types": [],
    }  # fmt: skip
    assert listed["mcr_contact.defaults"]["scope"] is None  # every customer
    archive = region.stub("archive", archive_service_pb2_grpc.ArchiveServiceStub)
    profiles = region.stub("archive", profile_service_pb2_grpc.ProfileServiceStub)
    insight = region.stub("insight", insight_service_pb2_grpc.InsightServiceStub)
    contact = region.stub("contact", contact_service_pb2_grpc.ContactServiceStub)
    manager = claims("e-3001")
    head = claims("e-3000", "manager", unit=f"/{REGION}/carriers")
    # A region's pack switch is the market department's (decision 5); its what-if names the
    # customers that move only to a role that sees the whole portfolio (decision 11).
    market = claims("e-3900", "market_department", unit=f"/{REGION}/market")

    customers = {
        "telecom": await _customer(archive, manager, "北方电信集团", "telecom",
                                   annual_revenue=_cny(420_000_000_000), employee_count=180_000),
        "hospital": await _customer(archive, manager, "北方协和医院", "hospital_3a",
                                    annual_revenue=_cny(6_000_000_000), employee_count=9_000),
        "grid": await _customer(archive, manager, "华北电网", "grid",
                                annual_revenue=_cny(300_000_000_000), employee_count=60_000,
                                ownership_type=customer_pb2.OWNERSHIP_TYPE_STATE_OWNED),
        "retail": await _customer(archive, manager, "北方百货", "retail",
                                  annual_revenue=_cny(2_000_000_000), employee_count=3_000),
        "bank": await _customer(archive, manager, "北方农村信用社", "finance",
                                annual_revenue=_cny(10_000_000), employee_count=60),
    }  # fmt: skip

    # The grid company's investment budget, recorded in its customer profile (the energy pack
    # declared the metric and its type) and published by a review.
    grid_profile = f"{customers['grid']}/customerProfile"
    bad = profile_pb2.CustomerProfile(
        name=grid_profile,
        business_network=profile_pb2.BusinessNetwork(metrics={"grid_investment_budget": "lots"}),
    )
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await profiles.UpdateCustomerProfile(
            profile_pb.UpdateCustomerProfileRequest(
                customer_profile=bad, update_mask=FieldMask(paths=["business_network"])
            ),
            metadata=manager,
        )
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "grid_investment_budget" in refused.value.details() or refused.value.trailing_metadata()
    bad.business_network.metrics["grid_investment_budget"] = "800"
    edited = await profiles.UpdateCustomerProfile(
        profile_pb.UpdateCustomerProfileRequest(
            customer_profile=bad, update_mask=FieldMask(paths=["business_network"])
        ),
        metadata=manager,
    )
    await profiles.SubmitProfile(
        profile_pb.SubmitProfileRequest(name=grid_profile, etag=edited.etag), metadata=manager
    )
    await profiles.ReviewProfile(
        profile_pb.ReviewProfileRequest(
            name=grid_profile, verdict=profile_pb2.REVIEW_VERDICT_APPROVED
        ),
        metadata=head,
    )

    async def explain(key: str) -> insight_pb.ExplainTierResponse:
        request = insight_pb.ExplainTierRequest(name=f"{customers[key]}/tierAssignment")
        return await insight.ExplainTier(request, metadata=manager)

    async def scored() -> bool:
        try:
            found = {key: await explain(key) for key in customers}
        except grpc.aio.AioRpcError:
            return False
        return all(e.tier_assignment.tier for e in found.values()) and bool(found["grid"].metrics)

    await eventually(scored)
    explained = {key: await explain(key) for key in customers}

    def plugins(key: str) -> set[str]:
        return {c.plugin for c in explained[key].components}

    # Tier components: each customer's own pack, and only that one, beside the defaults.
    assert plugins("telecom") == {"telecom", DEFAULTS}
    assert plugins("hospital") == {"healthcare", DEFAULTS}
    assert plugins("grid") == {"energy", DEFAULTS}
    assert plugins("retail") == plugins("bank") == {DEFAULTS}  # no pack serves them
    [budget] = [c for c in explained["grid"].components if c.plugin == "energy"]
    assert budget.value == 80.0 and "800" in budget.explanation
    grid = explained["grid"]
    assert dict(grid.metrics) == {"grid_investment_budget": "800"}
    assert (grid.industry, grid.ownership_type) == ("grid", "state_owned")

    # Cadences: a decision maker at each customer, planned by the pack serving it.
    cadences = {}
    for key in customers:
        person = await archive.CreatePerson(
            archive_pb.CreatePersonRequest(
                parent=customers[key],
                person=person_pb2.Person(display_name=f"{key} 决策人",
                                         layer=person_pb2.LAYER_SENIOR),
                request_id=uuid.uuid4().hex,
            ),
            metadata=manager,
        )  # fmt: skip
        cadences[key] = f"{person.name}/cadence"
        await contact.TrackPerson(
            contact_pb.TrackPersonRequest(
                person_cadence=contact_pb2.PersonCadence(
                    name=cadences[key], role="decision_maker", supervisor="employees/e-3000"
                )
            ),
            metadata=manager,
        )

    async def cadence(key: str) -> contact_pb2.PersonCadence:
        request = contact_pb.GetPersonCadenceRequest(name=cadences[key])
        return await contact.GetPersonCadence(request, metadata=manager)

    async def planned_by_their_packs() -> bool:
        found = {key: await cadence(key) for key in customers}
        return (found["grid"].source, found["hospital"].source) == ("energy", "healthcare")

    await eventually(planned_by_their_packs)
    grid_cadence, hospital_cadence = await cadence("grid"), await cadence("hospital")
    assert grid_cadence.ideal_interval.ToTimedelta() == timedelta(days=14)
    assert grid_cadence.max_interval.ToTimedelta() == timedelta(days=21)
    assert hospital_cadence.max_interval.ToTimedelta() == timedelta(days=30)
    assert (await cadence("telecom")).source == "policy"  # its tier S policy: the pack's ladder
    for key in ("retail", "bank"):  # the region's tier policy, or none for their tier
        assert (await cadence(key)).source in ("policy", "")

    # Gift limits: the hospital's zero, the grid company's 200 CNY, the jurisdiction's 500 CNY
    # for everyone else; a refusal names the pack whose rule it was.
    async def gift(key: str, units: int) -> grpc.StatusCode:
        activity = contact_pb2.Activity(
            customer=customers[key], type="banquet", relationship_type="key", state="planned",
            title="dinner", start_time=timestamp(datetime.now(UTC) + timedelta(days=2)),
            duration=duration(hours=2), gift_value=_cny(units),
            target_persons=[cadences[key].removesuffix("/cadence")],
        )  # fmt: skip
        request = contact_pb.LogActivityRequest(activity=activity, request_id=uuid.uuid4().hex)
        try:
            await contact.LogActivity(request, metadata=manager)
        except grpc.aio.AioRpcError as error:
            refusals[key] = repr(error.trailing_metadata()) + error.details()
            return error.code()
        return grpc.StatusCode.OK

    refusals: dict[str, str] = {}
    refused, ok = grpc.StatusCode.INVALID_ARGUMENT, grpc.StatusCode.OK
    assert await gift("hospital", 50) == refused and "healthcare" in refusals["hospital"]
    assert "activity.gift_value" in refusals["hospital"]
    assert await gift("grid", 150) == ok, refusals
    assert await gift("grid", 300) == refused and "energy" in refusals["grid"]
    assert "200 CNY" in refusals["grid"]
    assert await gift("telecom", 300) == ok and await gift("retail", 300) == ok
    assert await gift("retail", 600) == refused and "500 CNY" in refusals["retail"]
    assert "pack" not in refusals["retail"]  # the jurisdiction's own rule

    # The what-if of activating the finance pack too: the bank it serves moves, and says why;
    # nothing changes until the region is switched.
    before = {key: e.tier_assignment.tier for key, e in explained.items()}
    what_if = await insight.EvaluateTierConfiguration(
        insight_pb.EvaluateTierConfigurationRequest(
            configuration=tier_pb2.TierConfiguration(), packs=[*PACKS, "finance"]
        ),
        metadata=market,
    )
    moved = {name: m for m in what_if.migrations for name in m.customers}
    assert customers["bank"] in moved, what_if
    assert moved[customers["bank"]].from_tier == before["bank"]
    assert any("scored by finance now" in why for why in moved[customers["bank"]].reasons)
    for key in ("telecom", "hospital", "grid"):
        assert customers[key] not in moved
    assert {key: (await explain(key)).tier_assignment.tier for key in customers} == before

    # Cadences in one place: a tier policy gives each role's ideal and maximum interval, the
    # what-if shows both, and contact plans the operator's decision maker by them.
    current = await insight.EvaluateTierConfiguration(
        insight_pb.EvaluateTierConfigurationRequest(configuration=tier_pb2.TierConfiguration()),
        metadata=manager,
    )
    policy = {p.tier: p for p in current.tier_policies}[before["telecom"]]
    [rule] = [c for c in policy.contact_cadences if c.role == "decision_maker"]
    ideal, maximum = rule.ideal_interval.ToTimedelta(), rule.max_interval.ToTimedelta()
    assert timedelta(0) < ideal < maximum
    operator = await cadence("telecom")
    assert (operator.ideal_interval.ToTimedelta(), operator.max_interval.ToTimedelta()) == (
        ideal, maximum,
    )  # fmt: skip
