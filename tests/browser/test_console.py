"""The console in headless Chromium on the demo data: sign in, the portfolio dashboard, the
customer list, a customer's 360 page with its power map, the language switch."""

from __future__ import annotations

import httpx
import pytest

# The whole platform starts in the first test of the module: more than the default limit.
pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

CHART_OF = "南海电信广东分公司"  # the demo customer with an organisation chart
DEMO_PERSONS = {"周建国", "李明", "王芳", "陈晓"}


def customer_id(platform, display_name: str) -> str:
    [found] = [
        c
        for c in platform.get("/v1/customers", page_size=1000)["customers"]
        if c["display_name"] == display_name
    ]
    return found["id"]


def test_the_console_is_served_from_the_gateway_alone(platform):
    index = httpx.get(f"{platform.url}/", follow_redirects=True)
    assert index.url.path == "/console/"
    assert "default-src 'self'" in index.headers["Content-Security-Policy"]
    assert 'src="/console/static/app.js"' in index.text
    assert "http" not in index.text.replace("http://www.w3.org", "")  # nothing from elsewhere
    assert httpx.get(f"{platform.url}/console/config.json").json() == {"auth": {"mode": "token"}}


def test_sign_in_and_the_portfolio_dashboard(console, platform):
    console.page.goto(f"{platform.url}/console/")
    console.page.wait_for_selector("#sign-in")
    console.screenshot("sign-in")
    console.sign_in(platform.token("owner"))

    assert "e-1001 · cn-south" in console.page.inner_text("#who")
    customers = platform.get("/v1/customers", page_size=1000)["customers"]
    per_tier = {}
    for c in customers:
        per_tier[c["tier"]] = per_tier.get(c["tier"], 0) + 1
    bars = console.page.locator("#tier-chart g.bar")
    drawn = {
        bars.nth(i).get_attribute("data-label"): int(bars.nth(i).get_attribute("data-value"))
        for i in range(bars.count())
    }
    assert {k: v for k, v in drawn.items() if v} == per_tier  # six demo customers, by tier
    first_tiers = console.page.locator('#migration-matrix g.cell[data-from=""]')
    firsts = sum(
        int(first_tiers.nth(i).get_attribute("data-count")) for i in range(first_tiers.count())
    )
    assert firsts == len(customers)  # every demo customer got its first tier once
    # The top tiers are owed key-person archives: those with none recorded are alerts.
    unarchived = {
        c["display_name"]
        for c in customers
        if c["tier"] in {"S", "A"}
        and not platform.get(f"/v1/customers/{c['id']}/persons")["persons"]
    }
    assert unarchived and CHART_OF not in unarchived
    alerts = console.page.locator('#alerts li[data-kind="no-key-persons"] .customer-link')
    assert set(alerts.all_inner_texts()) == unarchived
    console.screenshot("dashboard")


def test_customer_list_searches_and_filters(console, platform):
    console.sign_in(platform.token("owner"))
    console.go("#/customers")
    rows = console.page.locator("#customer-table tbody tr")
    assert rows.count() == 6
    console.screenshot("customers")

    console.page.fill("input[name=q]", "南海电信")
    console.page.click("#customer-filters button[type=submit]")
    console.wait("#/customers?q=%E5%8D%97%E6%B5%B7%E7%94%B5%E4%BF%A1")
    names = console.page.locator("#customer-table .customer-link").all_inner_texts()
    assert sorted(names) == sorted(["南海电信集团", "南海电信广东分公司", "南海电信福建分公司"])

    console.go("#/customers?industry=healthcare")
    names = console.page.locator("#customer-table .customer-link").all_inner_texts()
    assert names == ["珠江第一人民医院"]
    console.go("#/customers?state=prospect")
    assert console.page.locator("#customer-table .customer-link").all_inner_texts() == [
        "信和汽车制造"
    ]


