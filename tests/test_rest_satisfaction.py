"""The satisfaction service through the gateway: an issue's ITR steps, problems that name the
field, surveys and KPIs over REST."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import pytest
from mcr_core.admin import HttpServer
from mcr_core.service import RunningService, start_service
from mcr_core.testing import AuthKeys, service_settings
from mcr_gateway.app import create_app
from mcr_gateway.config import GatewaySettings
from mcr_satisfaction.__main__ import SPEC as SATISFACTION
from mcr_satisfaction.config import SatisfactionSettings
from mcr_satisfaction.domain import EXPECTATIONS


@pytest.fixture
async def satisfaction(sqlite_url, nats_url, auth_keys, tmp_path) -> AsyncIterator[RunningService]:
    settings = service_settings(
        SatisfactionSettings,
        database_url=sqlite_url.replace("service.db", "satisfaction.db"),
        nats_url=nats_url,
        auth_keys=auth_keys,
        data_dir=tmp_path,
    )
    service = await start_service(SATISFACTION, settings)
    yield service
    await service.stop()


@pytest.fixture
async def gateway(
    archive: RunningService, satisfaction: RunningService, auth_keys: AuthKeys, tmp_path
) -> AsyncIterator[str]:
    settings = GatewaySettings(
        archive_target=f"127.0.0.1:{archive.grpc_port}",
        insight_target="127.0.0.1:1",
        satisfaction_target=f"127.0.0.1:{satisfaction.grpc_port}",
        auth_public_key_file=auth_keys.public_key_file,
        data_dir=tmp_path,
    )
    server = HttpServer("127.0.0.1:0", create_app(settings), lifespan="on")
    await server.start()
    yield f"http://127.0.0.1:{server.port}"
    await server.stop()


async def test_an_issue_over_rest(rest):
    customer = f"customers/{uuid.uuid4().hex[:12]}"
    created = await rest.post(
        "/v1/issues",
        json={
            "issue": {"customer": customer, "title": "Late", "type": "technical", "urgency": "high"}
        },
        headers={"Idempotency-Key": "k-" + uuid.uuid4().hex},
    )
    assert created.status_code == 201, created.text
    issue = created.json()["issue"]
    path = f"/v1/{issue['name']}"
    me = "employees/e-1001"
    steps = [
        ("accept", {"valid": True}),
        ("distribute", {"receiver": me, "receiver_org_unit": "/cn-south/enterprise/team-1"}),
        ("searchCaseLibrary", {}),
        ("startHandling", {}),
        ("resolve", {"resolution": "replaced"}),
        ("revisit", {"contact": "ops-desk", "score": 4}),
        ("close", {}),
    ]
    for step, body in steps:
        answer = await rest.post(f"{path}:{step}", json=body)
        assert answer.status_code == 200, (step, answer.text)
    assert answer.json()["issue"]["state"] == "closed"
    listed = await rest.get(f"/v1/{customer}/issues", params={"filter": 'state != "closed"'})
    assert listed.status_code == 200 and listed.json().get("issues", []) == []
    assert (await rest.get(path)).json()["issue"]["state"] == "closed"


async def test_rest_problems_name_the_field(rest):
    customer = f"customers/{uuid.uuid4().hex[:12]}"
    created = await rest.post(
        "/v1/issues",
        json={
            "issue": {
                "customer": customer,
                "title": "Late",
                "type": "technical",
                "urgency": "normal",
            }
        },
    )
    path = f"/v1/{created.json()['issue']['name']}"
    refused = await rest.post(f"{path}:close", json={})
    assert refused.status_code in (400, 409, 412) and "revisit" in refused.text
    bad = await rest.post("/v1/issues", json={"issue": {"customer": customer, "colour": "red"}})
    assert bad.status_code == 400 and bad.headers["content-type"].startswith("application/problem")
    unknown = await rest.post(f"{path}:teleport", json={})
    assert unknown.status_code == 404
    survey = await rest.post(
        "/v1/surveys",
        json={
            "survey": {"customer": customer, "kind": "third_party"},
            "annual_order_value_usd": "100000000",
        },
    )
    assert survey.status_code == 201 and survey.json()["sample_size"] == 60
    rated = {"expectation": 5, "perception": 3}
    answer = await rest.post(
        f"/v1/{survey.json()['name']}/answers",
        json={
            "level": "senior",
            "mode": "interview",
            "ratings": dict.fromkeys(EXPECTATIONS, rated),
        },
    )
    assert answer.status_code == 201, answer.text
    results = await rest.get(f"/v1/{customer}/surveyResults")
    assert results.status_code == 200, results.text
    assert results.json()["dimensions"][0] == {
        "dimension": "timely_response",
        "mean_expectation": 5.0,
        "mean_perception": 3.0,
        "gap": -2.0,
        "respondents": 1,
    }
    planned = await rest.post(
        "/v1/surveys:planProject", json={"customers": [customer], "large_project": True}
    )
    assert planned.status_code == 201 and len(planned.json()["surveys"]) == 1
    kpis = await rest.get(
        "/v1/teamKpis",
        params={
            "team": "/cn-south/enterprise/team-1",
            "start_time": "2020-01-01T00:00:00Z",
            "end_time": "2100-01-01T00:00:00Z",
        },
    )
    assert kpis.status_code == 200 and kpis.json()["new_valid_issues"] == 1
    quota = await rest.get(
        f"/v1/{customer}/weeklyIssueQuota",
        params={"annual_revenue_usd": 60_000_000, "week_start_time": "2020-01-06T00:00:00Z"},
    )
    assert quota.status_code == 200 and quota.json()["quota"] == 2
