"""Security headers on pages and API answers; request ids; HSTS only in production."""

import pytest

from tests.infra.project import django_json, production_env

pytestmark = pytest.mark.django_db

PAGE_AND_API = ["/", "/api/schema/", "/api/v1/no-such-thing"]


def csp_directives(response) -> dict[str, list[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


@pytest.mark.parametrize("path", PAGE_AND_API)
def test_csp_allows_only_our_own_scripts_and_styles(client, path):
    directives = csp_directives(client.get(path))
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]


@pytest.mark.parametrize("path", PAGE_AND_API)
def test_browser_hardening_headers_are_set(client, path):
    response = client.get(path)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("path", PAGE_AND_API)
def test_camera_and_microphone_are_allowed_for_our_origin_only(client, path):
    policy = dict(item.split("=", 1) for item in client.get(path)["Permissions-Policy"].split(", "))
    assert policy["camera"] == "(self)"
    assert policy["microphone"] == "(self)"
    assert policy["geolocation"] == "()"


def test_each_answer_carries_a_fresh_request_id(client):
    first, second = client.get("/healthz")["X-Request-ID"], client.get("/healthz")["X-Request-ID"]
    assert len(first) == 32 and first != second


def test_a_valid_incoming_request_id_is_kept(client):
    assert client.get("/api/schema/", HTTP_X_REQUEST_ID="edge-proxy.4f2a-91")["X-Request-ID"] == "edge-proxy.4f2a-91"


@pytest.mark.parametrize(
    "incoming", ["short", "has spaces in it", "x" * 65, "inject\r\nSet-Cookie: a=b", "trailing-newline\n"]
)
def test_an_invalid_incoming_request_id_is_replaced(client, incoming):
    echoed = client.get("/healthz", HTTP_X_REQUEST_ID=incoming)["X-Request-ID"]
    assert echoed != incoming and len(echoed) == 32


def test_no_hsts_outside_production(client):
    assert "Strict-Transport-Security" not in client.get("/healthz", secure=True)


@pytest.fixture(scope="module")
def production_answers(tmp_path_factory):
    """One production process answers both probes (starting one costs about a second)."""
    return django_json(
        "from django.test import Client\n"
        "client = Client(HTTP_HOST='procusmeet.example')\n"
        "secure = client.get('/healthz', secure=True)\n"
        "result = {'hsts': secure.get('Strict-Transport-Security'),"
        " 'plain': {path: client.get(path).status_code for path in ['/', '/healthz']}}",
        production_env(tmp_path_factory.mktemp("production")),
    )


def test_production_sends_hsts_on_https(production_answers):
    assert production_answers["hsts"] == "max-age=31536000; includeSubDomains; preload"


def test_production_redirects_plain_http_except_the_probes(production_answers):
    assert production_answers["plain"] == {"/": 301, "/healthz": 200}
