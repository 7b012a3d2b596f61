"""The embedded default (SQLite, `make run`) is race-free too: it has no row locks and no
exclusion constraint, so the settings make every transaction take the write lock when it
begins. Real threads race for one slot in a fresh process on a fresh SQLite file."""

from tests.infra.project import SQLITE_EXPERT_PRELUDE, django_json, sqlite_env

RACE_SCRIPT = SQLITE_EXPERT_PRELUDE + """
import threading
from django.db import connections
from calls.models import Call
from procusmeet.api.errors import ApplicationError
from scheduling.bookings.services import booking_create

clients = [user_create(email=f"racer{n}@example.com", full_name=f"Racer {n}", role=Role.CLIENT) for n in range(8)]
slot = lagos_at(days=2, time="09:00")
barrier = threading.Barrier(len(clients))
outcomes = []

def attempt(client):
    try:
        barrier.wait(timeout=60)
        booking_create(client=client, area=area, start=slot)
        outcomes.append("won")
    except ApplicationError as error:
        outcomes.append(f"{error.status_code} {error.code}")
    except Exception as error:  # what the race must never produce (e.g. "database is locked")
        outcomes.append(f"{type(error).__name__}: {error}")
    finally:
        connections.close_all()

threads = [threading.Thread(target=attempt, args=(client,)) for client in clients]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join(timeout=120)
result = {"outcomes": sorted(outcomes), "calls": Call.objects.count()}
"""


def test_racing_clients_on_sqlite_leave_exactly_one_booking_and_clear_409s(tmp_path):
    answer = django_json(RACE_SCRIPT, sqlite_env(tmp_path))
    assert answer["outcomes"] == ["409 slot_taken"] * 7 + ["won"]
    assert answer["calls"] == 1
