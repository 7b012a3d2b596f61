"""The API docs page works in a real browser under our CSP, with nothing from a CDN.

Swagger UI is a third-party page, so it is not held to our axe-core check.
"""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_api_docs_render_from_our_origin_under_the_csp(page, base_url):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto("/api/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("ProcusMeet API")
    assert any(url.endswith("/api/schema/") for url in requested)
    assert [url for url in requested if not url.startswith(base_url)] == []
