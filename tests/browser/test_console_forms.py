"""The console's forms for daily work in headless Chromium on the demo data: a customer created
with two departments and three persons, a person moved (dragged in English, with the keyboard
in Chinese), the account team formed and seen on the power map; the API's field error placed
under its field; a stale edit refused with who changed what."""

from __future__ import annotations

import uuid

import httpx
import pytest

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

WORDS = {
    "en": {"departments": ("Network", "Procurement"), "stale": "Not saved: e-1002", "name": "Name"},
    "zh": {"departments": ("网络部", "采购部"), "stale": "未保存：e-1002", "name": "名称"},
}
PERSONS = [
    ("李明", "CTO", "senior", 0),
    ("王芳", "采购经理", "middle", 1),
    ("赵磊", "工程师", "grassroots", 0),
]


def api(platform, method: str, path: str, who: str = "owner", **kwargs) -> httpx.Response:
    headers = {"Authorization": f"Bearer {platform.token(who)}"} | kwargs.pop("headers", {})
    return httpx.request(method, f"{platform.url}{path}", headers=headers, timeout=10, **kwargs)


def colleague(platform) -> None:
    """The archive knows a colleague (e-1002) from their first change: one, so the team form
    can offer them."""
    created = api(
        platform, "POST", "/v1/customers", who="peer", json={"display_name": "同事的客户"}
    )
    assert created.status_code == 201, created.text


def saved(console, form: str) -> None:
    """Submit `form` with Enter in its first field and wait for the page drawn again."""
    console.page.press(f"{form} input[name=display_name]", "Enter")
    console.page.wait_for_selector(f"{form}", state="detached", timeout=20_000)
    console.page.wait_for_selector("#page[data-ready]", timeout=20_000)


def create_customer(console, name: str) -> str:
    console.go("#/customers")
    console.page.click("#new-customer")
    # The form opens with the focus in its first field: typing goes there.
    console.page.keyboard.type(name)
    console.page.fill("#customer-form input[name=industry]", "telecom")
    console.page.fill("#customer-form input[name=employee_count]", "1200")
    console.page.fill("#customer-form input[name='annual_revenue.amount']", "50000000")
    console.page.press("#customer-form input[name=industry]", "Enter")
    console.page.wait_for_function("() => /^#\\/customers\\/[^/?]+$/.test(location.hash)")
    console.page.wait_for_selector("#page[data-ready^='#/customers/']", timeout=20_000)
    return console.page.evaluate("location.hash").split("/")[-1]


def add_department(console, name: str) -> None:
    console.page.click("#add-department")
    console.page.fill("#department-form input[name=display_name]", name)
    saved(console, "#department-form")


def add_person(console, name: str, title: str, layer: str, department: str) -> None:
    console.page.click("#add-person")
    form = "#person-form"
    console.page.fill(f"{form} input[name=display_name]", name)
    console.page.fill(f"{form} input[name=title]", title)
    console.page.select_option(f"{form} select[name=department]", label=department)
    console.page.select_option(f"{form} select[name=layer]", layer)
    saved(console, form)


