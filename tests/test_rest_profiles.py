"""Customer and vendor profiles over REST: drafts with ETags, the book's rules as problems
naming the field, review rounds, versions, history, completeness, schema and visibility."""

from __future__ import annotations

from test_rest_api import assert_problem
from test_rest_people import HEAD, PEER, client_for

WEIGHTS = [
    {"dimension": "price", "weight": 50, "our_score": 8, "competitor_scores": {"Ericsson": 6}},
    {"dimension": "delivery", "weight": 50, "our_score": 6, "competitor_scores": {"Ericsson": 9}},
]


async def test_vendor_profile_rules_reviews_and_versions(rest, gateway, auth_keys):
    customer = (await rest.post("/v1/customers", json={"display_name": "南海电信"})).json()
    path = f"/v1/customers/{customer['id']}/vendorProfile"
    empty = await rest.get(path)
    assert empty.status_code == 200 and empty.json()["state"] == "PROFILE_STATE_DRAFT"

    assert_problem(
        await rest.patch(path, json={"locked_competitors": ["Ericsson", "Nokia", "ZTE"]}),
        400,
        "locked_competitors",
    )
    short = [dict(WEIGHTS[0], weight=40), WEIGHTS[1]]
    body = assert_problem(
        await rest.patch(
            path, json={"locked_competitors": ["Ericsson"], "supplier_weights": short}
        ),
        400,
        "supplier_weights",
    )
    assert "sum to 90" in body["detail"]
    assert_problem(
        await rest.patch(path, json={"sections": {"supplier_summary": {"procurement_mode": "x"}}}),
        400,
        "sections[supplier_summary].procurement_mode",
    )
    assert_problem(await rest.patch(path, json={}), 400, "body")
    assert_problem(
        await rest.patch(path, json={"sections": {"gossip": {"who": "x"}}}), 400, "sections[gossip]"
    )

    written = await rest.patch(
        path,
        json={"locked_competitors": ["Ericsson"], "supplier_weights": WEIGHTS},
        headers={"If-Match": empty.headers["ETag"]},
    )
    assert written.status_code == 200, written.text
    scores = {s["vendor"]: s["score"] for s in written.json()["weighted_scores"]}
    assert scores == {"us": 7.0, "Ericsson": 7.5}
    assert_problem(
        await rest.patch(
            path, json={"locked_competitors": []}, headers={"If-Match": empty.headers["ETag"]}
        ),
        412,
        "If-Match",
    )

    submitted = await rest.post(f"{path}:submit", headers={"If-Match": written.headers["ETag"]})
    assert submitted.status_code == 201, submitted.text
    assert_problem(await rest.patch(path, json={"locked_competitors": []}), 409, "state")
    async with client_for(gateway, auth_keys, **HEAD) as head:
        assert_problem(
            await head.post(f"{path}:review", json={"verdict": "changes_requested"}),
            400,
            "comments",
        )
        approved = await head.post(
            f"{path}:review",
            json={"verdict": "approved", "comments": [{"section": "swot", "text": "fine"}]},
        )
    assert approved.status_code == 200, approved.text
    assert approved.json()["published_version"] == 1
    versions = (await rest.get(f"{path}/versions")).json()["versions"]
    assert [v["version"] for v in versions] == [1]
    kept = (await rest.get(f"{path}/versions/1")).json()
    assert kept["vendor_profile"]["locked_competitors"] == ["Ericsson"]
    assert_problem(await rest.get(f"{path}/versions/2"), 404)
    reviews = (await rest.get(f"{path}/reviews")).json()["reviews"]
    assert reviews[0]["verdict"] == "REVIEW_VERDICT_APPROVED"
    history = (await rest.get(f"{path}:history")).json()
    assert history["values"]["locked_competitors"] == '["Ericsson"]'

    async with client_for(gateway, auth_keys, **PEER) as peer:
        assert_problem(await peer.get(path), 404)
        assert_problem(await peer.get(f"{path}/versions/1"), 404)
        assert_problem(await peer.patch(path, json={"locked_competitors": []}), 404)


async def test_customer_profile_sections_schema_and_completeness(rest):
    customer = (
        await rest.post("/v1/customers", json={"display_name": "岭南移动", "industry": "telecom"})
    ).json()
    base = f"/v1/customers/{customer['id']}"
    schema = (await rest.get(f"{base}/businessNetworkSchema")).json()
    assert "sites" in {m["code"] for m in schema["metrics"]}
    assert_problem(
        await rest.patch(
            f"{base}/customerProfile",
            json={
                "business_network": {"metrics": {"sites": "lots"}},
                "key_events": [{"date": "2027-13-01", "title": "tender"}],
            },
        ),
        400,
        "key_events[0].date",
        "business_network.metrics[sites]",
    )
    written = await rest.patch(
        f"{base}/customerProfile",
        json={
            "sections": {"industry_dynamics": {"boom_industry": "yes"}},
            "key_events": [{"date": "2027-03-15", "title": "annual tender"}],
            "business_network": {"metrics": {"sites": "12000"}},
            "key_sub_networks": [{"display_name": "IoT", "kind": "value_business"}],
        },
    )
    assert written.status_code == 200, written.text
    assert written.json()["key_sub_networks"][0]["kind"] == "KEY_SUB_NETWORK_KIND_VALUE_BUSINESS"
    completeness = (await rest.get(f"{base}/profileCompleteness")).json()
    assert completeness["required"] is False and completeness["tier"] == ""  # not tiered yet
    assert completeness["customer_profile_version"] == 0
    # The draft is not approved yet: its sections still count as missing.
    missing = {(m["profile"], m["section"]) for m in completeness["missing_sections"]}
    assert ("customerProfile", "industry_dynamics") in missing
