"""The person network over REST: decision roles, hidden influencers and influence links, moves
under the territory rule, search, and import/export files, with problems naming the field."""

from __future__ import annotations

import io

from mcr_core.tables import read_rows, write_rows
from test_rest_api import assert_problem
from test_rest_people import PEER, client_for

WEST = {"employee_id": "e-2001", "region": "eu-west", "org_unit": "/eu-west/enterprise"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


async def test_roles_links_and_moves(rest, gateway, auth_keys):
    async with client_for(gateway, auth_keys, **PEER) as peer:  # the archive knows the peer
        await peer.post("/v1/customers", json={"display_name": "同事的客户"})
    customer = (await rest.post("/v1/customers", json={"display_name": "南海电信"})).json()
    base = f"/v1/customers/{customer['id']}"
    buying = (
        await rest.post(
            f"{base}/departments",
            json={"display_name": "采购部", "covering_employee": "employees/e-1002"},
        )
    ).json()
    assert buying["covering_employee"] == "employees/e-1002"
    zhang = await rest.post(
        f"{base}/persons",
        json={"display_name": "张伟", "decision_roles": [{"scenario": "core", "role": "decider"}]},
    )
    assert zhang.status_code == 201, zhang.text
    zhang = zhang.json()
    assert zhang["decision_roles"] == [{"scenario": "core", "role": "decider"}]
    mentor = (
        await rest.post(
            f"{base}/persons", json={"display_name": "老领导", "outside_org_chart": True}
        )
    ).json()
    assert_problem(
        await rest.post(
            f"{base}/persons",
            json={"display_name": "x", "decision_roles": [{"scenario": "core", "role": "boss"}]},
        ),
        400,
        "decision_roles.0.role",
    )
    assert_problem(
        await rest.post(
            f"{base}/persons",
            json={"display_name": "x", "outside_org_chart": True, "department": buying["name"]},
        ),
        400,
        "department",
    )

    link = await rest.post(
        f"{base}/influenceLinks",
        json={"source": mentor["name"], "target": zhang["name"], "kind": "confidant",
              "strength": 5},
    )  # fmt: skip
    assert link.status_code == 201, link.text
    assert link.json()["kind"] == "INFLUENCE_KIND_CONFIDANT"
    assert_problem(
        await rest.post(
            f"{base}/influenceLinks",
            json={
                "source": zhang["name"],
                "target": zhang["name"],
                "kind": "conflict",
                "strength": 9,
            },
        ),
        400,
        "influence_link.target",
        "influence_link.strength",
    )
    links = (await rest.get(f"{base}/influenceLinks", params={"person": zhang["name"]})).json()
    assert [x["source"] for x in links["influence_links"]] == [mentor["name"]]

    moved = await rest.post(f"/v1/{zhang['name']}:move", json={"department": buying["name"]})
    assert moved.status_code == 200, moved.text
    assert moved.json()["owner"] == "employees/e-1002"
    assert_problem(await rest.post(f"/v1/{zhang['name']}:move", json={}), 400, "department")
    moves = (await rest.get(f"/v1/{zhang['name']}/moves")).json()["moves"]
    assert [(m["territory_case"], m["owner"]) for m in moves] == [
        ("department", "employees/e-1002")
    ]
    individual = zhang["individual"].removeprefix("individuals/")
    contexts = (await rest.get(f"/v1/individuals/{individual}/persons")).json()
    assert [p["name"] for p in contexts["persons"]] == [zhang["name"]]

    found = (await rest.get("/v1/persons:search", params={"query": "zhang wei"})).json()
    assert [p["display_name"] for p in found["persons"]] == ["张伟"]
    found = (await rest.get("/v1/customers:search", params={"query": "nhdx"})).json()
    assert [c["display_name"] for c in found["customers"]] == ["南海电信"]
    assert_problem(await rest.get("/v1/persons:search", params={"owner": "e-1"}), 400, "owner")
    async with client_for(gateway, auth_keys, **PEER) as peer:  # now owns 张伟, not the account
        assert (await peer.get(f"/v1/{zhang['name']}/moves")).status_code == 200
        assert_problem(await peer.get(f"{base}/influenceLinks"), 404)
    async with client_for(gateway, auth_keys, **WEST) as west:
        assert_problem(await west.get(f"/v1/{zhang['name']}/moves"), 404)
        hidden = (await west.get("/v1/persons:search", params={"query": "zhang"})).json()
        assert hidden["persons"] == []


async def test_import_and_export_files(rest, gateway, auth_keys):
    rows = [
        {"key": "C-1", "display_name": "南海电信", "industry": "telecom"},
        {"key": "C-2", "display_name": "", "industry": "telecom"},
    ]
    csv_file = io.StringIO()
    write_rows(csv_file, "csv", ["key", "display_name", "industry"], rows)
    body = csv_file.getvalue().encode()
    dry = await rest.post(
        "/v1/imports/customers", params={"dry_run": "true"}, content=body,
        headers={"Content-Type": "text/csv"},
    )  # fmt: skip
    assert dry.status_code == 200, dry.text
    report = dry.json()
    assert (report["created"], report["rejected"], report["dry_run"]) == (1, 1, True)
    assert report["errors"] == [{"row": 3, "column": "display_name", "reason": "is required"}]
    assert (await rest.get("/v1/customers")).json()["customers"] == []

    done = await rest.post(
        "/v1/imports/customers", content=body, headers={"Content-Type": "text/csv"}
    )
    assert done.json()["created"] == 1
    exported = await rest.get("/v1/exports/customers", params={"format": "xlsx"})
    assert exported.headers["content-type"] == XLSX
    [(_, row)] = list(read_rows(exported.content, "xlsx"))
    assert (row["key"], row["display_name"]) == ("C-1", "南海电信")
    again = await rest.post(
        "/v1/imports/customers", content=exported.content, headers={"Content-Type": XLSX}
    )
    assert (again.json()["created"], again.json()["unchanged"]) == (0, 1)

    assert_problem(
        await rest.post(
            "/v1/imports/customers", content=b"x", headers={"Content-Type": "text/plain"}
        ),
        415,
        "Content-Type",
    )
    assert_problem(
        await rest.post("/v1/imports/customers", content=b"junk", headers={"Content-Type": XLSX}),
        400,
        "body",
    )
    assert_problem(await rest.get("/v1/exports/people"), 400, "kind")
    async with client_for(gateway, auth_keys, **PEER) as peer:
        theirs = await peer.get("/v1/exports/customers")
        assert list(read_rows(theirs.content, "csv")) == []
