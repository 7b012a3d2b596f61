"""A database outage answers a calm 503 (JSON for the API, a page for people), never a trace."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import Client

from tests.infra.project import clean_env, django_json

# Port 9 (discard) has no server here: every connection is refused, as in an outage.
UNREACHABLE_DATABASE = "postgres://postgres@127.0.0.1:9/procusmeet"

OUTAGE_SCRIPT = """
from django.test import Client
from django.test.utils import override_settings
with override_settings(ROOT_URLCONF="tests.infra.urls"):
    client = Client(raise_request_exception=False)
    result = {}
    for path in ["/api/v1/test/users", "/test/users", "/readyz", "/healthz"]:
        response = client.get(path)
        result[path] = {
            "status": response.status_code,
            "type": response["Content-Type"],
            "retry_after": response.get("Retry-After"),
            "body": response.content.decode(),
        }
"""


@pytest.fixture(scope="module")
def outage():
    env = clean_env(DJANGO_SETTINGS_MODULE="procusmeet.test_settings", DATABASE_URL=UNREACHABLE_DATABASE)
    return django_json(OUTAGE_SCRIPT, env)


def test_api_answers_503_in_the_error_shape(outage):
    answer = outage["/api/v1/test/users"]
    assert answer["status"] == 503 and answer["type"] == "application/json"
    assert answer["retry_after"] == "5"
    assert '"code": "service_unavailable"' in answer["body"]


def test_pages_answer_the_friendly_503_page(outage):
    answer = outage["/test/users"]
    assert answer["status"] == 503 and answer["type"].startswith("text/html")
    assert "briefly unavailable" in answer["body"]
    assert "Traceback" not in answer["body"] and "OperationalError" not in answer["body"]


def test_readiness_reports_the_database_down(outage):
    answer = outage["/readyz"]
    assert answer["status"] == 503
    assert '"database": "down"' in answer["body"] and '"cache": "ok"' in answer["body"]


def test_liveness_does_not_depend_on_the_database(outage):
    assert outage["/healthz"]["status"] == 200


@pytest.mark.django_db
@pytest.mark.urls("tests.infra.urls")
def test_the_site_recovers_when_the_database_returns(client):
    with mock.patch.object(CursorWrapper, "execute", side_effect=OperationalError("connection lost")):
        assert client.get("/api/v1/test/users").status_code == 503
        assert client.get("/readyz").status_code == 503
    assert client.get("/api/v1/test/users").json() == {"users": 0}
    assert client.get("/readyz").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "json"), [("/api/v1/no-such-thing", True), ("/no-such-page/", False)])
def test_an_outage_met_inside_a_middleware_also_answers_503(settings, path, json):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "tests.infra.middleware.UserCountMiddleware"]
    client = Client(raise_request_exception=False)
    with mock.patch.object(CursorWrapper, "execute", side_effect=OperationalError("connection lost")):
        response = client.get(path)
    assert response.status_code == 503
    assert response["Content-Type"].startswith("application/json" if json else "text/html")
