"""The bound on open streams per user holds when many connect at the same moment (a
script, a browser restoring twenty tabs), not only one after another."""

import threading
import uuid

import pytest

from accounts.tokens import session_start
from tests.notifications.servers import EventStream, uvicorn_process

pytestmark = pytest.mark.django_db(transaction=True)
STREAM = "/api/v1/notifications/stream"
LIMIT = 2


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), uvicorn_process(NOTIFICATIONS_MAX_STREAMS_PER_USER=str(LIMIT)) as url:
        yield url


@pytest.fixture(scope="module")
def two_servers_sharing_redis(django_db_setup, django_db_blocker):
    env = {
        "NOTIFICATIONS_MAX_STREAMS_PER_USER": str(LIMIT),
        "REDIS_URL": "redis://127.0.0.1:6379/5",
        "NOTIFICATIONS_REDIS_PREFIX": f"test-{uuid.uuid4().hex}",
    }
    with django_db_blocker.unblock(), uvicorn_process(**env) as a, uvicorn_process(**env) as b:
        yield a, b


def open_at_once(urls: list[str], token: str, count: int) -> list[EventStream]:
    """``count`` streams, connecting at the same moment, spread over ``urls``."""
    start = threading.Barrier(count)
    streams: list[EventStream] = [None] * count

    def connect(index: int) -> None:
        start.wait()
        streams[index] = EventStream(urls[index % len(urls)] + STREAM, {"Authorization": f"Bearer {token}"})

    threads = [threading.Thread(target=connect, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return streams


def assert_bounded(urls: list[str], user) -> None:
    token = session_start(user=user, user_agent="pytest", ip="127.0.0.1").access

    streams = open_at_once(urls, token, 8)
    try:
        codes = sorted(stream.status_code for stream in streams)
        assert codes == [200] * LIMIT + [429] * (8 - LIMIT)
    finally:
        for stream in streams:
            stream.close()


def test_streams_opened_at_the_same_moment_are_bounded(server, alice_client):
    assert_bounded([server], alice_client)


def test_streams_opened_at_the_same_moment_on_two_processes_are_bounded(two_servers_sharing_redis, alice_client):
    assert_bounded(list(two_servers_sharing_redis), alice_client)
