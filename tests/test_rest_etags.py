"""Every REST resource that can be updated gives its ETag and honours If-Match (412 when
stale); the OpenAPI document says which problems each operation can answer."""

from __future__ import annotations

from test_rest_api import assert_problem


async def test_a_department_update_honours_if_match(rest):
    customer = (await rest.post("/v1/customers", json={"display_name": "珠江数据"})).json()
    created = await rest.post(
        f"/v1/customers/{customer['id']}/departments", json={"display_name": "网络部"}
    )
    assert created.headers["ETag"] == f'"{created.json()["etag"]}"'
    path = f"/v1/{created.json()['name']}"
    renamed = await rest.patch(
        path, json={"display_name": "网络运维部"}, headers={"If-Match": created.headers["ETag"]}
    )
    assert renamed.status_code == 200, renamed.text
    assert renamed.headers["ETag"] != created.headers["ETag"]
    stale = await rest.patch(
        path, json={"display_name": "规划部"}, headers={"If-Match": created.headers["ETag"]}
    )
    assert_problem(stale, 412, "If-Match")
    departments = await rest.get(f"/v1/customers/{customer['id']}/departments")
    assert [d["display_name"] for d in departments.json()["departments"]] == ["网络运维部"]
    unconditional = await rest.patch(path, json={"display_name": "规划部"})
    assert unconditional.status_code == 200  # no If-Match: last writer wins, as elsewhere


async def test_postcards_and_account_teams_give_their_etag(rest):
    customer = (await rest.post("/v1/customers", json={"display_name": "岭南数据"})).json()
    person = (
        await rest.post(f"/v1/customers/{customer['id']}/persons", json={"display_name": "李明"})
    ).json()
    postcard = await rest.get(f"/v1/{person['name']}/postcard")
    assert postcard.headers["ETag"] == f'"{postcard.json()["etag"]}"'
    updated = await rest.patch(
        f"/v1/{person['name']}/postcard",
        json={"hobbies": "围棋"},
        headers={"If-Match": postcard.headers["ETag"]},
    )
    assert updated.status_code == 200, updated.text
    assert updated.headers["ETag"] == f'"{updated.json()["etag"]}"'
    stale = await rest.patch(
        f"/v1/{person['name']}/postcard",
        json={"hobbies": "钓鱼"},
        headers={"If-Match": postcard.headers["ETag"]},
    )
    assert_problem(stale, 412, "If-Match")

    team = await rest.get(f"/v1/customers/{customer['id']}/accountTeam")
    assert team.status_code == 200, team.text
    assert team.headers["ETag"] == f'"{team.json().get("etag", "")}"'


async def test_lists_always_say_whether_there_is_a_next_page(rest):
    customer = (await rest.post("/v1/customers", json={"display_name": "信和数据"})).json()
    history = await rest.get(f"/v1/{customer['name']}:history")
    assert history.json()["next_page_token"] == ""
    for path in ("/v1/customers", "/v1/employees", f"/v1/customers/{customer['id']}/persons"):
        assert (await rest.get(path)).json()["next_page_token"] == ""


async def test_the_openapi_document_names_the_problems_not_422(rest):
    document = (await rest.get("/openapi.json")).json()
    assert "Problem" in document["components"]["schemas"]
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            assert "422" not in responses, (method, path)
            problem = responses["400"]["content"]["application/problem+json"]
            assert problem["schema"] == {"$ref": "#/components/schemas/Problem"}
            assert problem["example"]["status"] == 400


# The routers whose every answer carries an example or a schema: all of them by now; a new
# router's tag belongs here once its answers are documented.
DOCUMENTED = {
    "customers",
    "postcards, account teams and history",
    "organisation charts, persons and employees",
    "planning",
    "insight",
    "contact",
    "satisfaction",
    "customer and vendor profiles",
    "person network, search, import and export",
}


async def test_every_answer_is_documented_with_a_schema_or_an_example(rest):
    document = (await rest.get("/openapi.json")).json()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if not DOCUMENTED & set(operation.get("tags", [])):
                continue
            [ok] = [
                operation["responses"][s]
                for s in ("200", "201", "204")
                if s in operation["responses"]
            ]
            if "content" not in ok:
                continue  # 204: no body
            if "application/json" not in ok["content"]:
                # A file (the exports as CSV or XLSX): each media type names its schema.
                assert all("schema" in c for c in ok["content"].values()), (method, path)
                continue
            body = ok["content"]["application/json"]
            schema = body.get("schema", {})
            assert "example" in body or "$ref" in schema or "items" in schema, (method, path)


async def test_empty_lists_are_there_not_missing(rest):
    customer = (await rest.post("/v1/customers", json={"display_name": "空表数据"})).json()
    person = (
        await rest.post(f"/v1/customers/{customer['id']}/persons", json={"display_name": "李明"})
    ).json()
    assert (await rest.get(f"/v1/{person['name']}/sensitiveReads")).json() == {"reads": []}
    assert (await rest.get(f"/v1/customers/{customer['id']}/revenue")).json() == {"years": []}
    credit = (await rest.get(f"/v1/customers/{customer['id']}/creditHistory")).json()
    assert credit == {"changes": []}
