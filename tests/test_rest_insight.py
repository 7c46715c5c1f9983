"""Insight over REST through the gateway: the strategic sandbox and the market department's
selection, what-if and apply, analyses, monitoring and classified information products, with
problem+json naming the field."""

from __future__ import annotations

import asyncio

import pytest

MARKET = {"employee_id": "e-market", "roles": ("market_department",)}
DIRECTOR = {"employee_id": "e-director", "roles": ("director",)}


@pytest.fixture
def insight_target(insight) -> str:
    return f"127.0.0.1:{insight.grpc_port}"


@pytest.fixture
def as_(rest, auth_keys):
    """`as_(**claims)`: headers for a caller with other claims than the default one."""

    def headers(**claims) -> dict[str, str]:
        return {"Authorization": f"Bearer {auth_keys.token(**claims)}"}

    return headers


@pytest.fixture
async def customer(rest) -> str:
    created = await rest.post(
        "/v1/customers",
        json={
            "display_name": "南海电信集团",
            "industry": "telecom",
            "annual_revenue": {"currency_code": "CNY", "amount": "420000000000"},
            "employee_count": 180000,
        },
    )
    path = f"/v1/customers/{created.json()['id']}"
    async with asyncio.timeout(20):
        while (await rest.get(f"{path}/tierAssignment")).status_code != 200:
            await asyncio.sleep(0.1)
    return path


async def test_the_sandbox_and_its_opportunities_over_rest(rest, as_, customer):
    bad = await rest.put(
        f"{customer}/strategicSandbox",
        json={"segments": [{"product_segment": "optical", "spend_share_percent": 60}]},
    )
    assert bad.status_code == 400
    assert bad.headers["content-type"] == "application/problem+json"
    assert [e["field"] for e in bad.json()["errors"]] == ["segments"]
    junk = await rest.put(f"{customer}/strategicSandbox", json={"segmentz": []})
    assert junk.status_code == 400 and junk.json()["errors"][0]["field"] == "segmentz"

    saved = await rest.put(
        f"{customer}/strategicSandbox",
        json={
            "segments": [
                {
                    "product_segment": "wireless access",
                    "spend_share_percent": 60,
                    "vendor_shares": [{"vendor": "us", "share_percent": 40}],
                },
                {"product_segment": "optical", "spend_share_percent": 40},
            ]
        },
    )
    assert saved.status_code == 200 and saved.headers["ETag"]
    stale = await rest.put(
        f"{customer}/strategicSandbox",
        json={"segments": [{"product_segment": "optical", "spend_share_percent": 100}]},
        headers={"If-Match": '"old"'},
    )
    assert stale.status_code == 412

    proposed = await rest.post(
        f"{customer}/opportunities",
        json={
            "product_segment": "optical",
            "source_role": "OPPORTUNITY_SOURCE_DELIVERY",
            "horizon": "OPPORTUNITY_HORIZON_SHORT_TERM",
            "pain_point": "the competitor's ring keeps failing",
            "ratings": {"market_space": 60, "growth": 40, "profit": 50, "business_fit": 90},
        },
        headers={"Idempotency-Key": "opp-1"},
    )
    assert proposed.status_code == 201, proposed.text
    name = proposed.json()["name"]
    ranked = (await rest.get(f"{customer}/opportunities")).json()
    assert [o["name"] for o in ranked["opportunities"]] == [name]
    assert ranked["weights"]["plugin"] == "mcr_insight.defaults"

    target = {"goal_kind": "share", "target_share_percent": 25, "target_year": 2027,
              "description": "a quarter of the optical spend"}  # fmt: skip
    denied = await rest.post(f"/v1/{name}:select", json=target)
    assert denied.status_code == 403
    wrong = await rest.post(f"/v1/{name}:select", json=target | {"goal_kind": "win"},
                            headers=as_(**MARKET))  # fmt: skip
    assert wrong.status_code == 400 and wrong.json()["errors"][0]["field"] == "goal_kind"
    selected = await rest.post(f"/v1/{name}:select", json=target, headers=as_(**MARKET))
    assert selected.status_code == 200
    assert selected.json()["state"] == "OPPORTUNITY_STATE_SELECTED"

    done = await rest.post(f"{customer}/annualInsights:complete", json={"year": 2026})
    assert done.json().get("sandbox_empty", False) is False
    applicable = (await rest.get(f"{customer}/industryApplicability")).json()
    assert applicable["applicable"] is True


