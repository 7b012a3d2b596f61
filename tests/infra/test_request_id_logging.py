"""Structured log lines carry the id of the request that wrote them."""

import logging

import pytest
from django.conf import settings

from procusmeet.logging import RequestIdFilter

pytestmark = pytest.mark.django_db

STRUCTURED = logging.Formatter(settings.LOGGING["formatters"]["structured"]["format"])


@pytest.fixture
def logs(caplog):
    """caplog, filtered like the site's console handler."""
    caplog.handler.addFilter(RequestIdFilter())
    caplog.set_level(logging.INFO)
    return caplog


def test_a_request_log_line_carries_the_request_id(client, logs):
    client.get("/no-such-page/", HTTP_X_REQUEST_ID="trace-0123456789")
    record = next(r for r in logs.records if r.name == "django.request")
    assert record.request_id == "trace-0123456789"
    assert (
        "level=WARNING logger=django.request request_id=trace-0123456789 Not Found: /no-such-page/"
        in STRUCTURED.format(record)
    )


@pytest.mark.urls("tests.infra.urls")
def test_an_error_inside_a_view_is_logged_with_the_request_id(logs):
    from django.test import Client

    response = Client(raise_request_exception=False).get("/test/broken", HTTP_X_REQUEST_ID="trace-broken-0001")
    record = next(r for r in logs.records if r.levelno == logging.ERROR)
    assert record.request_id == response["X-Request-ID"] == "trace-broken-0001"
    assert record.exc_info is not None


def test_lines_outside_a_request_say_so(client, logs):
    client.get("/healthz")
    logging.getLogger("procusmeet.test").info("after the request")
    assert logs.records[-1].request_id == "-"
