"""The OpenAPI schema and its docs page, served entirely from our own origin."""

from html.parser import HTMLParser

import pytest
import yaml

pytestmark = pytest.mark.django_db


class AssetCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls, self.inline = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "style" in attrs or any(name.startswith("on") for name in attrs):
            self.inline.append(f"{tag} attribute")
        if tag == "script":
            self.urls.append(attrs["src"]) if attrs.get("src") else self.inline.append("script")
        elif tag == "link":
            self.urls.append(attrs["href"])
        elif tag == "style":
            self.inline.append("style")


@pytest.fixture
def docs_page(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    collector = AssetCollector()
    collector.feed(response.content.decode())
    return response, collector


def test_schema_is_openapi_3(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "ProcusMeet API"


def test_schema_is_also_served_as_json(client):
    schema = client.get("/api/schema/?format=json").json()
    assert schema["openapi"].startswith("3.")


def test_docs_page_has_no_inline_script_or_style(docs_page):
    _, collector = docs_page
    assert collector.inline == []


def test_docs_page_loads_every_asset_from_our_origin(client, docs_page):
    _, collector = docs_page
    assert len(collector.urls) >= 5  # favicon, two stylesheets, two bundles (+ the start-up script)
    for url in collector.urls:
        assert url.startswith("/") and not url.startswith("//"), url
        response = client.get(url)
        assert response.status_code == 200, url
        assert int(response["Content-Length"]) > 0, url


def test_docs_start_up_script_is_javascript_from_our_origin(client, docs_page):
    _, collector = docs_page
    (script,) = [url for url in collector.urls if url.startswith("/api/docs/")]
    response = client.get(script)
    assert response["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in response.content.decode()


def test_docs_page_csp_needs_no_exception(docs_page):
    response, _ = docs_page
    policy = response["Content-Security-Policy"]
    assert "script-src 'self';" in policy + ";" and "style-src 'self';" in policy + ";"
    assert "unsafe" not in policy
