"""PostgreSQL goes away mid-traffic and comes back (SPEC §10).

A web process (persistent connections, as in production) reaches PostgreSQL through a
TCP proxy that the test cuts while a client keeps booking and reading: answers turn
into calm 503s (JSON for the API, the friendly page for people, never a 500), liveness
stays up, and once the line is restored the process serves again by itself, with no
restart, and every booking it confirmed (201) is in the database.
"""

import datetime as dt
import threading
from collections import Counter

import pytest
import requests
from django.db import connection

from scheduling.models_booking import Booking
from tests.hardening.conftest import bearer
from tests.hardening.processes import Cluster, web_process
from tests.hardening.tcp_proxy import TcpProxy
from tests.notifications.servers import wait_until

ONE_HOUR = dt.timedelta(hours=1)
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.hardening_full]


class Traffic(threading.Thread):
    """One client booking a new hour, then reading its bookings, over and over."""

    def __init__(self, site: str, headers: dict, area, first_start):
        super().__init__(daemon=True)
        self.site, self.headers, self.area, self.first_start = site, headers, area, first_start
        self.answers: list[tuple[str, int]] = []
        self.created: list[int] = []
        self.stopping = threading.Event()

    def run(self) -> None:
        hour = 0
        while not self.stopping.is_set():
            body = {"area": self.area.pk, "start": (self.first_start + hour * ONE_HOUR).isoformat()}
            hour += 1
            made = requests.post(f"{self.site}/api/v1/bookings", json=body, headers=self.headers, timeout=30)
            self.answers.append(("book", made.status_code))
            if made.status_code == 201:
                self.created.append(made.json()["id"])
            listed = requests.get(f"{self.site}/api/v1/bookings", headers=self.headers, timeout=30)
            self.answers.append(("list", listed.status_code))

    def count(self, status: int) -> int:
        return Counter(code for _, code in self.answers)[status]


def _database_url_through(proxy: TcpProxy) -> str:
    settings = connection.settings_dict
    return f"postgres://{settings['USER'] or 'postgres'}@127.0.0.1:{proxy.port}/{settings['NAME']}"


def test_an_outage_mid_traffic_answers_503_then_recovers_with_no_lost_booking(
    tmp_path, alice_client, bob_hour, start_in, django_db_blocker
):
    settings = connection.settings_dict
    proxy = TcpProxy(settings["HOST"] or "127.0.0.1", int(settings["PORT"] or 5432))
    cluster = Cluster(
        tmp_path, RATELIMIT_ENABLE="false", DATABASE_URL=_database_url_through(proxy), DATABASE_CONN_MAX_AGE="60"
    )
    try:
        with django_db_blocker.unblock(), web_process(cluster) as site:
            traffic = Traffic(site, bearer(alice_client), bob_hour, start_in(days=2))
            traffic.start()
            wait_until(lambda: len(traffic.created) >= 2, timeout=30, message="bookings before the outage")

            proxy.cut()
            wait_until(lambda: traffic.count(503) >= 4, timeout=30, message="503s during the outage")
            during = _probes(site)
            confirmed_before = len(traffic.created)

            proxy.restore()
            wait_until(lambda: _probes(site)["readyz"] == 200, timeout=30, message="readiness after the outage")
            wait_until(lambda: len(traffic.created) >= confirmed_before + 2, timeout=30, message="bookings after")
            traffic.stopping.set()
            traffic.join(timeout=30)
    finally:
        proxy.close()

    assert during == {"readyz": 503, "healthz": 200, "api": 503, "api_json": True, "page": 503, "page_html": True}
    assert {code for _, code in traffic.answers} <= {200, 201, 503}
    booked = set(Booking.objects.filter(call__client=alice_client).values_list("pk", flat=True))
    assert set(traffic.created) <= booked  # nothing confirmed was lost
    unanswered = sum(1 for kind, code in traffic.answers if kind == "book" and code == 503)
    assert len(booked) - len(traffic.created) <= unanswered  # only a cut reply can hide a booking


def _probes(site: str) -> dict:
    api = requests.get(f"{site}/api/v1/experts", timeout=30)
    page = requests.get(f"{site}/experts/", timeout=30)
    return {
        "readyz": requests.get(f"{site}/readyz", timeout=30).status_code,
        "healthz": requests.get(f"{site}/healthz", timeout=30).status_code,
        "api": api.status_code,
        "api_json": api.headers["Content-Type"] == "application/json"
        and api.json().get("error", {}).get("code") == "service_unavailable",
        "page": page.status_code,
        "page_html": page.headers["Content-Type"].startswith("text/html") and "Traceback" not in page.text,
    }
