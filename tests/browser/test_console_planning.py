"""The console's planning and insight parts on the demo data: the power map drawn from planning,
the planning page with its expansion cards and annual cycle, the value-return curve and the
strategic sandbox, the planning alerts; and a peer's or another region's planning records never
reach the cn-south account manager's pages.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import httpx
import pytest

# The whole platform starts in the first test of the module: more than the default limit.
pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

GUANGDONG = "南海电信广东分公司"
PEER_GOAL = "同级团队的六个月承诺"
EU_GOAL = "Rheinland: sponsor the grid pilot"


def customer_ids(platform, who: str = "owner") -> dict[str, str]:
    customers = platform.get("/v1/customers", who=who, page_size=1000)["customers"]
    return {c["display_name"]: c["id"] for c in customers}


def persons(platform, customer: str) -> dict[str, str]:
    """The demo chart's persons by display name → resource name."""
    found = platform.get(f"/v1/customers/{customer}/persons", page_size=100)["persons"]
    return {p["display_name"]: p["name"] for p in found}


def call(platform, method: str, path: str, token: str, body: dict) -> dict:
    answer = httpx.request(
        method,
        f"{platform.url}{path}",
        json=body,
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert answer.status_code in (200, 201), answer.text
    return answer.json()


def planning_records(platform, manager: str, member: str, unit: str, customer: str, goal: str):
    """A customer team of `member` (set up by their `manager`) with one person on its power
    map and an expansion card for them."""
    team = {"members": [{"employee": f"employees/{member}", "org_unit": unit, "role": "leader"}]}
    call(platform, "PUT", f"/v1/customers/{customer}/planningTeam", manager, team)
    # The person is the archive's; planning's power map follows it.
    director = {"display_name": f"Director {member}", "title": "Director", "layer": "senior"}
    person = call(platform, "POST", f"/v1/customers/{customer}/persons", manager, director)["name"]
    token = platform.keys.token(employee_id=member, region=unit.split("/")[1], org_unit=unit)
    on_map(platform, customer, person, token)
    mapped = {"role": "decider", "support": 1}
    call(
        platform,
        "PUT",
        f"/v1/customers/{customer}/powerMap/{person.split('/', 2)[2]}",
        token,
        mapped,
    )
    due = (datetime.now(UTC) + timedelta(days=90)).isoformat()
    card = {
        "customer": f"customers/{customer}",
        "person": person,
        "owner": f"employees/{member}",
        "commitment": {"goal": goal, "metric": "visits", "target_value": 6, "due_time": due},
        "actions": ["visit weekly"],
    }
    call(platform, "POST", "/v1/expansionCards", token, card)


def on_map(platform, customer: str, person: str, token: str) -> None:
    """Wait until planning's power map shows a person the archive announced."""
    for _ in range(600):
        answer = httpx.get(
            f"{platform.url}/v1/customers/{customer}/powerMap",
            headers={"Authorization": f"Bearer {token}"},
            timeout=10,
        )
        if answer.status_code == 200 and person in {
            p["person"] for p in answer.json().get("persons", [])
        }:
            return
        time.sleep(0.1)
    raise AssertionError(f"{person} never reached planning's power map")


@pytest.fixture(scope="module")
def others(platform) -> None:
    """Planning records of a peer (another team of cn-south) and of an eu-west account manager."""
    cn = customer_ids(platform)
    planning_records(
        platform,
        platform.token("manager"),
        "e-1002",
        "/cn-south/enterprise/team-2",
        cn["岭南商业银行"],
        PEER_GOAL,
    )
    eu_manager = platform.keys.token(
        employee_id="e-2000",
        region="eu-west",
        org_unit="/eu-west/enterprise",
        roles=("account_manager", "manager"),
    )
    eu = customer_ids(platform, "eu")
    planning_records(
        platform,
        eu_manager,
        "e-2001",
        "/eu-west/enterprise/team-1",
        eu["Rheinland Energie AG"],
        EU_GOAL,
    )


def test_the_power_map_and_the_insight_charts_come_from_planning_and_insight(console, platform):
    customer = customer_ids(platform)[GUANGDONG]
    names = persons(platform, customer)
    console.sign_in(platform.token("owner"))
    console.go(f"#/customers/{customer}")
    page = console.page
    assert page.get_attribute("#power-map-source", "data-source") == "planning"
    assert "planning" in page.inner_text("#power-map-source")

    def card(name: str) -> str:
        return f'#power-map g.person[data-person="{names[name]}"]'

    # Support colours for us and for the competitor 华信, the coach and the veto holder.
    assert page.get_attribute(f"{card('陈晓')} .support-us", "data-level") == "3"
    assert page.get_attribute(f"{card('陈晓')} .support-competitor", "data-level") == "-2"
    assert page.get_attribute(f"{card('王芳')} .support-competitor", "data-level") == "2"
    assert page.get_attribute(f"{card('王芳')} .support-us circle", "fill") != "#ffffff"
    assert page.get_attribute(card("陈晓"), "data-coach") == "true"
    assert page.locator(f"{card('陈晓')} circle.coach").count() == 1
    assert page.get_attribute(card("周建国"), "data-veto") == "true"
    assert page.get_attribute(card("李明"), "data-coach") == "false"
    # The conflict between the buyer and the CTO, and the influence on the CEO.
    conflict = f'line.link-conflict[data-from="{names["王芳"]}"][data-to="{names["李明"]}"]'
    assert page.locator(conflict).count() == 1
    influence = f'line.link-influence[data-from="{names["李明"]}"][data-to="{names["周建国"]}"]'
    assert page.locator(influence).count() == 1
    assert "huaxin" in page.inner_text(".card:has(#power-map)")
    # Relationship goal against today: the goal's exclusive CXO is missing.
    goals = page.inner_text("#relationship-goals")
    assert "5G核心网" in goals and "not met" in goals
    assert "exclusive CXOs" in page.inner_text("#tier-compliance")
    assert page.locator("#profile-status tbody tr").count() == 2
    # The value-return curve: expected and actual, 2025 short of the expectation.
    curve = "#value-return-curve"
    assert page.locator(f'{curve} g.series[data-series="expected"] circle.point').count() == 6
    assert page.locator(f'{curve} g.series[data-series="actual"] circle.point').count() == 3
    assert page.locator(f'{curve} .recommendation[data-year="2025"]').count() == 1
    # The strategic sandbox: four segments, our share and 华信's in each.
    sandbox = "#strategic-sandbox"
    assert page.locator(f"{sandbox} g.column").count() == 4
    core = f'{sandbox} g.column[data-label="wireless core"]'
    assert page.get_attribute(f'{core} g.part[data-key="us"]', "data-share") == "20"
    assert page.get_attribute(f'{core} g.part[data-key="huaxin"]', "data-share") == "65"
    console.screenshot("planning-customer-360")


def test_the_planning_page_shows_cards_with_commitments_and_the_annual_cycle(console, platform):
    console.sign_in(platform.token("owner"))
    console.go("#/planning")
    page = console.page
    cards = page.locator("#expansion-cards article.expansion-card")
    assert cards.count() == 2
    text = page.inner_text("#expansion-cards")
    assert "李明认可我方5G核心网演进方案并推动立项" in text
    assert "技术交流次数: 12" in text
    assert "已完成4次交流" in text  # the retrospective done
    cycle = page.inner_text("#annual-cycle")
    assert GUANGDONG in cycle and str(datetime.now(UTC).year) in cycle
    console.screenshot("planning-page")
    console.go("#/")
    kinds = page.locator("#alerts li").evaluate_all("items => items.map(i => i.dataset.kind)")
    assert {"overdue-plan", "coverage-gap"} <= set(kinds)
    console.screenshot("planning-dashboard-alerts")


def test_the_chinese_planning_page(console, platform):
    console.sign_in(platform.token("owner"))
    console.page.select_option("#language", "zh")
    console.go("#/planning")
    text = console.page.inner_text("#page")
    assert "关键客户拓展卡片" in text and "六个月承诺" in text
    console.screenshot("planning-page-zh")


def test_a_peers_and_another_regions_planning_records_never_appear(console, platform, others):
    # Planning holds them: the peer and the eu-west account manager see their own cards.
    for who, goal in (("peer", PEER_GOAL), ("eu", EU_GOAL)):
        cards = platform.get("/v1/expansionCards", who=who)["expansion_cards"]
        assert [c["commitment"]["goal"] for c in cards] == [goal]
    console.sign_in(platform.token("owner"))
    console.go("#/planning")
    text = console.page.inner_text("#page")
    assert PEER_GOAL not in text and EU_GOAL not in text
    assert "岭南商业银行" not in console.page.inner_text("#annual-cycle")
    console.go("#/")
    dashboard = console.page.inner_text("#page")
    assert PEER_GOAL not in dashboard and EU_GOAL not in dashboard


def test_the_owners_planning_records_are_not_the_peers(console, platform, others):
    console.sign_in(platform.token("peer"))
    console.go("#/planning")
    text = console.page.inner_text("#page")
    assert PEER_GOAL in text and "李明认可我方5G核心网演进方案并推动立项" not in text


def test_with_planning_down_the_power_map_falls_back_to_the_archive(console, platform):
    """Last in the module: it stops planning for good (the platform is the module's)."""
    platform.services["planning"].terminate()
    customer = customer_ids(platform)[GUANGDONG]
    console.sign_in(platform.token("owner"))
    console.go(f"#/customers/{customer}")
    page = console.page
    assert page.get_attribute("#power-map-source", "data-source") == "archive"
    assert "archive" in page.inner_text("#power-map-source")
    assert page.locator("#power-map g.person").count() == 4
    assert page.locator("#power-map line.link-conflict").count() == 0
    assert page.locator("#relationship-goals").count() == 0
    assert page.locator("#value-return-curve g.series").count() == 2  # insight still answers
    console.screenshot("planning-down-customer-360")
    console.go("#/planning")
    assert "unreachable" in page.inner_text("#expansion-cards")
    console.go("#/")
    assert page.locator("#alerts li").count() > 0  # the archive's and insight's alerts remain