def person_item(console, name: str):
    return console.page.locator("#org-chart li.person-item", has_text=name)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_customer_built_in_the_console(console, platform, language):
    words = WORDS[language]
    colleague(platform)
    console.sign_in(platform.token("owner"))
    if language == "zh":
        console.page.select_option("#language", "zh")
        console.wait("#/")
    name = f"{'Forms' if language == 'en' else '表单'}测试 {uuid.uuid4().hex[:6]}"
    customer = create_customer(console, name)
    assert console.page.inner_text("h1").startswith(name)

    first, second = words["departments"]
    add_department(console, first)
    add_department(console, second)
    for person, title, layer, where in PERSONS:
        add_person(console, person, title, layer, words["departments"][where])
    assert console.page.locator("#org-chart li.person-item").count() == 3

    departments = {
        d["display_name"]: d["name"]
        for d in platform.get(f"/v1/customers/{customer}/departments")["departments"]
    }
    assert set(departments) == {first, second}
    # 赵磊 moves from the first department to the second: dragged, or from the keyboard.
    mover = person_item(console, "赵磊")
    if language == "en":
        mover.drag_to(console.page.locator(f'li[data-department="{departments[second]}"] > strong'))
    else:
        mover.locator("select[name=move-to]").focus()
        mover.locator("select[name=move-to]").select_option(label=second)
        console.page.keyboard.press("Tab")
        assert console.page.evaluate("document.activeElement.classList.contains('move')")
        console.page.keyboard.press("Enter")
    console.page.wait_for_selector(
        f'li[data-department="{departments[second]}"] li.person-item:has-text("赵磊")',
        timeout=20_000,
    )
    persons = {
        p["display_name"]: p for p in platform.get(f"/v1/customers/{customer}/persons")["persons"]
    }
    assert persons["赵磊"]["department"] == departments[second]
    assert persons["李明"]["department"] == departments[first]

    # The team: the owner paired with 李明, a colleague paired with 王芳 and 赵磊.
    console.page.click("#edit-team")
    form = "#team-form"
    console.page.fill(f"{form} input[name='members[0].employee']", "e-1001")
    console.page.check(f"{form} input[name='members[0].paired:{persons['李明']['name']}']")
    console.page.click("#add-member")
    console.page.fill(f"{form} input[name='members[1].employee']", "e-1002")
    console.page.select_option(
        f"{form} select[name='members[1].role']", "TEAM_ROLE_PRODUCT_MANAGER"
    )
    for paired in ("王芳", "赵磊"):
        console.page.check(f"{form} input[name='members[1].paired:{persons[paired]['name']}']")
    console.page.click(f"{form} button[type=submit]")
    console.page.wait_for_selector("#account-team tbody tr >> nth=1", timeout=20_000)
    team = platform.get(f"/v1/customers/{customer}/accountTeam")
    assert [m["employee"] for m in team["members"]] == ["employees/e-1001", "employees/e-1002"]

    # The power map: the three persons, in their departments, with the team on them.
    cards = console.page.locator("#power-map g.person")
    assert cards.count() == 3
    moved = console.page.locator(f'#power-map g.person[data-person="{persons["赵磊"]["name"]}"]')
    assert moved.get_attribute("data-department") == departments[second]
    assert "employees/e-1002" in moved.get_attribute("data-owners")
    cto = console.page.locator(f'#power-map g.person[data-person="{persons["李明"]["name"]}"]')
    assert "employees/e-1002" not in cto.get_attribute("data-owners")
    console.screenshot(f"console-forms-{language}")


def test_the_api_field_error_is_shown_in_place(console, platform):
    console.sign_in(platform.token("owner"))
    console.go("#/customers")
    console.page.click("#new-customer")
    console.page.press("#customer-form input[name=display_name]", "Enter")  # nothing filled in
    assert console.page.get_attribute("#customer-form", "data-state") == "invalid"
    assert console.page.inner_text('.field-error[data-for="display_name"]') == "is required"

    console.page.fill(
        "#customer-form input[name=display_name]", f"Bad revenue {uuid.uuid4().hex[:6]}"
    )
    console.page.fill("#customer-form input[name='annual_revenue.amount']", "lots")
    console.page.press("#customer-form input[name=display_name]", "Enter")
    console.page.wait_for_selector('#customer-form[data-state="refused"]')
    assert console.page.inner_text('.field-error[data-for="display_name"]') == ""
    error = console.page.inner_text('.field-error[data-for="annual_revenue.amount"]')
    assert "decimal number" in error
    assert "invalid" in console.page.get_attribute(
        '.field[data-field="annual_revenue.amount"]', "class"
    )
    # The focus is on the field to correct.
    assert console.page.evaluate("document.activeElement.name") == "annual_revenue.amount"
    console.screenshot("console-forms-field-error")

    # Escape cancels: the form goes, the focus is back on its button.
    console.page.keyboard.press("Escape")
    assert console.page.locator("#customer-form").count() == 0
    assert console.page.evaluate("document.activeElement.id") == "new-customer"


