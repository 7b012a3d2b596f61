"""The API docs page works in a real browser under our CSP, with nothing from a CDN, and
its own frame (language, title) passes the accessibility check.

Swagger UI itself is third-party and left as it ships: its colour contrast (grey text,
coloured method labels) and its nested interactive controls (operation summaries, a
button holding other buttons) are exempt below; every other rule still applies.
"""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible

pytestmark = pytest.mark.browser

SWAGGER_UI_OWN_RULES = ("color-contrast", "nested-interactive")


def test_api_docs_render_from_our_origin_under_the_csp(page, base_url):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto("/api/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("ProcusMeet API")
    assert any(url.endswith("/api/schema/") for url in requested)
    assert [url for url in requested if not url.startswith(base_url)] == []


def test_the_docs_page_has_a_language_and_a_title(page):
    page.goto("/api/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("ProcusMeet API")

    assert page.evaluate("() => document.documentElement.lang") == "en"
    expect(page).to_have_title("ProcusMeet API · Documentation")
    assert_accessible(page, exempt_rules=SWAGGER_UI_OWN_RULES)
