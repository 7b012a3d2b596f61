"""A refused permission is logged as one warning line; a crash keeps its traceback."""

import logging

import pytest
from django.conf import settings
from django.test import Client
from django.utils.module_loading import import_string

pytestmark = pytest.mark.django_db

STRUCTURED = logging.Formatter(settings.LOGGING["formatters"]["structured"]["format"])


@pytest.fixture
def console_lines(caplog):
    """caplog, filtered by the filters the settings give the site's console handler;
    ``console_lines()`` formats what was logged as that handler prints it."""
    config = settings.LOGGING
    for name in config["handlers"]["console"]["filters"]:
        caplog.handler.addFilter(import_string(config["filters"][name]["()"])())
    caplog.set_level(logging.INFO)
    return lambda: [STRUCTURED.format(record) for record in caplog.records if record.name == "django.request"]


def test_a_permission_denied_page_is_one_warning_line_without_traceback(client, alice_client, console_lines):
    client.force_login(alice_client)

    assert client.get("/dashboard/").status_code == 403

    (line,) = console_lines()
    assert "level=WARNING logger=django.request" in line and "Forbidden (Permission denied): /dashboard/" in line
    assert "\n" not in line and "Traceback" not in line


@pytest.mark.urls("tests.infra.urls")
def test_a_server_error_keeps_its_traceback(console_lines):
    assert Client(raise_request_exception=False).get("/test/broken").status_code == 500

    (line,) = console_lines()
    assert "level=ERROR" in line and "Traceback (most recent call last)" in line and "RuntimeError: a bug" in line
