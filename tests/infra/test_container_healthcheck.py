"""The container probe (procusmeet/healthcheck.py) asks /healthz as the site's own host."""

import pytest

from procusmeet import healthcheck

pytestmark = pytest.mark.django_db(transaction=True)


def test_probe_passes_when_the_site_answers(live_server, settings, monkeypatch):
    settings.ALLOWED_HOSTS = ["procusmeet.example"]
    monkeypatch.setenv("SITE_URL", "https://procusmeet.example")
    assert healthcheck.main(["healthcheck", f"{live_server.url}/healthz"]) == 0


def test_probe_fails_when_the_host_is_not_allowed(live_server, settings, monkeypatch):
    settings.ALLOWED_HOSTS = ["procusmeet.example"]
    monkeypatch.setenv("SITE_URL", "https://elsewhere.example")
    assert healthcheck.main(["healthcheck", f"{live_server.url}/healthz"]) == 1


def test_probe_fails_when_nothing_listens():
    assert healthcheck.is_healthy("http://127.0.0.1:9/healthz", "localhost", timeout=2) is False
