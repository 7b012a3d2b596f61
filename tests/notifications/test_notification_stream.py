"""The SSE stream served by a real uvicorn process (the embedded default: no Redis; the
server finds rows written by other processes by polling once a second)."""

import time

import pytest
import requests

from accounts.tokens import session_start
from notifications.models import NotificationKind
from notifications.services import notification_create
from tests.notifications.servers import EventStream, uvicorn_process, wait_until

pytestmark = pytest.mark.django_db(transaction=True)
STREAM = "/api/v1/notifications/stream"
DELIVERY_SECONDS = 2.0


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), uvicorn_process(
        NOTIFICATIONS_SSE_HEARTBEAT_SECONDS="1", NOTIFICATIONS_MAX_STREAMS_PER_USER="2"
    ) as url:
        yield url


@pytest.fixture
def open_stream(server):
    streams = []

    def open_(user=None, *, headers=None, path=STREAM):
        headers = dict(headers or {})
        if user is not None:
            headers["Authorization"] = f"Bearer {session_start(user=user, user_agent='pytest', ip='127.0.0.1').access}"
        stream = EventStream(server + path, headers)
        streams.append(stream)
        return stream

    yield open_
    for stream in streams:
        stream.close()


def notify(user, title: str):
    return notification_create(user=user, kind=NotificationKind.BOOKING_REQUESTED, title=title, email=False)


def connected(stream: EventStream) -> dict:
    """The first answer: the current unread count."""
    first = stream.next(5)
    assert first["event"] == "unread", first
    return first


def test_a_stream_needs_authentication(open_stream):
    stream = open_stream()
    assert stream.status_code == 401
    assert stream.response.json()["error"]["code"] == "not_authenticated"
    assert stream.response.headers["WWW-Authenticate"].startswith("Bearer")

    forged = open_stream(headers={"Authorization": "Bearer not-a-token"})
    assert forged.status_code == 401


def test_a_notification_from_another_process_arrives_within_two_seconds(open_stream, alice_client):
    stream = open_stream(alice_client)
    assert stream.status_code == 200
    assert stream.response.headers["Content-Type"].startswith("text/event-stream")
    connected(stream)

    created = notify(alice_client, "Hello Alice")
    began = time.monotonic()
    event = stream.notification(timeout=DELIVERY_SECONDS)

    assert time.monotonic() - began < DELIVERY_SECONDS
    assert event["event_id"] == str(created.pk) and event["id"] == created.pk and event["title"] == "Hello Alice"
    assert event["unread_count"] == 1 and event["read"] is False


def test_another_users_notifications_never_reach_my_stream(open_stream, alice_client, bob_expert):
    stream = open_stream(alice_client)
    connected(stream)

    notify(bob_expert, "For Bob only")
    mine = notify(alice_client, "For Alice")

    assert stream.notification(timeout=DELIVERY_SECONDS + 1)["id"] == mine.pk


def test_reconnecting_with_last_event_id_resumes_without_loss_or_repeats(open_stream, alice_client):
    first, second, third = (notify(alice_client, f"n{number}") for number in range(3))

    stream = open_stream(alice_client, headers={"Last-Event-ID": str(first.pk)})
    replayed = [stream.notification(timeout=5)["id"] for _ in range(2)]
    fourth = notify(alice_client, "n3")
    live = stream.notification(timeout=DELIVERY_SECONDS + 1)["id"]

    assert replayed == [second.pk, third.pk]
    assert live == fourth.pk
    with pytest.raises(AssertionError, match="no event"):
        stream.notification(timeout=1.5)  # nothing twice


def test_marking_read_on_the_server_updates_the_count_on_open_streams(server, open_stream, alice_client):
    notification = notify(alice_client, "to read")
    stream = open_stream(alice_client)
    assert connected(stream)["data"] == '{"unread_count": 1}'
    token = session_start(user=alice_client, user_agent="pytest", ip="127.0.0.1").access

    answer = requests.post(
        f"{server}/api/v1/notifications/{notification.pk}/read", headers={"Authorization": f"Bearer {token}"}, timeout=5
    )

    assert answer.status_code == 200
    assert stream.next(DELIVERY_SECONDS) == {"event": "unread", "data": '{"unread_count": 0}'}


