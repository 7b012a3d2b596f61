"""Scale-out (SPEC §11): two stateless web processes and a Celery worker on this machine,
sharing only PostgreSQL, Redis and the broker, behave as one site.

A booking made through one process is seen (and its slot refused) through the other; a
rate limit reached through one holds on the other; a session started on one is valid on
the other; the expert hears of a paid booking on a stream open on the other process,
and the worker (consuming every queue) emails it.
"""

from urllib.parse import urlsplit

import pytest
import requests

from notifications.models import Notification, NotificationKind
from tests.conftest import PASSWORD
from tests.hardening.conftest import bearer
from tests.hardening.processes import (
    Cluster,
    csrf_token,
    from_address,
    web_process,
    worker_process,
)
from tests.notifications.servers import EventStream, wait_until

pytestmark = pytest.mark.django_db(transaction=True)
STREAM = "/api/v1/notifications/stream"


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    # Per hour, so no test straddles the limiter's window; the global rate stays out of the way.
    return Cluster(
        tmp_path_factory.mktemp("two-web"),
        RATELIMIT_AUTH_RATE="3/h",
        RATELIMIT_GLOBAL_RATE="100000/h",
        NOTIFICATIONS_SSE_HEARTBEAT_SECONDS="1",
    )


@pytest.fixture(scope="module")
def sites(cluster, django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), web_process(cluster) as a, web_process(cluster) as b:
        yield a, b


@pytest.fixture(scope="module")
def worker(cluster, django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), worker_process(cluster) as process:
        yield process


def book(site: str, client_user, area, start) -> requests.Response:
    body = {"area": area.pk, "start": start.isoformat()}
    return requests.post(f"{site}/api/v1/bookings", json=body, headers=bearer(client_user), timeout=10)


def slots_on(site: str, area, start) -> list[str]:
    day = start.date().isoformat()
    answer = requests.get(f"{site}/api/v1/experts/{area.expert_id}/slots?area={area.pk}&from={day}&to={day}", timeout=10)
    assert answer.status_code == 200, answer.text
    return answer.json()["slots"]


def offered(slots: list[str], start) -> bool:
    return start.strftime("%Y-%m-%dT%H:%M") in {slot[:16] for slot in slots}


def test_a_booking_made_on_one_process_is_seen_on_the_other(sites, alice_client, dave_client, bob_hour, start_in):
    a, b = sites
    start = start_in(days=3)
    assert offered(slots_on(b, bob_hour, start), start)  # B has the free slot cached

    made = book(a, alice_client, bob_hour, start)

    assert made.status_code == 201, made.text
    seen = requests.get(f"{b}/api/v1/bookings/{made.json()['id']}", headers=bearer(alice_client), timeout=10)
    assert seen.status_code == 200 and seen.json()["status"] == "pending"
    assert not offered(slots_on(b, bob_hour, start), start)  # B's cached answer was invalidated
    assert book(b, dave_client, bob_hour, start).status_code == 409


def test_a_rate_limit_reached_on_one_process_holds_on_the_other(sites):
    a, b = sites
    login = {"email": "nobody@example.com", "password": "wrong"}
    for _ in range(3):
        answer = requests.post(f"{a}/api/v1/auth/login", json=login, headers=from_address("203.0.113.7"), timeout=10)
        assert answer.status_code != 429

    limited = requests.post(f"{b}/api/v1/auth/login", json=login, headers=from_address("203.0.113.7"), timeout=10)

    assert limited.status_code == 429 and limited.json()["error"]["code"] == "rate_limited"
    other = requests.post(f"{b}/api/v1/auth/login", json=login, headers=from_address("203.0.113.8"), timeout=10)
    assert other.status_code != 429


def test_a_session_started_on_one_process_is_valid_on_the_other(sites, alice_client):
    a, b = sites
    browser = requests.Session()
    browser.headers.update(from_address("198.51.100.20"))
    token = csrf_token(browser, f"{a}/accounts/login/")

    signed_in = browser.post(
        f"{a}/accounts/login/",
        data={"login": alice_client.email, "password": PASSWORD, "csrfmiddlewaretoken": token},
        headers={"Referer": f"{a}/accounts/login/"},
        allow_redirects=False,
        timeout=10,
    )

    assert signed_in.status_code == 302, signed_in.text
    account = browser.get(f"{b}/account/", allow_redirects=False, timeout=10)
    assert account.status_code == 200 and alice_client.email in account.text
    stranger = requests.get(f"{b}/account/", allow_redirects=False, timeout=10)
    assert stranger.status_code == 302


def test_a_paid_booking_reaches_the_expert_on_the_other_process_and_the_worker_emails_it(
    sites, worker, alice_client, bob_expert, bob_hour, start_in
):
    a, b = sites
    stream = EventStream(f"{b}{STREAM}", bearer(bob_expert))
    try:
        assert stream.status_code == 200 and stream.next(10)["event"] == "unread"
        made = book(a, alice_client, bob_hour, start_in(days=4))
        assert made.status_code == 201, made.text

        checkout = requests.Session()
        # The test provider's checkout is a page of the site itself (SITE_URL's host).
        checkout_url = a + urlsplit(made.json()["payment"]["authorization_url"]).path
        paid = checkout.post(
            f"{checkout_url}pay/",
            data={"csrfmiddlewaretoken": csrf_token(checkout, checkout_url)},
            allow_redirects=False,  # back to SITE_URL's callback, like Paystack
            timeout=10,
        )

        assert paid.status_code == 302, paid.text
        event = stream.notification(timeout=5)
    finally:
        stream.close()
    assert event["kind"] == NotificationKind.BOOKING_REQUESTED
    emailed = wait_until(
        lambda: Notification.objects.filter(pk=event["id"], emailed_at__isnull=False).exists(),
        timeout=60,  # includes the worker's start-up
        interval=0.2,
        message="the worker to email the notification",
    )
    assert emailed
