"""A customer created over REST is scored and tiered by insight, and explained over REST."""

from __future__ import annotations

import asyncio

import pytest


@pytest.fixture
def insight_target(insight) -> str:
    return f"127.0.0.1:{insight.grpc_port}"


async def test_a_new_customer_gets_a_tier_with_its_explanation(rest):
    created = await rest.post(
        "/v1/customers",
        json={
            "display_name": "南海电信集团",
            "industry": "telecom",
            "annual_revenue": {"currency_code": "CNY", "amount": "420000000000"},
            "employee_count": 180000,
        },
    )
    path = f"/v1/customers/{created.json()['id']}/tierAssignment"
    async with asyncio.timeout(20):
        while (tier := await rest.get(path)).status_code != 200 or not tier.json().get("tier"):
            await asyncio.sleep(0.1)
    assert tier.json()["tier"] in {"S", "A", "B", "C"}
    explained = (await rest.get(f"{path}:explain")).json()
    assert explained["components"] and all(c["plugin"] for c in explained["components"])
    # The archive keeps the tier from insight's TierChanged event, for search.
    customer = f"/v1/customers/{created.json()['id']}"
    async with asyncio.timeout(20):
        while not (await rest.get(customer)).json()["tier"]:
            await asyncio.sleep(0.1)
    assert (await rest.get(customer)).json()["tier"] == tier.json()["tier"]
    found = await rest.get("/v1/customers", params={"filter": f'tier = "{tier.json()["tier"]}"'})
    assert [c["id"] for c in found.json()["customers"]] == [created.json()["id"]]
    policies = (await rest.get("/v1/tierPolicies")).json()["tier_policies"]
    assert [p["tier"] for p in policies] == ["S", "A", "B", "C"]
