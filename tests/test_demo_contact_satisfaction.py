"""The contact and satisfaction demo loaders on the whole platform: what they create, and that
a second load creates nothing new (fixed request ids, or a look first where the RPC has none)."""

from __future__ import annotations

import pytest
from mcr_cli.demo import load_demo
from platform_kit import platform, run  # noqa: F401 (a fixture)

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

    tokens = {"cn-south": platform.token("owner"), "eu-west": platform.token("eu")}
    targets = {name: f"127.0.0.1:{p.grpc_port}" for name, p in platform.services.items()}
    run(load_demo(targets, tokens))
    again = snapshot(platform)
    assert again == first
