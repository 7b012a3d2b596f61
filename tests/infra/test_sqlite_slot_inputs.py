"""The embedded default (SQLite, `make run`) reads the slot engine's inputs with the same
hand-written query as PostgreSQL (``scheduling.slot_inputs``): SQLite hands dates and
times back as text, so the rows must come out typed exactly as the ORM readers give them."""

from tests.infra.project import SQLITE_EXPERT_PRELUDE, django_json, sqlite_env

SCRIPT = SQLITE_EXPERT_PRELUDE + """
import datetime as dt
from calendars.models import ExternalBusy, ExternalCalendar
from scheduling.bookings.services import booking_create
from scheduling.next_slots import busy_intervals_of_many
from scheduling.services import date_override_create, expert_today
from scheduling.slot_inputs import availability_of_many, slot_inputs_of

client = user_create(email="alice@example.com", full_name="Alice", role=Role.CLIENT)
today = expert_today(profile)
first, last = today, today + dt.timedelta(days=6)
date_override_create(expert=profile, date=today + dt.timedelta(days=3), kind="unavailable")
date_override_create(expert=profile, date=today + dt.timedelta(days=4), kind="available", start_minute=1200, end_minute=1320)
start = lagos_at(days=2, time="10:00")
booking_create(client=client, area=area, start=start)
work = ExternalCalendar.objects.create(user=expert, name="Work", url="https://calendar.example/bob.ics")
ExternalBusy.objects.create(calendar=work, user=expert, start=start + dt.timedelta(days=1), end=start + dt.timedelta(days=1, hours=2))
window = (start - dt.timedelta(days=2), start + dt.timedelta(days=4))

availability, busy = slot_inputs_of(expert=profile, first_date=first, last_date=last, busy_window=window)
expected = availability_of_many(experts=[profile], first_date=first, last_date=last)[profile.pk]
expected_busy = busy_intervals_of_many(experts=[profile], window=window)[profile.pk]
result = {
    "weekly": [sorted(map(repr, availability.weekly)), sorted(map(repr, expected.weekly))],
    "overrides": [sorted(map(repr, availability.overrides)), sorted(map(repr, expected.overrides))],
    "busy": [sorted(map(repr, busy)), sorted(map(repr, expected_busy))],
    "kinds": sorted(type(getattr(item, "start", None)).__name__ for item in busy),
    "override_dates": sorted(type(item.date).__name__ for item in availability.overrides),
}
"""


def test_the_hand_written_slot_query_reads_typed_rows_on_sqlite(tmp_path):
    answer = django_json(SCRIPT, sqlite_env(tmp_path))
    for name in ("weekly", "overrides", "busy"):
        read, expected = answer[name]
        assert read == expected, name
    assert len(answer["weekly"][0]) == 7 and len(answer["overrides"][0]) == 2 and len(answer["busy"][0]) == 2
    assert answer["kinds"] == ["datetime", "datetime"]
    assert answer["override_dates"] == ["date", "date"]
