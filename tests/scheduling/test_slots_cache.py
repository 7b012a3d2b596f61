"""Slot answers are cached, and every change of the expert's data shows at once."""

import datetime as dt

import pytest

from accounts.services import user_profile_update
from accounts.storefront.services_areas import area_update
from calendars import services as calendar_services
from calendars.models import ExternalCalendar
from scheduling.bookings.services import booking_create
from scheduling.bookings.transitions import booking_cancel
from tests.scheduling.conftest import UTC, every_day, set_week, set_zone

NOW = dt.datetime(2026, 10, 20, 0, 0, tzinfo=UTC)
DAY = {"from": "2026-10-21", "to": "2026-10-21", "tz": "Africa/Lagos"}


@pytest.fixture
def bob_in_lagos(bob_expert, bob_hour, frozen_now):
    frozen_now(NOW)
    profile = set_zone(bob_expert, "Africa/Lagos")
    set_week(profile, *every_day("09:00", "12:00"))
    return profile


@pytest.fixture
def ask(api, bob_in_lagos, bob_hour):
    url = f"/api/v1/experts/{bob_in_lagos.pk}/slots?area={bob_hour.pk}&" + "&".join(f"{k}={v}" for k, v in DAY.items())

    def get() -> list[str]:
        return api.get(url).json()["slots"]

    return get


def test_changing_the_weekly_hours_through_the_api_changes_the_next_answer(ask, api_as, bob_expert):
    assert ask()[0] == "2026-10-21T09:00:00+01:00"
    weekly = [{"weekday": day, "start": "14:00", "end": "16:00"} for day in range(7)]
    assert api_as(bob_expert).put("/api/v1/expert/availability", weekly, format="json").status_code == 200
    assert ask() == ["2026-10-21T14:00:00+01:00", "2026-10-21T14:15:00+01:00", "2026-10-21T14:30:00+01:00",
                     "2026-10-21T14:45:00+01:00", "2026-10-21T15:00:00+01:00"]


def test_a_day_off_through_the_api_empties_the_cached_day(ask, api_as, bob_expert):
    assert ask()
    api_as(bob_expert).post("/api/v1/expert/overrides", {"date": "2026-10-21", "kind": "unavailable"}, format="json")
    assert ask() == []


def test_deleting_the_day_off_brings_the_slots_back(ask, api_as, bob_expert):
    bob = api_as(bob_expert)
    created = bob.post("/api/v1/expert/overrides", {"date": "2026-10-21", "kind": "unavailable"}, format="json").json()
    assert ask() == []
    bob.delete(f"/api/v1/expert/overrides/{created['id']}")
    assert len(ask()) == 9


def test_changing_the_booking_rules_changes_the_next_answer(ask, bob_expert):
    assert len(ask()) == 9
    user_profile_update(user=bob_expert, changes={"buffer_after_minutes": 60})
    assert ask()[-1] == "2026-10-21T10:00:00+01:00"


def test_changing_the_area_duration_changes_the_next_answer(ask, bob_hour):
    assert len(ask()) == 9
    area_update(area=bob_hour, duration_minutes=120)
    assert len(ask()) == 5


def test_other_experts_changes_leave_the_cached_answer_alone(ask, bob_in_lagos, carol_expert, django_assert_num_queries):
    ask()
    set_week(carol_expert.expert_profile, *every_day("09:00", "10:00"))
    with django_assert_num_queries(0):
        assert len(ask()) == 9


def test_time_passing_never_serves_a_slot_inside_the_notice(ask, frozen_now):
    # 08:15 Lagos: with 2 h notice 10:15 is still bookable, and the answer is cached ...
    frozen_now(dt.datetime(2026, 10, 21, 7, 15, 0, tzinfo=UTC))
    assert ask()[0] == "2026-10-21T10:15:00+01:00"
    # ... half a minute later the cached answer no longer offers it
    frozen_now(dt.datetime(2026, 10, 21, 7, 15, 30, tzinfo=UTC))
    assert ask()[0] == "2026-10-21T10:30:00+01:00"


LAGOS = dt.timezone(dt.timedelta(hours=1))
NINE_TO_ELEVEN = [f"2026-10-21T{hour:02d}:{minute:02d}:00+01:00" for hour in (9, 10) for minute in (0, 15, 30, 45)]
ALL_DAY = [*NINE_TO_ELEVEN, "2026-10-21T11:00:00+01:00"]


def test_a_booking_closes_its_slots_in_the_cached_answer_and_its_cancellation_reopens_them(ask, alice_client, bob_hour):
    assert ask() == ALL_DAY
    booking = booking_create(client=alice_client, area=bob_hour, start=dt.datetime(2026, 10, 21, 10, tzinfo=LAGOS))
    assert ask() == ["2026-10-21T09:00:00+01:00", "2026-10-21T11:00:00+01:00"]
    booking_cancel(booking=booking, actor=alice_client)
    assert ask() == ALL_DAY


def test_an_external_calendars_busy_time_shows_in_the_cached_answer(ask, bob_expert, monkeypatch):
    """The worker's refresh stores new busy spans: the next answer leaves them out, and
    removing the calendar gives the time back."""
    assert ask() == ALL_DAY
    busy = (dt.datetime(2026, 10, 21, 9, 30, tzinfo=LAGOS), dt.datetime(2026, 10, 21, 10, 30, tzinfo=LAGOS))
    monkeypatch.setattr(calendar_services, "feed_busy_spans", lambda *args, **kwargs: [busy])
    work = ExternalCalendar.objects.create(user=bob_expert, name="Work", url="https://calendar.example/bob.ics")
    calendar_services.external_calendar_refresh(calendar_id=work.pk)
    assert ask() == ["2026-10-21T10:30:00+01:00", "2026-10-21T10:45:00+01:00", "2026-10-21T11:00:00+01:00"]
    calendar_services.external_calendar_remove(user=bob_expert, calendar_id=work.pk)
    assert ask() == ALL_DAY


def test_an_available_override_adds_to_the_cached_answer(ask, api_as, bob_expert):
    assert ask() == ALL_DAY
    extra = {"date": "2026-10-21", "kind": "available", "start": "13:00", "end": "14:00"}
    assert api_as(bob_expert).post("/api/v1/expert/overrides", extra, format="json").status_code == 201
    assert ask() == [*ALL_DAY, "2026-10-21T13:00:00+01:00"]


def test_another_zone_for_the_expert_moves_the_cached_hours(ask, bob_expert):
    assert ask() == ALL_DAY
    set_zone(bob_expert, "Europe/Berlin")  # 09:00–12:00 in Berlin (CEST) is 08:00–11:00 in Lagos
    hours = [f"2026-10-21T{hour:02d}:{minute:02d}:00+01:00" for hour in (8, 9) for minute in (0, 15, 30, 45)]
    assert ask() == [*hours, "2026-10-21T10:00:00+01:00"]
