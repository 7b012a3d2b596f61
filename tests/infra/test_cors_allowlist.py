"""CORS: only origins on the allowlist may read API answers from a browser."""

import pytest

pytestmark = pytest.mark.django_db

ALLOWED = "https://app.partner.example"


@pytest.fixture(autouse=True)
def _allowlist(settings):
    settings.CORS_ALLOWED_ORIGINS = [ALLOWED]


def test_an_allowed_origin_may_read_the_answer(client):
    response = client.get("/api/schema/", HTTP_ORIGIN=ALLOWED)
    assert response["Access-Control-Allow-Origin"] == ALLOWED
    assert response["Access-Control-Allow-Credentials"] == "true"


def test_another_origin_gets_no_cors_header(client):
    assert "Access-Control-Allow-Origin" not in client.get("/api/schema/", HTTP_ORIGIN="https://evil.example")


def test_preflight_from_an_allowed_origin_lists_the_methods(client):
    response = client.options("/api/v1/no-such-thing", HTTP_ORIGIN=ALLOWED, HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST")
    assert response["Access-Control-Allow-Origin"] == ALLOWED
    assert "POST" in response["Access-Control-Allow-Methods"]


def test_preflight_from_another_origin_is_not_granted(client):
    response = client.options(
        "/api/v1/no-such-thing", HTTP_ORIGIN="https://evil.example", HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST"
    )
    assert "Access-Control-Allow-Origin" not in response
