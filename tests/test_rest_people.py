"""Organisation charts, persons and hand-over over REST, with visibility and problems."""

from __future__ import annotations

import httpx
from test_rest_api import assert_problem

HEAD = {"employee_id": "e-0900", "org_unit": "/cn-south/enterprise", "roles": ("manager",)}
PEER = {"employee_id": "e-1002", "org_unit": "/cn-south/enterprise/team-1"}


def client_for(gateway: str, auth_keys, **claims) -> httpx.AsyncClient:
    token = auth_keys.token(**claims)
    return httpx.AsyncClient(base_url=gateway, headers={"Authorization": f"Bearer {token}"})


async def test_chart_persons_and_handover(rest, gateway, auth_keys):
    customer = (await rest.post("/v1/customers", json={"display_name": "南海电信"})).json()
    base = f"/v1/customers/{customer['id']}"
    top = await rest.post(f"{base}/departments", json={"display_name": "网络部"})
    assert top.status_code == 201, top.text
    network = top.json()
    created = await rest.post(
        f"{base}/persons",
        json={
            "display_name": "李明",
            "title": "CTO",
            "department": network["name"],
            "layer": "senior",
        },
        headers={"Idempotency-Key": "li-ming"},
    )
    assert created.status_code == 201, created.text
    person = created.json()
    assert person["owner"] == "employees/e-1001"
    path = f"/v1/{person['name']}"
    patched = await rest.patch(
        path, json={"veto_holder": True}, headers={"If-Match": created.headers["ETag"]}
    )
    assert patched.json()["veto_holder"] is True
    assert_problem(
        await rest.patch(
            path, json={"retired": True}, headers={"If-Match": created.headers["ETag"]}
        ),
        412,
        "If-Match",
    )

    other = (await rest.post("/v1/customers", json={"display_name": "别的客户"})).json()
    foreign = await rest.post(
        f"/v1/customers/{other['id']}/persons",
        json={"display_name": "王五", "department": network["name"]},
    )
    assert_problem(foreign, 400, "department")
    assert_problem(
        await rest.post(f"{base}/persons", json={"display_name": "x", "layer": "top"}), 400, "layer"
    )

    async with client_for(gateway, auth_keys, **PEER) as peer:
        assert_problem(await peer.get(path), 404)
        assert (
            await peer.post("/v1/customers", json={"display_name": "peer's"})
        ).status_code == 201
    async with client_for(gateway, auth_keys, **HEAD) as head:
        moved = await head.post(
            "/v1/employees/e-1001:transferPortfolio",
            json={"to_employee": "employees/e-1002", "reason": "rotation"},
        )
        assert moved.status_code == 200, moved.text
        assert person["name"] in moved.json()["persons"]
        refused = await head.post(
            "/v1/employees/e-1001:transferPortfolio",
            json={"to_employee": "employees/e-1002", "reason": ""},
        )
        assert_problem(refused, 400, "reason")
    async with client_for(gateway, auth_keys, **PEER) as peer:
        assert (await peer.get(path)).json()["owner"] == "employees/e-1002"
        # Employee records are one's own and one's superiors' (decision 11).
        employees = (await peer.get("/v1/employees")).json()["employees"]
        assert {e["name"] for e in employees} == {"employees/e-1002"}
    async with client_for(gateway, auth_keys, **HEAD) as head:
        employees = (await head.get("/v1/employees")).json()["employees"]
        assert {e["name"] for e in employees} >= {"employees/e-1001", "employees/e-1002"}


async def test_postcard_team_and_history_over_rest(rest, gateway, auth_keys):
    customer = (await rest.post("/v1/customers", json={"display_name": "珠江医院"})).json()
    base = f"/v1/customers/{customer['id']}"
    person = (await rest.post(f"{base}/persons", json={"display_name": "张伟"})).json()
    card = f"/v1/{person['name']}/postcard"
    written = await rest.patch(
        card, json={"education": "中山大学", "needs": [{"description": "技术口碑"}]}
    )
    assert written.status_code == 200, written.text
    assert written.json()["education"] == "中山大学"
    refused = await rest.patch(card, json={"home_address": "某路 8 号"})
    assert_problem(refused, 400, "home_address")  # cn-south stores no sensitive data here
    assert_problem(await rest.patch(card, json={"shoe_size": 42}), 400, "shoe_size")

    async with client_for(gateway, auth_keys, **PEER) as peer:  # recorded as an employee
        assert (
            await peer.post("/v1/customers", json={"display_name": "peer's"})
        ).status_code == 201
    team = await rest.put(
        f"{base}/accountTeam",
        json={"members": [{"employee": "employees/e-1002", "role": "TEAM_ROLE_PRODUCT_MANAGER",
                           "paired_persons": [person["name"]]}]},
    )  # fmt: skip
    assert team.status_code == 200, team.text
    assert team.json()["members"][0]["employee"] == "employees/e-1002"
    bad = await rest.put(f"{base}/accountTeam", json={"members": [{"employee": "x", "role": "R"}]})
    assert bad.status_code == 400

    history = (await rest.get(f"/v1/{customer['name']}:history")).json()
    assert history["values"]["display_name"] == "珠江医院"
    past = await rest.get(f"/v1/{person['name']}:history", params={"as_of": "2000-01-01T00:00:00Z"})
    assert past.status_code == 200 and past.json().get("values", {}) == {}
    assert_problem(
        await rest.get(f"/v1/{person['name']}:history", params={"as_of": "2000-01-01T00:00:00"}),
        400,
        "as_of",
    )


async def test_credit_rating_over_rest(rest):
    customer = (
        await rest.post(
            "/v1/customers",
            json={"display_name": "X", "ownership_type": "listed", "province": "广东"},
        )
    ).json()
    assert (customer["ownership_type"], customer["province"], customer["credit_rating"]) == (
        "listed",
        "广东",
        "",
    )
    base = f"/v1/customers/{customer['id']}"
    assert (
        await rest.post(f"{base}:rateCredit", json={"rating": "B", "cause": "review"})
    ).status_code == 200
    raised = await rest.post(f"{base}:rateCredit", json={"rating": "A", "cause": "bad_debt"})
    assert_problem(raised, 409, "rating")
    assert_problem(
        await rest.post(f"{base}:rateCredit", json={"rating": "Z", "cause": "review"}),
        400,
        "rating",
    )
    assert (await rest.get(base)).json()["credit_rating"] == "B"
    assert len((await rest.get(f"{base}/creditHistory")).json()["changes"]) == 1


async def test_yearly_revenue_over_rest(rest):
    customer = (await rest.post("/v1/customers", json={"display_name": "Y"})).json()
    base = f"/v1/customers/{customer['id']}/revenue"
    ok = await rest.put(f"{base}/2025", json={"currency_code": "CNY", "amount": "1250000.50"})
    assert ok.status_code == 200, ok.text
    assert_problem(
        await rest.put(f"{base}/2025", json={"currency_code": "CNY", "amount": "-1"}), 400, "amount"
    )
    assert_problem(
        await rest.put(f"{base}/1800", json={"currency_code": "CNY", "amount": "1"}), 400, "year"
    )
    years = (await rest.get(base)).json()["years"]
    assert [(y["year"], y["amount"]["units"]) for y in years] == [(2025, "1250000")]
