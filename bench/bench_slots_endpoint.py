"""Slots endpoint benchmark: ``GET /api/v1/experts/{id}/slots`` for 60 days of a busy
expert, against a bare JSON endpoint of the same app, in the same run.

Run from the repository root: ``python bench/bench_slots_endpoint.py``. It uses its own
PostgreSQL database (``BENCH_DATABASE_URL``, default ``procusmeet_bench`` on the local
server), created and migrated when missing, and requests go through Django's test
client: the whole middleware stack and DRF, no network. Two measurements: with the slot
cache disabled (every request loads the rules and runs the engine) and with it (a
local-memory cache, so the number is the app's own cost, not a cache server's).
Prints the database queries of one uncached request, the median times and the ratios
slots / bare.
"""

import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/procusmeet_bench")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "procusmeet.settings")
os.environ["RATELIMIT_ENABLE"] = "false"  # thousands of requests from one address
os.environ["DJANGO_DEBUG"] = "false"

import django

DAYS = 60
ROUNDS, PER_ROUND = 40, 10
TARGET_RATIO = 1.5
EMAIL = "busy-expert@bench.procusmeet.local"
CACHES = {
    "off": {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}},
    "on": {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "bench"}},
}


def expert_seed():
    """A busy expert (idempotent): Mon–Sat 08–13 and 14–20 in Europe/London, 10
    overrides in the next 60 days, buffers, a daily limit and a 60-minute service."""
    from django.utils import timezone

    from accounts.models import User
    from accounts.services import user_create, user_profile_update
    from accounts.storefront.services_areas import area_create
    from scheduling.services import (
        RangeSpec,
        date_override_create,
        weekly_ranges_replace,
    )

    user = User.objects.filter(email=EMAIL).first()
    if user is None:
        user = user_create(email=EMAIL, full_name="Busy Expert", role="expert", password=None)
        user_profile_update(
            user=user,
            changes={"timezone": "Europe/London", "buffer_before_minutes": 15, "buffer_after_minutes": 15, "daily_limit": 8},
        )
        area_create(expert=user.expert_profile, title="Strategy call", duration_minutes=60, price=2_500_000)
    profile = user.expert_profile
    weekly_ranges_replace(
        expert=profile,
        ranges=[RangeSpec(day, start * 60, end * 60) for day in range(6) for start, end in ((8, 13), (14, 20))],
    )
    profile.date_overrides.all().delete()
    today = timezone.now().date()
    for n in range(5):
        date_override_create(expert=profile, date=today + timedelta(days=3 + 6 * n), kind="unavailable", start_minute=540, end_minute=660)
        date_override_create(expert=profile, date=today + timedelta(days=6 + 7 * n), kind="available", start_minute=600, end_minute=840)
    return profile, profile.areas.get()


def bare(request):
    """The floor: a DRF view answering the same shape with nothing in it."""
    from rest_framework.response import Response

    return Response({"timezone": "UTC", "slots": []})


def same_size(request):
    """For reading the ratio: the same shape with as many fixed strings as the real
    answer, i.e. what the payload alone costs (JSON encoding, a bigger response)."""
    from rest_framework.response import Response

    return Response({"timezone": "UTC", "slots": ["2026-12-01T09:00:00+05:30"] * int(request.GET["n"])})


def timed(client, url: str, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.content
    return samples


def measure(client, *urls: str) -> list[float]:
    samples: list[list[float]] = [[] for _ in urls]
    for _ in range(ROUNDS):  # interleaved: drift in machine load hits every side alike
        for url, into in zip(urls, samples):
            into += timed(client, url, PER_ROUND)
    return [statistics.median(times) for times in samples]


def main() -> None:
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext
    from django.urls import include, path
    from django.utils import timezone
    from rest_framework.decorators import (
        api_view,
        authentication_classes,
        permission_classes,
    )

    call_command("create_database")  # the bench database, on first use
    call_command("migrate", verbosity=0)
    profile, area = expert_seed()
    module = sys.modules[__name__]
    def public(view):
        return api_view(["GET"])(authentication_classes([])(permission_classes([])(view)))

    module.urlpatterns = [
        path("bench/bare", public(bare)),
        path("bench/same-size", public(same_size)),
        path("", include("procusmeet.urls")),
    ]

    start = timezone.now().date()
    slots_url = f"/api/v1/experts/{profile.pk}/slots?area={area.pk}&from={start}&to={start + timedelta(days=DAYS - 1)}&tz=Asia/Kolkata"
    client = Client()
    with override_settings(ROOT_URLCONF=__name__):
        count = len(client.get(slots_url).json()["slots"])
        same_size_url = f"/bench/same-size?n={count}"
        with override_settings(CACHES=CACHES["off"]), CaptureQueriesContext(connection) as queries:
            client.get(slots_url)
        print(f"slots endpoint, cache off: {len(queries)} database queries per request")
        for name, caches in CACHES.items():
            with override_settings(CACHES=caches):
                timed(client, slots_url, 20)  # warm connections, imports, the cache
                slots_ms, bare_ms, payload_ms = measure(client, slots_url, "/bench/bare", same_size_url)
            ratio = slots_ms / bare_ms
            verdict = "ok" if ratio < TARGET_RATIO else "OVER TARGET"
            print(
                f"slots endpoint, {DAYS} days of a busy expert ({count} slots), cache {name}: "
                f"median {slots_ms:.3f} ms vs bare JSON {bare_ms:.3f} ms: ratio {ratio:.2f} "
                f"(target < {TARGET_RATIO}: {verdict}); {count} fixed strings alone: {payload_ms / bare_ms:.2f}"
            )


if __name__ == "__main__":
    main()
