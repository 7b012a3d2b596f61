"""Answers any operation can give whatever its view declares are in the schema too: the
rate limiter's 429 (every operation but the provider webhooks, which are exempt) and
DRF's 415 for a body in a content type the operation does not read."""

import pytest
from rest_framework.test import APIClient

from tests.contract.test_schema_matches_answers import conforms

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def openapi(django_db_blocker):
    with django_db_blocker.unblock():
        return APIClient().get("/api/schema/", {"format": "json"}).json()


def _operations(openapi):
    for path, operations in openapi["paths"].items():
        for method, operation in operations.items():
            if isinstance(operation, dict) and "responses" in operation:
                yield path, method, operation


def test_every_operation_lists_429_but_the_webhooks(openapi):
    missing = [f"{m} {p}" for p, m, op in _operations(openapi) if "429" not in op["responses"] and "/webhooks/" not in p]
    webhooks_429 = [f"{m} {p}" for p, m, op in _operations(openapi) if "/webhooks/" in p and "429" in op["responses"]]

    assert (missing, webhooks_429) == ([], [])


def test_every_operation_with_a_body_lists_415(openapi):
    missing = [f"{m} {p}" for p, m, op in _operations(openapi) if "requestBody" in op and "415" not in op["responses"]]

    assert missing == []


def test_a_body_in_an_unreadable_content_type_is_a_415_the_schema_describes(openapi):
    answer = APIClient().post("/api/v1/auth/login", data="email=a", content_type="text/plain")

    assert answer.status_code == 415
    conforms(openapi, answer, "post", "/api/v1/auth/login")


def test_a_rate_limited_answer_is_a_429_the_schema_describes(openapi, api, settings):
    settings.RATELIMIT_ENABLE = True
    settings.RATELIMIT_GLOBAL_RATE = "2/h"

    answers = [api.get("/api/v1/experts") for _ in range(3)]

    assert [answer.status_code for answer in answers] == [200, 200, 429]
    conforms(openapi, answers[2], "get", "/api/v1/experts")
