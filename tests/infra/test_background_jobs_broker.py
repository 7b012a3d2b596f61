"""Celery's broker (and the cache) follow REDIS_URL; both brokers carry a message, no worker needed."""

import uuid

from tests.infra.project import clean_env, django_json

BROKER_ROUND_TRIP = """
from procusmeet.celery import app
queue_name = "sanity-{queue}"
with app.connection_for_write() as connection:
    transport = type(connection.transport)
    queue = connection.SimpleQueue(queue_name)
    queue.put({{"ping": "{queue}"}})
    message = queue.get(timeout=10)
    message.ack()
    queue.close()
from django.conf import settings
result = {{"broker": app.conf.broker_url, "echo": message.payload,
          "options": app.conf.broker_transport_options,
          "transport": transport.__module__ + ":" + transport.__name__, "cache": settings.CACHES["default"]}}
"""


def round_trip(**env):
    queue = uuid.uuid4().hex
    answer = django_json(
        BROKER_ROUND_TRIP.format(queue=queue), clean_env(DJANGO_SETTINGS_MODULE="procusmeet.settings", **env)
    )
    assert answer["echo"] == {"ping": queue}
    return answer


def test_redis_url_moves_broker_cache_and_rate_limits_to_redis():
    answer = round_trip(REDIS_URL="redis://127.0.0.1:6379/3")
    assert answer["broker"] == "redis://127.0.0.1:6379/3"
    assert answer["options"] == {}
    assert answer["transport"] == "kombu.transport.redis:Transport"
    assert answer["cache"] == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/3",
    }


def test_broker_is_the_local_folder_without_redis(tmp_path):
    answer = round_trip(PROCUSMEET_VAR_DIR=str(tmp_path / "var"))
    assert answer["broker"] == "filesystem://"
    assert answer["transport"] == "procusmeet.broker:Transport"  # whole-message writes
    broker = tmp_path / "var" / "broker"
    assert answer["options"] == {
        "data_folder_in": str(broker),
        "data_folder_out": str(broker),
        "control_folder": str(broker / "control"),
    }
    assert answer["cache"]["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache"