def test_customer_360_draws_the_power_map(console, platform):
    identifier = customer_id(platform, CHART_OF)
    for year, amount in ((2023, "310000000"), (2024, "455000000.50")):
        recorded = httpx.put(
            f"{platform.url}/v1/customers/{identifier}/revenue/{year}",
            json={"currency_code": "CNY", "amount": amount},
            headers={"Authorization": f"Bearer {platform.token('owner')}"},
        )
        assert recorded.status_code == 200, recorded.text
    owner = {"Authorization": f"Bearer {platform.token('owner')}"}
    current = httpx.get(f"{platform.url}/v1/customers/{identifier}", headers=owner)
    moved = httpx.patch(
        f"{platform.url}/v1/customers/{identifier}",
        json={"province": "广东"},
        headers=owner | {"If-Match": current.headers["ETag"]},
    )
    assert moved.status_code == 200, moved.text
    console.sign_in(platform.token("owner"))
    console.go("#/customers")
    console.page.click(f"#customer-table >> text={CHART_OF}")
    console.wait(f"#/customers/{identifier}")

    svg = console.page.locator("#power-map svg.power-map")
    assert svg.is_visible()
    persons = svg.locator("g.person")
    drawn = {
        persons.nth(i).locator("text.person-name").text_content(): persons.nth(i)
        for i in range(persons.count())
    }
    assert set(drawn) == DEMO_PERSONS
    assert drawn["周建国"].get_attribute("data-veto") == "true"  # the CEO holds a veto
    assert drawn["周建国"].locator("polygon.veto").count() == 1
    assert drawn["李明"].locator("polygon.veto").count() == 0
    assert drawn["周建国"].get_attribute("data-layer") == "senior"
    assert drawn["王芳"].get_attribute("data-layer") == "middle"
    # Persons stand in their layer's row: senior above middle.
    assert drawn["周建国"].bounding_box()["y"] < drawn["王芳"].bounding_box()["y"]
    # The owner's circle carries the owner, e-1001, who recorded the persons.
    assert "e-1001" in drawn["李明"].locator("g.owner title").text_content()
    assert svg.locator("text.department-label").count() == 4
    assert svg.locator("line.link-reports").count() == 3  # the chart's reporting lines

    assert console.page.locator("#tier-explanation svg.bars g.bar").count() >= 1
    assert console.page.locator("#org-chart li.person-item").count() == 4
    years = console.page.locator("#revenue-chart g.bar")
    # 2023 and 2024 as just recorded; 2025 from the demo (cli/src/mcr_cli/demo_insight.py).
    assert [years.nth(i).get_attribute("data-label") for i in range(years.count())] == [
        "2023",
        "2024",
        "2025",
    ]
    assert years.nth(1).get_attribute("data-value") == "455000000.5"
    newest = console.page.locator("#recent-changes tbody tr").first.inner_text()
    assert "province" in newest and "广东" in newest  # the latest change comes first
    console.screenshot("customer-360")


def test_power_map_draws_support_coaches_and_lines(console, platform):
    """The picture for what planning will supply: support colours for us and the competitor,
    coach and veto marks, influence, confidant and conflict lines."""
    console.sign_in(platform.token("owner"))
    model = {
        "departments": [
            {"name": "d/1", "display_name": "Board"},
            {"name": "d/2", "display_name": "IT", "parent": "d/1"},
        ],
        "persons": [
            {"name": "p/1", "display_name": "CEO", "title": "CEO", "department": "d/1",
             "layer": "senior", "veto": True, "coach": True,
             "owners": [{"employee": "employees/e-1", "label": "AB"}],
             "support": {"us": 3, "competitor": -1}},
            {"name": "p/2", "display_name": "CFO", "title": "CFO", "department": "d/1",
             "layer": "senior", "support": {"us": -2, "competitor": 1}},
            {"name": "p/3", "display_name": "CIO", "title": "CIO", "department": "d/2",
             "layer": "middle", "support": {"us": 1, "competitor": 0}},
        ],
        "competitor": "Rival Inc",
        "links": [
            {"from": "p/1", "to": "p/2", "kind": "confidant", "bidirectional": True, "strength": 2},
            {"from": "p/3", "to": "p/1", "kind": "influence", "strength": 3},
            {"from": "p/2", "to": "p/3", "kind": "conflict"},
        ],
    }  # fmt: skip
    console.page.evaluate(
        """async (model) => {
          const { renderPowerMap, powerMapLegend } = await import('/console/static/powermap.js');
          const { t } = await import('/console/static/i18n.js');
          document.getElementById('page').replaceChildren(
            renderPowerMap(model, t), powerMapLegend(t, model.competitor));
        }""",
        model,
    )
    svg = console.page.locator("#page svg.power-map")
    ceo = svg.locator('g.person[data-person="p/1"]')
    assert ceo.locator("circle.coach").count() == 1
    assert ceo.locator("polygon.veto").count() == 1
    assert ceo.locator("g.support-us").get_attribute("data-level") == "3"
    assert ceo.locator("g.support-competitor").get_attribute("data-level") == "-1"
    assert ceo.locator("g.owner text").text_content() == "AB"
    cfo_fill = svg.locator('g.person[data-person="p/2"] g.support-us circle').get_attribute("fill")
    assert cfo_fill == "#ef4444"  # −2: sides with a competitor
    assert svg.locator("line.link-confidant").get_attribute("marker-start")  # both ways
    assert svg.locator("line.link-influence").get_attribute("stroke-width") == "4"
    assert svg.locator("line.link-conflict").get_attribute("stroke-dasharray")
    assert "Rival Inc" in console.page.inner_text("#page")
    console.screenshot("power-map-notation")


