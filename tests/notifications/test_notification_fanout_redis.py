"""Fan-out across processes through Redis pub/sub: two uvicorn processes (A and B), this
test process, and a Celery worker all share one Redis; a notification created by any of
them reaches streams on every web process."""

import datetime as dt
import uuid

import pytest
import requests
from celery import Celery

from accounts.tokens import session_start
from notifications.models import NotificationKind, Reminder
from notifications.services import notification_create
from tests.notifications.conftest import quarter_hour_after
from tests.notifications.servers import EventStream, celery_worker, uvicorn_process

pytestmark = pytest.mark.django_db(transaction=True)
REDIS_URL = "redis://127.0.0.1:6379/0"
STREAM = "/api/v1/notifications/stream"
DELIVERY_SECONDS = 2.0


@pytest.fixture(scope="module")
def redis_env():
    # Pub/sub channels are shared by every Redis database: a prefix per run keeps
    # parallel test workers apart.
    return {"REDIS_URL": REDIS_URL, "NOTIFICATIONS_REDIS_PREFIX": f"test-{uuid.uuid4().hex}"}


@pytest.fixture(scope="module")
def servers(django_db_setup, django_db_blocker, redis_env):
    env = {**redis_env, "NOTIFICATIONS_MAX_STREAMS_PER_USER": "2", "NOTIFICATIONS_SSE_HEARTBEAT_SECONDS": "1"}
    with django_db_blocker.unblock(), uvicorn_process(**env) as a, uvicorn_process(**env) as b:
        yield a, b


@pytest.fixture(autouse=True)
def publish_through_redis(settings, redis_env):
    settings.REDIS_URL = redis_env["REDIS_URL"]
    settings.NOTIFICATIONS_REDIS_PREFIX = redis_env["NOTIFICATIONS_REDIS_PREFIX"]


@pytest.fixture
def streams():
    opened = []

    def open_(base_url: str, user):
        token = session_start(user=user, user_agent="pytest", ip="127.0.0.1").access
        stream = EventStream(base_url + STREAM, {"Authorization": f"Bearer {token}"})
        opened.append(stream)
        if stream.status_code == 200:
            assert stream.next(5)["event"] == "unread"  # connected
        return stream

    yield open_
    for stream in opened:
        stream.close()


def bearer(user) -> dict:
    return {"Authorization": f"Bearer {session_start(user=user, user_agent='pytest', ip='127.0.0.1').access}"}


def test_a_notification_created_in_a_third_process_reaches_both_web_processes(servers, streams, alice_client):
    on_a, on_b = streams(servers[0], alice_client), streams(servers[1], alice_client)

    created = notification_create(user=alice_client, kind=NotificationKind.PAYOUT_PAID, title="Paid", email=False)

    assert on_a.notification(timeout=DELIVERY_SECONDS)["id"] == created.pk
    assert on_b.notification(timeout=DELIVERY_SECONDS)["id"] == created.pk


def test_an_answer_given_on_process_a_reaches_the_clients_stream_on_process_b(
    servers, streams, bookings, alice_client, bob_expert
):
    booking = bookings.paid(quarter_hour_after(dt.timedelta(days=3)))
    on_b = streams(servers[1], alice_client)

    answer = requests.post(f"{servers[0]}/api/v1/bookings/{booking.pk}/accept", headers=bearer(bob_expert), timeout=10)

    assert answer.status_code == 200, answer.text
    event = on_b.notification(timeout=DELIVERY_SECONDS)
    assert event["kind"] == NotificationKind.BOOKING_ACCEPTED and event["url"] == f"/bookings/{booking.pk}/"


def test_a_reminder_sent_by_the_celery_worker_reaches_a_stream(servers, streams, bookings, alice_client, redis_env):
    booking = bookings.confirmed(quarter_hour_after(dt.timedelta(days=3)))
    Reminder.objects.filter(call=booking.call, kind="soon").update(due_at=dt.datetime.now(dt.UTC))
    on_b = streams(servers[1], alice_client)
    queue_name = f"test-{uuid.uuid4().hex}"

    with celery_worker(queue_name=queue_name, **redis_env):
        # Not the current app: shared tasks (payout sends...) of later tests in this
        # process would resolve to it and go to Redis instead of running eagerly.
        with Celery(broker=REDIS_URL, set_as_current=False) as sender:
            sender.send_task("notifications.tasks.send_due_reminders", queue=queue_name)
        event = on_b.notification(timeout=60)  # includes the worker's start-up

    assert event["kind"] == NotificationKind.CALL_REMINDER_SOON
    assert event["title"] == "Your call with Bob Expert starts in 10 minutes"


def test_the_stream_bound_holds_across_processes(servers, streams, alice_client, bob_expert):
    assert streams(servers[0], alice_client).status_code == 200
    assert streams(servers[1], alice_client).status_code == 200

    refused = streams(servers[0], alice_client)

    assert refused.status_code == 429
    assert refused.response.json()["error"]["code"] == "too_many_streams"
    assert streams(servers[1], bob_expert).status_code == 200
