"""The console signs in at the region's OpenID Connect provider (authorisation code with PKCE)
and shows what the signed-in employee may see: the platform runs as processes that verify
only the provider's tokens, the provider is a real one (oidc-provider, see tests/oidc_kit.py),
and Chromium goes through the provider's own login page."""

from __future__ import annotations

import pytest
from oidc_kit import OidcProvider
from platform_kit import Platform, oidc_accounts


@pytest.fixture(scope="module")
def oidc_platform(nats_url, tmp_path_factory):
    directory = tmp_path_factory.mktemp("oidc-platform")
    platform = Platform(directory, nats_url)
    provider = OidcProvider(
        directory / "oidc",
        oidc_accounts(),
        console_redirects=(f"{platform.url}/console/",),
        # The platform's own claim names: the demo loader reads `org_unit` off its tokens.
        claim_names={"region": "region", "org_unit": "org_unit"},
    ).start()
    platform.use_oidc(provider)
    try:
        yield platform.start()
    finally:
        platform.stop()
        provider.stop()


# The item carries the module's platform: its start (five services, the gateway, the demo
# through the provider's tokens) and stop, which take minutes on a loaded machine.
@pytest.mark.timeout(600)
def test_the_console_signs_in_at_the_provider_and_lists_the_customers(browser, oidc_platform):
    platform, issuer = oidc_platform, oidc_platform.oidc.issuer
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="en-GB")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    origins: set[str] = set()  # what the console's own pages fetch (not the provider's page)

    def fetched(request) -> None:
        if request.frame.url.startswith(platform.url):
            origins.add("/".join(request.url.split("/")[:3]))

    page.on("request", fetched)
    try:
        config = page.request.get(f"{platform.url}/console/config.json").json()["auth"]
        assert (config["mode"], config["issuer"]) == ("oidc", issuer)

        page.goto(f"{platform.url}/console/")
        page.click("#sign-in-provider")
        page.wait_for_url(f"{issuer}/**")  # the provider's own login page
        page.fill("input[name=login]", "e-1001")
        page.fill("input[name=password]", "any")
        page.click("button[type=submit]")
        page.wait_for_selector('#page[data-ready="#/"]', timeout=30_000)
        assert "code=" not in page.url  # the code is gone from the address bar
        assert "e-1001" in page.inner_text("#who")

        page.evaluate("() => { location.hash = '#/customers'; }")
        page.wait_for_selector('#page[data-ready="#/customers"]', timeout=20_000)
        names = page.locator("#customer-table .customer-link").all_inner_texts()
        expected = {
            c["display_name"] for c in platform.get("/v1/customers", page_size=1000)["customers"]
        }
        assert expected and set(names) == expected
    finally:
        context.close()
    assert not errors, errors
    assert origins == {platform.url, issuer}  # the gateway, and the provider's token endpoint
