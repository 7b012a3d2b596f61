"""Booking benchmark on PostgreSQL: bookings per second for distinct slots (one thread,
then several), and the race for one slot, whose winners must be exactly one.

Run from the repository root: ``python bench/bench_bookings.py``. It uses its own
database (``BENCH_DATABASE_URL``, default ``procusmeet_bench`` on the local server),
created and migrated when missing, and the ``test`` payment provider (no network). Each
booking goes through ``booking_create``: the expert's row lock, the slot engine, the
Call/Booking/Payment rows and the charge. The bare line is the same transaction shape
with nothing in it (lock one row, insert one row), so the ratio reads as "how many
bare writes one booking costs". Exits non-zero if the race does not have one winner.
"""

import os
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/procusmeet_bench")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "procusmeet.settings")
os.environ["PAYMENT_PROVIDER"] = "test"
os.environ["DJANGO_DEBUG"] = "false"

import django

SEQUENTIAL = 200
THREADS, PER_THREAD = 8, 25
RACERS = 24
EXPERT_EMAIL = "booking-bench-expert@bench.procusmeet.local"


def setup():
    """An expert free around the clock (no notice, no buffers), a 30-minute service, and
    enough clients; earlier runs' bookings are removed so every run starts empty."""
    from accounts.models import User
    from accounts.services import user_create, user_profile_update
    from accounts.storefront.services_areas import area_create
    from scheduling.services import RangeSpec, weekly_ranges_replace

    expert = User.objects.filter(email=EXPERT_EMAIL).first()
    if expert is None:
        expert = user_create(email=EXPERT_EMAIL, full_name="Bench Expert", role="expert", password=None)
        user_profile_update(user=expert, changes={"timezone": "UTC", "min_notice_minutes": 0, "horizon_days": 365})
        area_create(expert=expert.expert_profile, title="Quick call", duration_minutes=30, price=500_000)
        weekly_ranges_replace(expert=expert.expert_profile, ranges=[RangeSpec(day, 0, 1440) for day in range(7)])
    clients = []
    for n in range(max(RACERS, THREADS)):
        email = f"booking-bench-client{n}@bench.procusmeet.local"
        client = User.objects.filter(email=email).first()
        clients.append(client or user_create(email=email, full_name=f"Client {n}", role="client", password=None))
    _bookings_clear(expert)
    return expert.expert_profile.areas.get(), clients


def _bookings_clear(expert) -> None:
    from calls.models import Call
    from payments.models import Payment, TestTransaction
    from scheduling.models_booking import Booking

    references = Payment.objects.filter(call__expert=expert).values_list("reference", flat=True)
    TestTransaction.objects.filter(reference__in=list(references)).delete()
    Payment.objects.filter(call__expert=expert).delete()
    Booking.objects.filter(call__expert=expert).delete()
    Call.objects.filter(expert=expert).delete()


def starts(count: int, *, offset: int):
    """Distinct half-hour starts from tomorrow 00:00 UTC on."""
    from datetime import UTC, datetime, timedelta

    base = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
    return [base + timedelta(minutes=30 * (offset + n)) for n in range(count)]


def per_second(count: int, seconds: float) -> float:
    return count / seconds if seconds else float("inf")


def bare_writes(count: int, lock_pk: int) -> float:
    """The floor: one transaction that locks a row and inserts one, ``count`` times."""
    from django.db import transaction

    from accounts.models import ExpertProfile
    from scheduling.models import DateOverride

    started = time.perf_counter()
    for _ in range(count):
        with transaction.atomic():
            profile = ExpertProfile.objects.select_for_update().get(pk=lock_pk)
            DateOverride.objects.create(expert=profile, date="2099-01-01", kind="unavailable")
    elapsed = time.perf_counter() - started
    DateOverride.objects.filter(expert_id=lock_pk, date="2099-01-01").delete()
    return per_second(count, elapsed)


def threaded(work) -> tuple[list, float]:
    """Run each callable in its own thread (own connection), released together."""
    from django.db import connections

    barrier = threading.Barrier(len(work))
    results = [None] * len(work)

    def run(index, job):
        try:
            barrier.wait()
            results[index] = job()
        except Exception as error:  # a lost race is an answer here, not a crash
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(work)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - started


def main() -> int:
    django.setup()
    from django.core.management import call_command

    from scheduling.bookings.services import booking_create
    from scheduling.models_booking import Booking

    call_command("create_database")  # the bench database, on first use
    call_command("migrate", verbosity=0)
    area, clients = setup()

    bare = statistics.median(bare_writes(SEQUENTIAL // 4, area.expert_id) for _ in range(3))
    started = time.perf_counter()
    for start in starts(SEQUENTIAL, offset=0):
        booking_create(client=clients[0], area=area, start=start)
    sequential = per_second(SEQUENTIAL, time.perf_counter() - started)
    print(
        f"bookings, one thread, distinct slots: {sequential:7.1f}/s "
        f"(bare lock+insert {bare:7.1f}/s, ratio {bare / sequential:4.1f}x)"
    )

    def booker(client, chunk):
        return lambda: [booking_create(client=client, area=area, start=start) for start in chunk]

    chunks = [starts(PER_THREAD, offset=SEQUENTIAL + n * PER_THREAD) for n in range(THREADS)]
    results, elapsed = threaded([booker(clients[n], chunks[n]) for n in range(THREADS)])
    failures = [result for result in results if isinstance(result, Exception)]
    rate = per_second(THREADS * PER_THREAD, elapsed)
    print(f"bookings, {THREADS} threads, distinct slots: {rate:7.1f}/s (failed threads: {len(failures)})")
    for failure in failures:
        print(f"  failed: {type(failure).__name__}: {failure}")

    contested = starts(1, offset=SEQUENTIAL + THREADS * PER_THREAD + 10)[0]
    racers = [lambda c=c: booking_create(client=c, area=area, start=contested) for c in clients[:RACERS]]
    results, _elapsed = threaded(racers)
    winners = sum(isinstance(result, Booking) for result in results)
    rows = Booking.objects.filter(call__scheduled_start=contested, call__expert=area.expert.user).count()
    print(f"race: {RACERS} clients for one slot -> winners {winners}, bookings stored {rows} (must be 1 and 1)")
    _bookings_clear(area.expert.user)
    return 0 if winners == rows == 1 and not failures else 1


if __name__ == "__main__":
    sys.exit(main())