def test_language_switch(console, platform):
    console.sign_in(platform.token("owner"))
    assert console.page.inner_text("h1") == "Portfolio"
    console.page.select_option("#language", "zh")
    console.wait("#/")
    console.page.wait_for_function("document.querySelector('h1')?.innerText === '客户组合'")
    assert "各级客户数" in console.text()
    assert console.page.inner_text("#sign-out") == "退出"
    console.screenshot("dashboard-zh")

    identifier = customer_id(platform, CHART_OF)
    console.go(f"#/customers/{identifier}")
    svg_text = console.page.locator("#power-map").text_content()
    assert "高层" in svg_text and "中层" in svg_text
    console.screenshot("customer-360-zh")

    console.page.reload()  # the choice is remembered
    console.wait("#/customers/" + identifier)
    assert "权力地图" in console.text()
    console.page.select_option("#language", "en")
    console.wait("#/customers/" + identifier)
    assert "Power map" in console.text()


def test_sign_out_and_a_bad_token(console, platform):
    console.sign_in(platform.token("owner"))
    console.page.click("#sign-out")
    console.page.wait_for_selector("#sign-in")
    console.page.fill("#token", "not-a-token")
    console.page.click("#sign-in button[type=submit]")
    console.page.wait_for_selector("#sign-in")  # still signed out: nothing decodes
    assert console.page.evaluate("sessionStorage.getItem('mcr.token')") is None

    # A well-formed token the gateway refuses (signed by another key) signs out with a message.
    forged = platform.token("owner").rsplit(".", 1)[0] + ".c2lnbmF0dXJl"
    console.page.fill("#token", forged)
    console.page.click("#sign-in button[type=submit]")
    console.wait("#/")
    assert console.page.locator("[role=alert]").inner_text() == (
        "Your sign-in has expired; sign in again."
    )
    assert console.page.evaluate("sessionStorage.getItem('mcr.token')") is None


def test_the_strategic_sandbox_evaluates_thresholds_without_changing_anything(console, platform):
    before = {c["id"]: c["tier"] for c in platform.get("/v1/customers")["customers"]}
    console.sign_in(platform.token("owner"))
    console.go("#/sandbox")
    thresholds = console.page.locator("#sandbox-form input[data-tier]")
    assert [thresholds.nth(i).get_attribute("data-tier") for i in range(thresholds.count())] == [
        "S",
        "A",
        "B",
        "C",
    ]
    console.page.fill('#sandbox-form input[data-tier="S"]', "100")  # nobody reaches S
    console.page.click("#sandbox-form button[type=submit]")
    console.page.wait_for_selector("#sandbox-results")
    held = console.page.locator("#sandbox-results svg.bars g.bar")
    counts = {
        held.nth(i).get_attribute("data-label"): int(held.nth(i).get_attribute("data-value"))
        for i in range(held.count())
    }
    assert counts["S"] == 0
    assert sum(counts.values()) == len(before)  # the region's six demo customers
    moved_from_s = console.page.locator('#sandbox-results g.cell[data-from="S"]')
    moves = sum(int(moved_from_s.nth(i).get_attribute("data-count")) for i in range(4))
    assert moves == sum(1 for tier in before.values() if tier == "S")
    console.screenshot("sandbox")
    after = {c["id"]: c["tier"] for c in platform.get("/v1/customers")["customers"]}
    assert after == before  # a what-if changes nothing
