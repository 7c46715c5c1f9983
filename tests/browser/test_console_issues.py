"""The console's issues page in headless Chromium on the demo data: the ITR board with its SLA
timers (the demo's overdue issue in red), one issue driven through every step by the board's
own buttons until it is closed, and the survey's expectation vs perception chart."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

BATCH_DELAY = "网银夜间批处理延迟"  # the demo's issue of 岭南商业银行, still collected
OVERDUE = "影像系统存储扩容延期"  # the demo's issue past its contract time limit
RED = "rgb(220, 38, 38)"


def card(console, title: str):
    return console.page.locator("#issue-board article.issue", has_text=title)


def step(console, title: str, name: str, state: str, **inputs: str) -> None:
    """Take one step from the issue's card and wait for the board to show its next state."""
    form = card(console, title).locator(f'form.step[data-step="{name}"]')
    for field, value in inputs.items():
        form.locator(f"input[name={field}]").fill(value)
    form.locator("button[type=submit]").click()
    console.page.wait_for_selector(
        f'#issue-board section.column[data-state="{state}"] article.issue:has-text("{title}")'
    )


def issue_state(platform, title: str) -> str:
    [found] = [i for i in platform.get("/v1/issues")["issues"] if i["title"] == title]
    return found["state"]


def test_the_board_shows_states_and_sla_timers(console, platform):
    console.sign_in(platform.token("owner"))
    console.go("#/issues")
    columns = console.page.locator("#issue-board section.column")
    states = [columns.nth(i).get_attribute("data-state") for i in range(columns.count())]
    assert states[:4] == ["collected", "accepted", "distributed", "handling"]
    assert states[-1] == "closed"
    for issue in platform.get("/v1/issues")["issues"]:
        shown = card(console, issue["title"]).first
        assert shown.get_attribute("data-state") == issue["state"]
    overdue = card(console, OVERDUE).locator(".sla")
    assert overdue.get_attribute("data-breached") == "true"
    assert overdue.inner_text().startswith("overdue by")
    assert overdue.evaluate("node => getComputedStyle(node).backgroundColor") == RED
    running = card(console, "核心网割接后部分基站告警").locator(".sla")
    assert running.inner_text().endswith("left") and running.get_attribute("data-breached") is None
    assert running.evaluate("node => getComputedStyle(node).backgroundColor") != RED
    console.screenshot("issues-board")


def test_an_issue_is_driven_through_the_itr_steps_and_closed_on_the_board(console, platform):
    console.sign_in(platform.token("owner"))
    console.go("#/issues")
    step(console, BATCH_DELAY, "accept", "accepted")
    step(console, BATCH_DELAY, "distribute", "distributed")
    step(console, BATCH_DELAY, "startHandling", "handling")

    # A step refused by the service shows its problem on the card and changes nothing.
    card(console, BATCH_DELAY).locator('form.step[data-step="resolve"] button').click()
    error = card(console, BATCH_DELAY).locator(".field-error")
    error.wait_for()
    assert "resolution" in error.inner_text()
    assert issue_state(platform, BATCH_DELAY) == "handling"

    step(console, BATCH_DELAY, "resolve", "resolved", resolution="调整批处理窗口并扩容数据库")
    step(console, BATCH_DELAY, "revisit", "revisited", contact="岭南商业银行信息科技部", score="4")
    assert issue_state(platform, BATCH_DELAY) == "revisited"
    step(console, BATCH_DELAY, "close", "closed")
    closed = card(console, BATCH_DELAY)
    assert closed.locator(".sla").inner_text() == "finished"
    assert closed.locator("form.step").count() == 0
    assert issue_state(platform, BATCH_DELAY) == "closed"
    console.screenshot("issues-closed")


def test_the_survey_chart_pairs_expectation_and_perception(console, platform):
    console.sign_in(platform.token("owner"))
    console.go("#/issues")
    results = platform.get("/v1/customers/-/surveyResults")
    assert results["respondents"] == 4
    groups = console.page.locator("#survey-results svg.chart.grouped g.group")
    assert groups.count() == len(results["dimensions"]) == 4
    for i, dimension in enumerate(results["dimensions"]):
        bars = groups.nth(i).locator("g.bar")
        drawn = [float(bars.nth(j).get_attribute("data-value")) for j in range(bars.count())]
        expected = [dimension["mean_expectation"], dimension["mean_perception"]]
        assert drawn == pytest.approx(expected, abs=0.01)
    first = groups.first
    assert first.get_attribute("data-label") == "Timely response"
    # The demo's respondents expected 4.5 on timely response and perceived 3.5.
    assert [b.get_attribute("data-value") for b in first.locator("g.bar").all()] == ["4.5", "3.5"]
    console.screenshot("issues-survey-results")

    console.page.select_option("#language", "zh")
    console.wait("#/issues")
    assert console.page.locator("#survey-results g.group").first.get_attribute("data-label") == (
        "及时响应"
    )
    console.screenshot("issues-zh")