def test_an_idle_stream_gets_heartbeats(open_stream, alice_client):
    stream = open_stream(alice_client)
    connected(stream)

    assert stream.next(3, skip_comments=False) == {"comment": "ping"}


def test_the_session_cookie_of_the_web_pages_opens_a_stream_too(open_stream, alice_client):
    from django.conf import settings
    from django.test import Client

    browser = Client()
    browser.force_login(alice_client)
    cookie = browser.cookies[settings.SESSION_COOKIE_NAME].value

    stream = open_stream(headers={"Cookie": f"{settings.SESSION_COOKIE_NAME}={cookie}"})

    assert stream.status_code == 200
    created = notify(alice_client, "via the session")
    assert stream.notification(timeout=DELIVERY_SECONDS + 1)["id"] == created.pk


def test_open_streams_per_user_are_bounded(open_stream, alice_client, bob_expert):
    first, second = open_stream(alice_client), open_stream(alice_client)
    assert (first.status_code, second.status_code) == (200, 200)
    connected(first)
    connected(second)

    refused = open_stream(alice_client)
    assert refused.status_code == 429
    assert refused.response.json()["error"]["code"] == "too_many_streams"
    assert open_stream(bob_expert).status_code == 200  # other people are not affected

    first.close()
    # The server notices the closed connection at its next write (a heartbeat).
    wait_until(lambda: open_stream(alice_client).status_code == 200, timeout=5, interval=0.5, message="a free stream")


# --- a stream ends once its user may no longer read it (checked at each heartbeat) ---

ENDS_WITHIN = 4.0  # the server's heartbeat is 1 s: its next heartbeat, with room for a busy machine


def ends(stream: EventStream, timeout: float = ENDS_WITHIN) -> None:
    deadline = time.monotonic() + timeout
    while "closed" not in stream.next(max(deadline - time.monotonic(), 0.001), skip_comments=False):
        pass


def cookie_stream(open_stream, user):
    from django.conf import settings
    from django.test import Client

    browser = Client()
    browser.force_login(user)
    stream = open_stream(headers={"Cookie": f"{settings.SESSION_COOKIE_NAME}={browser.session.session_key}"})
    assert stream.status_code == 200
    connected(stream)
    return browser, stream


def test_a_bearer_stream_ends_after_logging_out_everywhere(server, open_stream, alice_client):
    stream = open_stream(alice_client)
    connected(stream)
    other_device = session_start(user=alice_client, user_agent="pytest", ip="127.0.0.1").access

    answer = requests.post(
        f"{server}/api/v1/auth/logout-all", headers={"Authorization": f"Bearer {other_device}"}, timeout=5
    )

    assert answer.status_code == 204
    ends(stream)


def test_a_cookie_stream_ends_after_logging_out(open_stream, alice_client):
    from django.urls import reverse

    browser, stream = cookie_stream(open_stream, alice_client)

    assert browser.post(reverse("account_logout")).status_code == 302
    ends(stream)


def test_a_deactivated_users_streams_end(open_stream, alice_client):
    from accounts.services import user_deactivate

    _browser, by_cookie = cookie_stream(open_stream, alice_client)
    by_token = open_stream(alice_client)
    connected(by_token)

    user_deactivate(user=alice_client)

    ends(by_cookie)
    ends(by_token)


def test_another_users_logout_and_deactivation_leave_my_stream_open(open_stream, alice_client, bob_expert):
    from accounts.services import user_deactivate

    mine, bobs = open_stream(alice_client), open_stream(bob_expert)
    connected(mine)
    connected(bobs)

    user_deactivate(user=bob_expert)  # his sessions are revoked too
    ends(bobs)

    # Two more heartbeats, each checked after Bob's revocation, and the stream still delivers.
    assert [mine.next(3, skip_comments=False) for _ in range(2)] == [{"comment": "ping"}] * 2
    created = notify(alice_client, "still here")
    assert mine.notification(timeout=DELIVERY_SECONDS + 1)["id"] == created.pk