def test_a_stale_edit_is_refused_and_says_who_changed_what(console, platform):
    colleague(platform)
    name = f"Stale test {uuid.uuid4().hex[:6]}"
    created = api(platform, "POST", "/v1/customers", json={"display_name": name}).json()
    # The colleague on the account team may change it too.
    team = {"members": [{"employee": "employees/e-1002", "role": "TEAM_ROLE_PRODUCT_MANAGER"}]}
    assert api(platform, "PUT", f"/v1/customers/{created['id']}/accountTeam", json=team).is_success

    console.sign_in(platform.token("owner"))
    console.go(f"#/customers/{created['id']}")
    console.page.click("#edit-customer")
    console.page.fill("#customer-form input[name=industry]", "energy")

    changed = api(
        platform,
        "PATCH",
        f"/v1/customers/{created['id']}",
        who="peer",
        json={"display_name": f"{name} (renamed)"},
        headers={"If-Match": f'"{created["etag"]}"'},
    )
    assert changed.status_code == 200, changed.text

    console.page.press("#customer-form input[name=industry]", "Enter")
    console.page.wait_for_selector('#customer-form[data-state="stale"]')
    message = console.page.inner_text("#customer-form .form-message")
    assert WORDS["en"]["stale"] in message and WORDS["en"]["name"] in message
    after = platform.get(f"/v1/customers/{created['id']}")
    assert after["industry"] == "" and after["display_name"] == f"{name} (renamed)"
    console.screenshot("console-forms-stale")

    console.page.click("#customer-form-reload")
    console.page.wait_for_selector(f"h1:has-text('{name} (renamed)')")


def test_an_expansion_card_started_and_its_retrospective_recorded(console, platform):
    console.sign_in(platform.token("owner"))
    console.go("#/planning")
    before = len(platform.get("/v1/expansionCards")["expansion_cards"])
    console.page.click("#new-card")
    form = "#card-form"
    console.page.select_option(f"{form} select[name=customer]", label="南海电信广东分公司")
    console.page.wait_for_selector(
        f"{form} select[name=person] option:has-text('李明')", state="attached"
    )
    console.page.select_option(f"{form} select[name=person]", label="李明")
    goal = f"李明推动试点立项 {uuid.uuid4().hex[:6]}"
    console.page.fill(f"{form} input[name='commitment.goal']", goal)
    console.page.fill(f"{form} input[name='commitment.metric']", "技术交流次数")
    console.page.fill(f"{form} input[name='commitment.target_value']", "6")
    console.page.fill(f"{form} textarea[name=actions]", "每月一次技术交流\n邀请参观样板点")
    console.page.press(f"{form} input[name='commitment.goal']", "Enter")
    console.page.wait_for_selector(f"article.expansion-card:has-text('{goal}')", timeout=20_000)
    cards = platform.get("/v1/expansionCards")["expansion_cards"]
    assert len(cards) == before + 1
    [card] = [c for c in cards if c["commitment"]["goal"] == goal]
    assert card["actions"] == ["每月一次技术交流", "邀请参观样板点"]
    assert card["owner"] == "employees/e-1001"

    # Its first retrospective, recorded from the card.
    article = console.page.locator(f'article[data-card="{card["name"]}"]')
    article.locator("button.complete-item").first.click()
    console.page.fill("#complete-item-form textarea[name=summary]", "已完成两次交流")
    console.page.click("#complete-item-form button[type=submit]")
    console.page.wait_for_selector(
        f'article[data-card="{card["name"]}"] td:has-text("已完成两次交流")', timeout=20_000
    )
    [done] = [
        c
        for c in platform.get("/v1/expansionCards")["expansion_cards"]
        if c["name"] == card["name"]
    ]
    assert done["retrospectives"][0]["state"] == "done"
    console.screenshot("console-forms-expansion-card")


