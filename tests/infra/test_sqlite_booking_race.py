"""The embedded default (SQLite, `make run`) is race-free too: it has no row locks and no
exclusion constraint, so the settings make every transaction take the write lock when it
begins. Real threads race for one slot in a fresh process on a fresh SQLite file."""

from tests.infra.project import clean_env, django_json

RACE_SCRIPT = """
import threading
from django.core.management import call_command
from django.db import connections
from accounts.models import Role
from accounts.services import user_create
from accounts.storefront.services_areas import area_create
from calls.models import Call
from procusmeet.api.errors import ApplicationError
from scheduling.bookings.services import booking_create
from tests.bookings.helpers import lagos_at
from tests.scheduling.conftest import every_day, set_week, set_zone

call_command("migrate", verbosity=0)
expert = user_create(email="bob@example.com", full_name="Bob", role=Role.EXPERT)
profile = set_zone(expert, "Africa/Lagos")
set_week(profile, *every_day("09:00", "17:00"))
area = area_create(expert=profile, title="Career advice", duration_minutes=60, price=1_500_000)
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
    env = clean_env(
        DJANGO_SETTINGS_MODULE="procusmeet.settings",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        PROCUSMEET_VAR_DIR=str(tmp_path / "var"),
    )
    answer = django_json(RACE_SCRIPT, env)
    assert answer["outcomes"] == ["409 slot_taken"] * 7 + ["won"]
    assert answer["calls"] == 1
