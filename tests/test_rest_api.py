"""The gateway's REST API: problems name the field, ETags guard updates, tokens are required."""

from __future__ import annotations

import httpx
import pytest

PROBLEM = "application/problem+json"


def assert_problem(response: httpx.Response, status: int, *fields: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert body["status"] == status and body["title"] and body["detail"]
    assert "Traceback" not in response.text
    assert [e["field"] for e in body.get("errors", [])] == list(fields)
    return body


async def test_create_get_patch_delete_with_etags(rest):
    created = await rest.post(
        "/v1/customers",
        json={
            "display_name": "岭南港务集团",
            "industry": "transport",
            "annual_revenue": {"currency_code": "CNY", "amount": "1250000.50"},
        },
    )
    assert created.status_code == 201, created.text
    customer = created.json()
    assert customer["annual_revenue"] == {"currency_code": "CNY", "amount": "1250000.5"}
    path = f"/v1/customers/{customer['id']}"
    got = await rest.get(path)
    assert got.json() == customer and got.headers["ETag"] == f'"{customer["etag"]}"'

    patched = await rest.patch(
        path, json={"employee_count": 80}, headers={"If-Match": got.headers["ETag"]}
    )
    assert patched.status_code == 200 and patched.json()["employee_count"] == 80
    stale = await rest.patch(
        path, json={"employee_count": 81}, headers={"If-Match": got.headers["ETag"]}
    )
    assert_problem(stale, 412, "If-Match")
    assert (
        await rest.delete(path, headers={"If-Match": patched.headers["ETag"]})
    ).status_code == 204
    assert_problem(await rest.get(path), 404)


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"display_name": ""}, ["display_name"]),
        (
            {"display_name": "X", "annual_revenue": {"currency_code": "ABC", "amount": "1"}},
            ["annual_revenue.currency_code"],
        ),
        (
            {"display_name": "X", "annual_revenue": {"currency_code": "CNY", "amount": "-1"}},
            ["annual_revenue.amount"],
        ),
        (
            {"display_name": "X", "annual_revenue": {"currency_code": "CNY", "amount": "lots"}},
            ["annual_revenue.amount"],
        ),
        ({"display_name": "X", "colour": "red"}, ["colour"]),
        ({"display_name": "X", "lifecycle_state": "zombie"}, ["lifecycle_state"]),
        ({"display_name": "X", "employee_count": 2**40}, ["employee_count"]),
        ({}, ["display_name"]),
    ],
)
async def test_bad_input_is_a_problem_naming_the_field(rest, body, fields):
    assert_problem(await rest.post("/v1/customers", json=body), 400, *fields)


async def test_malformed_json_and_bad_paging_are_problems(rest):
    malformed = await rest.post(
        "/v1/customers", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert_problem(malformed, 400, *[e["field"] for e in malformed.json()["errors"]])
    assert_problem(await rest.get("/v1/customers", params={"page_size": -1}), 400, "page_size")
    assert_problem(await rest.get("/v1/customers", params={"filter": "x ="}), 400, "filter")
    assert_problem(
        await rest.get("/v1/customers", params={"page_token": "junk"}), 400, "page_token"
    )
    assert_problem(await rest.patch("/v1/customers/abc", json={}), 400, "body")


async def test_paging_through_customers(rest):
    for index in range(5):
        assert (
            await rest.post("/v1/customers", json={"display_name": f"C{index}"})
        ).status_code == 201
    seen, token = [], ""
    while True:
        page = (
            await rest.get("/v1/customers", params={"page_size": 2, "page_token": token})
        ).json()
        seen += [c["display_name"] for c in page["customers"]]
        if not (token := page["next_page_token"]):
            break
    assert seen == [f"C{index}" for index in range(5)]


async def test_tokens_are_required_and_checked(gateway, auth_keys, tmp_path):
    from mcr_core.testing import AuthKeys

    async with httpx.AsyncClient(base_url=gateway) as client:
        missing = await client.get("/v1/customers")
        assert_problem(missing, 401)
        assert missing.headers["WWW-Authenticate"].startswith("Bearer")
        forged = AuthKeys(tmp_path / "forger").token()
        assert_problem(
            await client.get("/v1/customers", headers={"Authorization": f"Bearer {forged}"}), 401
        )


async def test_another_regions_customer_is_not_found(rest, gateway, auth_keys):
    created = (await rest.post("/v1/customers", json={"display_name": "Only South"})).json()
    token = auth_keys.token("e-2001", region="eu-west", org_unit="/eu-west/x")
    west = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=gateway, headers=west) as client:
        assert_problem(await client.get(f"/v1/customers/{created['id']}"), 404)
        assert (await client.get("/v1/customers")).json()["customers"] == []


async def test_openapi_document_describes_the_api(gateway):
    async with httpx.AsyncClient(base_url=gateway) as client:
        spec = (await client.get("/openapi.json")).json()
    assert spec["openapi"].startswith("3.")
    assert {"/v1/customers", "/v1/customers/{customer_id}"} <= set(spec["paths"])
    assert "HTTPBearer" in spec["components"]["securitySchemes"]


async def test_api_docs_are_served_without_a_cdn(gateway):
    async with httpx.AsyncClient(base_url=gateway) as client:
        page = (await client.get("/docs")).text
        assert "/static/swagger-ui/swagger-ui-bundle.js" in page and "cdn" not in page.lower()
        script = await client.get("/static/swagger-ui/swagger-ui-bundle.js")
        assert script.status_code == 200 and len(script.content) > 100_000