def test_a_survey_answer_recorded_from_the_customer_page(console, platform):
    [customer] = [
        c
        for c in platform.get("/v1/customers", page_size=1000)["customers"]
        if c["display_name"] == "南海电信广东分公司"
    ]
    before = platform.get(f"/v1/customers/{customer['id']}/surveyResults").get("respondents", 0)
    console.sign_in(platform.token("owner"))
    console.go(f"#/customers/{customer['id']}")
    console.page.click("#add-survey-answer")
    form = "#survey-form"
    console.page.select_option(f"{form} select[name=person]", label="王芳")
    console.page.check(f"{form} input[name=key_person]")
    console.page.select_option(f"{form} select[name=level]", "middle")
    for expectation in ("timely_response", "understanding_business", "trustworthy"):
        console.page.select_option(f"{form} select[name='ratings.{expectation}.expectation']", "5")
        console.page.select_option(f"{form} select[name='ratings.{expectation}.perception']", "2")
    console.page.click(f"{form} button[type=submit]")
    console.page.wait_for_selector("#survey-saved[data-answer]", timeout=20_000)
    assert "follow-up issue" in console.page.inner_text("#survey-saved")
    after = platform.get(f"/v1/customers/{customer['id']}/surveyResults")
    assert after["respondents"] == before + 1
    console.screenshot("console-forms-survey-answer")


