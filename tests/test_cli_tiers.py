"""`mcr tiers what-if / apply / explain / policies` against a running gateway and insight."""

from __future__ import annotations

import asyncio
import json
import os
import sys

import pytest

MCR = [sys.executable, "-m", "mcr_cli.main", "tiers"]


@pytest.fixture
def insight_target(insight) -> str:
    return f"127.0.0.1:{insight.grpc_port}"


async def mcr(gateway: str, token: str, *args: str) -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        *MCR, *args, "--gateway", gateway, "--token", token,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        env=os.environ | {"COLUMNS": "240"},  # tables unwrapped
    )  # fmt: skip
    out, err = await asyncio.wait_for(process.communicate(), 120)
    return process.returncode, out.decode(), err.decode()


async def test_what_if_then_apply_from_the_command_line(rest, gateway, auth_keys):
    created = await rest.post(
        "/v1/customers",
        json={
            "display_name": "南海电信集团",
            "industry": "telecom",
            "annual_revenue": {"currency_code": "CNY", "amount": "420000000000"},
            "employee_count": 180000,
        },
    )
    customer_id = created.json()["id"]
    path = f"/v1/customers/{customer_id}/tierAssignment"
    async with asyncio.timeout(20):
        while (tier := await rest.get(path)).status_code != 200:
            await asyncio.sleep(0.1)
    before = tier.json()["tier"]
    token = auth_keys.token()
    strict = ("--threshold", "S=99.5", "--threshold", "A=99")

    code, out, _ = await mcr(gateway, token, "what-if", *strict, "--json")
    assert code == 0
    evaluation = json.loads(out)
    assert evaluation.get("applied", False) is False
    # The session's NATS may still carry other tests' customers of the same region.
    [move] = [m for m in evaluation["migrations"] if f"customers/{customer_id}" in m["customers"]]
    assert move["from_tier"] == before
    assert (await rest.get(path)).json()["tier"] == before  # nothing changed

    code, out, _ = await mcr(gateway, token, "what-if", *strict)
    assert code == 0 and "What-if" in out and "customers evaluated" in out

    # A pack switch tried first: the telecom pack is installed but not active here.
    code, out, _ = await mcr(gateway, token, "what-if", "--pack", "telecom", "--json")
    assert code == 0
    switched = json.loads(out)
    assert switched["packs"] == ["telecom"]
    [top] = [p for p in switched["tier_policies"] if p["tier"] == "S"]
    assert top["plugin"] == "telecom" and top["review_interval"] == "31536000s"
    assert {"role": "decision_maker", "interval": "1209600s", "minimum_contacts": 1} in top[
        "contact_cadences"
    ]
    code, out, _ = await mcr(gateway, token, "what-if", "--pack", "telecom")
    assert code == 0 and "Policies with telecom" in out
    code, _, err = await mcr(gateway, token, "what-if", "--pack", "telekom")
    assert code == 1 and "packs" in err and "telekom" in err

    code, _, err = await mcr(gateway, token, "what-if", "--threshold", "Z=10")
    assert code == 1 and "configuration.thresholds[0].tier" in err
    code, _, err = await mcr(gateway, token, "what-if", "--threshold", "S")
    assert code == 2 and "NAME=NUMBER" in err

    # Applying is the market department's (decision 5), not an account manager's.
    code, _, err = await mcr(gateway, token, "apply", *strict, "--json")
    assert code == 1 and "insight.tierConfigurations.apply" in err
    market = auth_keys.token(roles=("market_department",))
    code, out, _ = await mcr(gateway, market, "apply", *strict, "--json")
    assert code == 0 and json.loads(out)["applied"] is True
    assert (await rest.get(path)).json()["tier"] == move["to_tier"]

    code, out, _ = await mcr(gateway, token, "explain", customer_id)
    assert code == 0 and "industry_potential" in out and "mcr_insight.defaults" in out
    code, out, _ = await mcr(gateway, token, "policies")
    assert code == 0 and "executive reception" in out