async def test_what_if_leaves_tiers_and_apply_applies_over_rest(rest, customer, as_):
    before = (await rest.get(f"{customer}/tierAssignment")).json()["tier"]
    candidate = {"configuration": {"thresholds": [{"tier": "S", "min_score": 99.5},
                                                  {"tier": "A", "min_score": 99}]}}  # fmt: skip
    what_if = (await rest.post("/v1/tierConfiguration:evaluate", json=candidate)).json()
    assert what_if.get("applied", False) is False and what_if["customers_evaluated"] == 1
    assert (await rest.get(f"{customer}/tierAssignment")).json()["tier"] == before
    unknown = await rest.post(
        "/v1/tierConfiguration:evaluate",
        json={"configuration": {"thresholds": [{"tier": "Z", "min_score": 10}]}},
    )
    assert unknown.status_code == 400
    assert unknown.json()["errors"][0]["field"] == "configuration.thresholds[0].tier"
    # Applying a tier configuration is the market department's (decision 5).
    assert (await rest.post("/v1/tierConfiguration:apply", json=candidate)).status_code == 403
    applied = (
        await rest.post("/v1/tierConfiguration:apply", json=candidate, headers=as_(**MARKET))
    ).json()
    assert applied["applied"] is True
    after = (await rest.get(f"{customer}/tierAssignment")).json()["tier"]
    moved = [m for m in applied.get("migrations", []) if m["to_tier"] == after]
    assert after != before and moved
    history = (await rest.get(f"{customer}/tierHistory")).json()["entries"]
    assert history[0]["tier"] == after


async def test_analyses_monitoring_and_classified_products_over_rest(rest, as_, customer):
    analysis = await rest.put(
        f"{customer}/analyses/enterpriseOverview",
        json={
            "enterprise_overview": {
                "vision_mission": {"statement": "the digital backbone of the south"},
                "threats": [
                    {
                        "statement": "a new entrant wins the government cloud",
                        "status": "CONCLUSION_STATUS_CONFIRMED",
                    }
                ],
            }
        },
    )
    assert analysis.status_code == 400
    assert analysis.json()["errors"][0]["field"] == "enterprise_overview.threats[0].verified_with"
    saved = await rest.put(
        f"{customer}/analyses/enterpriseOverview",
        json={"enterprise_overview": {"vision_mission": {"statement": "the digital backbone"}}},
    )
    assert saved.json()["version"] == "1" and saved.json()["open_hypotheses"] == 1
    versions = (await rest.get(f"{customer}/analyses/enterpriseOverview/versions")).json()
    assert len(versions["insight_analyses"]) == 1

    snapshot = await rest.post("/v1/portfolioSnapshots", headers=as_(**MARKET))
    assert snapshot.status_code == 201 and snapshot.json()["total_customers"] == 1
    assert (await rest.get("/v1/dueReviews")).json()["due_reviews"][0]["interval_days"] == 365

    report = await rest.post(
        f"{customer}/informationProducts",
        json={"kind": "INFORMATION_PRODUCT_KIND_DYNAMICS_BRIEF", "title": "Q3", "body": "…"},
        headers=as_(**MARKET),
    )
    assert report.status_code == 201
    path = f"/v1/{report.json()['name']}"
    assert (await rest.get(path)).status_code == 403  # an account manager
    assert (await rest.get(path, headers=as_(**DIRECTOR))).status_code == 200
    listed = await rest.get(f"{customer}/informationProducts")
    assert listed.json().get("information_products", []) == []