def test_a_person_edited_with_a_stale_etag_and_key_dates(console, platform):
    """On the demo's organisation chart: Escape closes a person's form; an edit after a
    colleague's change is refused and says who; a key date of the tracked CEO is kept, an
    impossible day is refused under its field; the key date is listed, corrected in place
    (R-CON-10: its reminder follows), refused when a colleague changed it, and deleted."""
    [customer] = [
        c
        for c in platform.get("/v1/customers", page_size=1000)["customers"]
        if c["display_name"] == "南海电信广东分公司"
    ]
    persons = platform.get(f"/v1/customers/{customer['id']}/persons", page_size=100)["persons"]
    [cto] = [p for p in persons if p["display_name"] == "李明"]
    console.sign_in(platform.token("owner"))
    console.go(f"#/customers/{customer['id']}")

    item = person_item(console, "李明")
    item.locator("button.edit-person").click()
    assert console.page.evaluate("document.activeElement.name") == "display_name"
    console.page.keyboard.press("Escape")
    assert console.page.locator("#person-edit-form").count() == 0
    assert console.page.evaluate("document.activeElement.classList.contains('edit-person')")

    item.locator("button.edit-person").click()
    console.page.fill("#person-edit-form input[name=title]", "首席技术官")
    changed = api(
        platform,
        "PATCH",
        f"/v1/{cto['name']}",
        json={"rising_star": not cto["rising_star"]},
        headers={"If-Match": f'"{cto["etag"]}"'},
    )
    assert changed.status_code == 200, changed.text
    console.page.press("#person-edit-form input[name=title]", "Enter")
    console.page.wait_for_selector('#person-edit-form[data-state="stale"]')
    message = console.page.inner_text("#person-edit-form .form-message")
    assert "Not saved: e-1001 changed Rising star" in message
    assert platform.get(f"/v1/{cto['name']}")["title"] == cto["title"]
    # A move from the same page, still holding the etag read before the change: refused too.
    target = item.locator("select[name=move-to]")
    other = target.evaluate("s => [...s.options].map(o => o.value).find(v => v && v !== s.value)")
    target.select_option(other)
    item.locator("button.move").click()
    console.page.wait_for_selector('#org-status[data-state="stale"]')
    assert "e-1001" in console.page.inner_text("#org-status")
    assert platform.get(f"/v1/{cto['name']}")["department"] == cto["department"]

    console.page.click("#add-key-date")
    form = "#key-date-form"
    console.page.select_option(f"{form} select[name=parent]", label="周建国")
    console.page.select_option(f"{form} select[name=month]", "2")
    console.page.fill(f"{form} input[name=day]", "30")
    console.page.press(f"{form} input[name=day]", "Enter")
    console.page.wait_for_selector(f'{form}[data-state="refused"]')
    assert "in that month" in console.page.inner_text(f'{form} .field-error[data-for="day"]')
    console.page.fill(f"{form} input[name=day]", "14")
    console.page.press(f"{form} input[name=day]", "Enter")
    console.page.wait_for_selector("#key-date-saved:not(:empty)", timeout=20_000)
    assert "next reminder" in console.page.inner_text("#key-date-saved")
    console.screenshot("console-forms-key-date")

    # The key date is listed with the card's others, corrected in place and deleted.
    [ceo] = [p for p in persons if p["display_name"] == "周建国"]
    [added] = [
        k
        for k in platform.get(f"/v1/{ceo['name']}/keyDates")["key_dates"]
        if (k["kind"], k["month"], k["day"]) == ("birthday", 2, 14)
    ]
    row = f'#key-date-list li[data-name="{added["name"]}"]'
    console.page.wait_for_selector(row, timeout=20_000)
    assert "周建国" in console.page.inner_text(row)
    edit = "#key-date-edit-form"
    console.page.click(f"{row} button.edit-key-date")
    console.page.fill(f"{edit} input[name=day]", "31")
    console.page.press(f"{edit} input[name=day]", "Enter")
    console.page.wait_for_selector(f'{edit}[data-state="refused"]')
    assert "in that month" in console.page.inner_text(f'{edit} .field-error[data-for="day"]')
    console.page.fill(f"{edit} input[name=day]", "16")
    console.page.press(f"{edit} input[name=day]", "Enter")
    console.page.wait_for_selector(f"{row}:has-text('2/16')", timeout=20_000)
    [corrected] = [
        k
        for k in platform.get(f"/v1/{ceo['name']}/keyDates")["key_dates"]
        if k["name"] == added["name"]
    ]
    assert (corrected["day"], corrected["next_reminder_time"][5:10]) == (16, "02-15")

    # A colleague corrects it meanwhile: the edit still open is refused and says what it is now.
    console.page.click(f"{row} button.edit-key-date")
    console.page.fill(f"{edit} input[name=day]", "17")
    meanwhile = api(
        platform,
        "PATCH",
        f"/v1/{added['name']}",
        json={"day": 18},
        headers={"If-Match": f'"{corrected["etag"]}"'},
    )
    assert meanwhile.status_code == 200, meanwhile.text
    console.page.press(f"{edit} input[name=day]", "Enter")
    console.page.wait_for_selector(f'{edit}[data-state="stale"]')
    assert "it is now birthday on 2/18" in console.page.inner_text(f"{edit} .form-message")
    console.page.keyboard.press("Escape")

    # Deleting with the etag read before the colleague's change says so too and shows the
    # current version; deleting that one goes.
    console.page.click(f"{row} button.delete-key-date")
    console.page.wait_for_selector('#key-dates-status[data-state="stale"]')
    assert "2/18" in console.page.inner_text("#key-dates-status")
    console.page.wait_for_selector(f"{row}:has-text('2/18')", timeout=20_000)
    console.page.click(f"{row} button.delete-key-date")
    console.page.wait_for_selector('#key-dates-status[data-state="deleted"]')
    console.page.wait_for_selector(row, state="detached", timeout=20_000)
    names = [k["name"] for k in platform.get(f"/v1/{ceo['name']}/keyDates")["key_dates"]]
    assert added["name"] not in names
    console.screenshot("console-forms-key-dates-listed")
