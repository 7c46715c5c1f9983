"""A peer's or another region's records never appear on any console page (decision 11).

Every page a user can reach is visited with each user's token: the dashboard, the customer list
and the 360 page of every customer they see; and the 360 pages of the customers they must not
see are opened by address, as someone with a copied link would.
"""

from __future__ import annotations

import time

import httpx
import pytest

# The whole platform starts in the first test of the module: more than the default limit.
pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

CN_SOUTH = {"南海电信集团", "南海电信广东分公司", "南海电信福建分公司", "珠江第一人民医院",
            "岭南商业银行", "信和汽车制造"}  # fmt: skip
EU_WEST = {"Rheinland Energie AG", "Atlântico Telecom S.A."}
PERSONS = {"周建国", "李明", "王芳", "陈晓"}
PEER_CUSTOMER = "同级团队客户有限公司"


@pytest.fixture(scope="module")
def peer_customer(platform) -> dict:
    """A customer owned by the peer (another team of the same region), with a key person."""
    headers = {"Authorization": f"Bearer {platform.token('peer')}"}
    created = httpx.post(
        f"{platform.url}/v1/customers",
        json={"display_name": PEER_CUSTOMER, "industry": "manufacturing", "country_code": "CN"},
        headers=headers | {"Idempotency-Key": "visibility-peer-customer"},
    )
    assert created.status_code == 201, created.text
    person = httpx.post(
        f"{platform.url}/v1/customers/{created.json()['id']}/persons",
        json={"display_name": "赵同级", "title": "总监", "layer": "senior"},
        headers=headers,
    )
    assert person.status_code == 201, person.text
    tier = f"{platform.url}/v1/customers/{created.json()['id']}/tierAssignment"
    deadline = time.monotonic() + 30
    while not httpx.get(tier, headers=headers).json().get("tier"):  # insight tiered it
        assert time.monotonic() < deadline, "the peer's customer was not tiered"
        time.sleep(0.2)
    return created.json()


def ids(platform, who: str) -> dict[str, str]:
    customers = platform.get("/v1/customers", who=who, page_size=1000)["customers"]
    return {c["display_name"]: c["id"] for c in customers}


def every_page(console, visible: dict[str, str]) -> str:
    """The text of the dashboard, the list, the sandbox and every visible customer's 360 page."""
    texts = []
    for route in ("#/", "#/customers", "#/sandbox"):
        console.go(route)
        texts.append(console.page.inner_text("#page"))
    for identifier in visible.values():
        console.go(f"#/customers/{identifier}")
        texts.append(console.page.inner_text("#page"))
        texts.append(console.page.locator("#page").text_content())  # the SVG's text too
    return "\n".join(texts)


def first_tiers(console) -> int:
    """The customers the dashboard's migration matrix counts as tiered for the first time."""
    cells = console.page.locator('#migration-matrix g.cell[data-from=""]')
    return sum(int(cells.nth(i).get_attribute("data-count")) for i in range(cells.count()))


def assert_hidden(console, identifier: str) -> None:
    console.go(f"#/customers/{identifier}")
    assert console.page.locator("[role=alert]").inner_text() == (
        "Not found, or not visible to you."
    )
    assert console.page.locator("svg.power-map").count() == 0


def test_a_peer_sees_only_their_own_customers(console, platform, peer_customer):
    owner_ids = ids(platform, "owner")
    console.sign_in(platform.token("peer"))
    assert first_tiers(console) == 1  # their own customer's history, from insight
    shown = every_page(console, {PEER_CUSTOMER: peer_customer["id"]})
    assert PEER_CUSTOMER in shown
    assert "赵同级" in shown
    for name in CN_SOUTH | EU_WEST | PERSONS:
        assert name not in shown
    console.go("#/customers")
    assert console.page.locator("#customer-table .customer-link").all_inner_texts() == [
        PEER_CUSTOMER
    ]
    console.screenshot("visibility-peer-customers")
    for identifier in owner_ids.values():
        assert_hidden(console, identifier)
    console.screenshot("visibility-peer-hidden-customer")


def test_the_owner_does_not_see_the_peers_customer(console, platform, peer_customer):
    visible = ids(platform, "owner")
    assert set(visible) == CN_SOUTH
    console.sign_in(platform.token("owner"))
    shown = every_page(console, visible)
    assert PEER_CUSTOMER not in shown and "赵同级" not in shown
    for name in EU_WEST:
        assert name not in shown
    assert_hidden(console, peer_customer["id"])


def test_another_region_sees_none_of_cn_south(console, platform, peer_customer):
    visible = ids(platform, "eu")
    assert set(visible) == EU_WEST
    console.sign_in(platform.token("eu"))
    shown = every_page(console, visible)
    assert all(name in shown for name in EU_WEST)
    for name in CN_SOUTH | PERSONS | {PEER_CUSTOMER}:
        assert name not in shown
    console.screenshot("visibility-eu-west")
    for identifier in [*ids(platform, "owner").values(), peer_customer["id"]]:
        assert_hidden(console, identifier)


def test_a_superior_sees_both_teams_but_not_another_region(console, platform, peer_customer):
    visible = ids(platform, "manager")
    assert set(visible) == CN_SOUTH | {PEER_CUSTOMER}
    console.sign_in(platform.token("manager"))
    # The dashboard's migrations come from insight, which lets a superior read both teams'
    # customers' tier histories (decision 11): every customer's first tier is counted once.
    assert first_tiers(console) == len(visible)
    console.go("#/customers")
    listed = set(console.page.locator("#customer-table .customer-link").all_inner_texts())
    assert listed == CN_SOUTH | {PEER_CUSTOMER}
    console.screenshot("visibility-manager")
