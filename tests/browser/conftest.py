"""Browser tests: the console in real headless Chromium (Debian's `chromium`, driven by
Playwright) against the whole platform running as processes, on the demo data of `mcr up`.

Screenshots of every page go to `artifacts/screenshots/` (git-ignored) for a human to look at.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from platform_kit import platform  # noqa: F401 (a fixture)

CHROMIUM = Path(os.environ.get("MCR_CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


@pytest.fixture(scope="module")
def browser():
    """Chromium for one test module. Not for the session: Playwright's synchronous API keeps
    an event loop running in this thread while it is open, which the async tests of later
    modules could not start theirs beside."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: scripts/test.sh installs Debian's chromium as root"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield launched
        launched.close()


class Console:
    """One signed-in browser tab on the console."""

    def __init__(self, page, base_url: str) -> None:
        self.page, self.base_url = page, base_url

    def open(self, route: str = "#/") -> None:
        self.page.goto(f"{self.base_url}/console/{route}")
        self.wait(route)

    def go(self, route: str) -> None:
        self.page.evaluate("route => { location.hash = route; }", route)
        self.wait(route)

    def wait(self, route: str) -> None:
        self.page.wait_for_selector(f'#page[data-ready="{route}"]', timeout=20_000)

    def sign_in(self, token: str) -> None:
        self.page.goto(f"{self.base_url}/console/")
        self.page.fill("#token", token)
        self.page.click("#sign-in button[type=submit]")
        self.wait("#/")

    def text(self) -> str:
        return self.page.inner_text("body")

    def screenshot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{re.sub(r'[^a-z0-9-]+', '-', name.lower())}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def console(browser, platform) -> Iterator[Console]:  # noqa: F811
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="en-GB")
    page = context.new_page()
    errors: list[str] = []
    elsewhere: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # Console errors too, but for the browser's own note on every 4xx (a hidden record is one).
    page.on(
        "console",
        lambda m: (
            m.type == "error"
            and not m.text.startswith("Failed to load resource")
            and errors.append(m.text)
        ),
    )
    page.on(
        "request",
        lambda request: request.url.startswith(platform.url) or elsewhere.append(request.url),
    )
    try:
        yield Console(page, platform.url)
    finally:
        context.close()
    assert not errors, f"the console raised in the browser: {errors}"
    assert not elsewhere, f"the console fetched from elsewhere (it must work offline): {elsewhere}"
