"""The contact and satisfaction demo loaders on the whole platform: what they create, and that
a second load creates nothing new (fixed request ids, or a look first where the RPC has none)."""

from __future__ import annotations

import time
from datetime import datetime, timedelta

import httpx
import pytest
from platform_kit import platform  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]


def snapshot(platform) -> dict:  # noqa: F811
    issues = platform.get("/v1/issues", page_size=500).get("issues", [])
    return {
        "activities": sorted(
            a["title"] for a in platform.get("/v1/activities", page_size=500)["activities"]
        ),
        "issues": sorted((i["title"], i["state"]) for i in issues),
        "eu_issues": [i["title"] for i in platform.get("/v1/issues", who="eu")["issues"]],
        "survey": platform.get("/v1/customers/-/surveyResults"),
        "due": platform.get("/v1/dueContacts")["due_contacts"],
    }


def test_the_demo_loads_once(platform):  # noqa: F811
    first = snapshot(platform)
    states = {state for _, state in first["issues"]}
    assert {"collected", "distributed", "handling", "resolved"} <= states
    assert len(first["activities"]) == 4 and first["eu_issues"] == [
        "Telemetry gaps at two substations"
    ]
    assert first["survey"]["respondents"] == 4
    assert [d["status"] for d in first["due"]] == ["breached"]

    platform.load_demo()
    again = snapshot(platform)
    assert again == first


def eventually(check, timeout: float = 60.0):
    """check()'s first truthy answer; waits for the services to consume insight's events."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if found := check():
            return found
        time.sleep(0.5)
    raise AssertionError(f"not within {timeout}s: {check.__doc__}")


def test_contact_and_satisfaction_follow_insights_tiers_and_policies(platform):  # noqa: F811
    """In their own processes, contact and satisfaction decode insight's tier events (once
    dead-lettered as unknown types): the CTO's cadence follows tier S's decision-maker rule,
    and an issue of an S customer gets tier S's SLA, not the fallback."""
    [chart] = [
        c
        for c in platform.get("/v1/customers", page_size=1000)["customers"]
        if c["display_name"] == "南海电信广东分公司"
    ]
    assert chart["tier"] == "S"
    cto = [
        p for p in platform.get(f"/v1/{chart['name']}/persons")["persons"] if p["title"] == "CTO"
    ]

    def planned():
        """the CTO's cadence planned"""
        cadence = platform.get(f"/v1/{cto[0]['name']}/cadence")
        return cadence["status"] != "unplanned" and cadence

    cadence = eventually(planned)
    assert cadence["role"] == "decision_maker" and cadence["tier"] == "S"
    assert cadence["max_interval"] == f"{30 * 86400}s"

    headers = {"Authorization": f"Bearer {platform.token('owner')}"}

    def s_tier_sla():
        """an S customer's issue on tier S's SLA (major: 8 h to answer, 64 h to resolve)"""
        issue = httpx.post(
            f"{platform.url}/v1/issues",
            json={
                "issue": {
                    "customer": chart["name"],
                    "title": "传输网时延抖动",
                    "type": "technical",
                    "urgency": "high",
                }
            },
            headers=headers,
        ).json()["issue"]
        created = datetime.fromisoformat(issue["create_time"])
        return datetime.fromisoformat(issue["sla_due_time"]) - created == timedelta(hours=64)

    assert eventually(s_tier_sla)
