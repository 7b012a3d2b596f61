"""The container probes (procusmeet/healthcheck.py): /healthz asked as the site's own host,
and the freshness of celery beat's schedule file."""

import os

import pytest

from procusmeet import healthcheck


@pytest.mark.django_db(transaction=True)
def test_probe_passes_when_the_site_answers(live_server, settings, monkeypatch):
    settings.ALLOWED_HOSTS = ["procusmeet.example"]
    monkeypatch.setenv("SITE_URL", "https://procusmeet.example")
    assert healthcheck.main(["healthcheck", f"{live_server.url}/healthz"]) == 0


@pytest.mark.django_db(transaction=True)
def test_probe_fails_when_the_host_is_not_allowed(live_server, settings, monkeypatch):
    settings.ALLOWED_HOSTS = ["procusmeet.example"]
    monkeypatch.setenv("SITE_URL", "https://elsewhere.example")
    assert healthcheck.main(["healthcheck", f"{live_server.url}/healthz"]) == 1


def test_probe_fails_when_nothing_listens():
    assert healthcheck.is_healthy("http://127.0.0.1:9/healthz", "localhost", timeout=2) is False


def test_beat_probe_passes_while_its_schedule_file_keeps_changing(tmp_path):
    (tmp_path / "celerybeat-schedule.db").write_bytes(b"schedule")
    assert healthcheck.main(["healthcheck", "--fresh", str(tmp_path / "celerybeat-schedule"), "600"]) == 0


def test_beat_probe_fails_on_a_stale_or_missing_schedule_file(tmp_path):
    schedule = tmp_path / "celerybeat-schedule"
    assert healthcheck.main(["healthcheck", "--fresh", str(schedule), "600"]) == 1
    schedule.write_bytes(b"schedule")
    old = schedule.stat().st_mtime - 3600
    os.utime(schedule, (old, old))
    assert healthcheck.main(["healthcheck", "--fresh", str(schedule), "600"]) == 1
