"""One error shape for the API (`{"error": {code, message, fields}}`), friendly pages for people."""

import pytest
from django.test import Client

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.infra.urls")]


def assert_api_error(response, status: int, code: str):
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "fields"}
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    return body["error"]


def assert_friendly_page(response, status: int, text: str):
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert text in page
    assert "Traceback" not in page and "RuntimeError" not in page


@pytest.fixture
def lenient_client():
    """Answers like production: an exception becomes the 500 page instead of failing the test."""
    return Client(raise_request_exception=False)


def test_unknown_api_path_answers_json_404(client):
    assert_api_error(client.get("/api/v1/no-such-thing"), 404, "not_found")


def test_unknown_api_path_answers_json_even_with_debug_on(client, settings):
    settings.DEBUG = True
    assert_api_error(client.get("/api/nothing/here"), 404, "not_found")


def test_unknown_page_answers_the_friendly_404_page(client):
    assert_friendly_page(client.get("/no-such-page/"), 404, "We could not find that page.")


def test_wrong_method_answers_json_405(client):
    assert_api_error(client.get("/api/v1/test/count"), 405, "method_not_allowed")


def test_missing_credentials_answer_json_401(client):
    response = client.get("/api/v1/test/private")
    assert_api_error(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_invalid_input_answers_400_with_field_errors(client):
    error = assert_api_error(
        client.post("/api/v1/test/count", {"count": 0}, content_type="application/json"), 400, "invalid"
    )
    assert list(error["fields"]) == ["count"]


def test_malformed_json_answers_400_not_500(client):
    assert_api_error(client.post("/api/v1/test/count", "{oops", content_type="application/json"), 400, "parse_error")


def test_bad_host_answers_json_400_for_the_api(client):
    assert_api_error(client.get("/api/v1/test/users", HTTP_HOST="evil.example"), 400, "bad_request")


def test_bad_host_answers_the_friendly_400_page(client):
    assert_friendly_page(client.get("/", HTTP_HOST="evil.example"), 400, "The request could not be understood.")


def test_a_bug_in_an_api_view_answers_json_500(lenient_client):
    assert_api_error(lenient_client.get("/api/v1/test/broken"), 500, "server_error")


def test_a_bug_in_a_page_answers_the_friendly_500_page(lenient_client):
    assert_friendly_page(lenient_client.get("/test/broken"), 500, "Something went wrong on our side.")


def test_csrf_failure_answers_the_friendly_403_page():
    response = Client(enforce_csrf_checks=True).post("/accounts/login/", {"login": "a@example.com"})
    assert_friendly_page(response, 403, "Reload the page and try again.")
