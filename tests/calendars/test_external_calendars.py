"""External calendars: fetched from a local HTTP server, their busy times block slots."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from accounts.services import user_profile_update
from calendars.errors import CalendarInvalid
from calendars.models import ExternalBusy, ExternalCalendar
from calendars.services import (
    external_calendar_add,
    external_calendar_refresh,
    external_calendars_due,
)
from scheduling import selectors
from tests.calendars.ics_samples import calendar, event, weekly_standup

UTC = dt.UTC
pytestmark = pytest.mark.django_db


def next_monday(weeks_ahead: int = 1) -> dt.date:
    today = dt.date.today()
    return today + dt.timedelta(days=7 * weeks_ahead - today.weekday())


def berlin(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=ZoneInfo("Europe/Berlin")).astimezone(UTC)


def busy_of(expert) -> list[tuple[dt.datetime, dt.datetime]]:
    return list(ExternalBusy.objects.filter(user=expert).order_by("start").values_list("start", "end"))


def connect(expert, url: str, captured) -> ExternalCalendar:
    """Add through the service; its first fetch runs after commit (the worker's job)."""
    with captured(execute=True):
        created = external_calendar_add(user=expert, name="Work", url=url)
    return ExternalCalendar.objects.get(pk=created.pk)


def test_a_weekly_series_with_exceptions_blocks_exactly_its_occurrences(
    feeds, bob_expert, bob_hour, django_capture_on_commit_callbacks
):
    monday = next_monday()
    url = feeds.publish("/work.ics", calendar(weekly_standup(f"{monday:%Y%m%d}")))

    work = connect(bob_expert, url, django_capture_on_commit_callbacks)

    weeks = [monday + dt.timedelta(weeks=n) for n in range(4)]
    assert busy_of(bob_expert) == [
        (berlin(weeks[0], 9), berlin(weeks[0], 10)),
        (berlin(weeks[2], 15), berlin(weeks[2], 16)),  # moved; week 1 was deleted
        (berlin(weeks[3], 9), berlin(weeks[3], 10)),
    ]
    assert work.healthy and work.busy_count == 3 and work.last_error == ""

    slots = selectors.slots_available(
        expert=bob_hour.expert, area=bob_hour, start_date=weeks[0], end_date=weeks[0], tz=ZoneInfo("UTC")
    )
    blocked = berlin(weeks[0], 9)
    assert blocked not in slots and blocked - dt.timedelta(minutes=45) not in slots  # a 60-minute call would overlap
    assert blocked - dt.timedelta(hours=1) in slots and berlin(weeks[0], 10) in slots


def test_all_day_events_and_floating_times_are_read_in_the_experts_zone(
    feeds, bob_expert, bob_hour, django_capture_on_commit_callbacks
):
    user_profile_update(user=bob_expert, changes={"timezone": "Africa/Lagos"})
    day = next_monday() + dt.timedelta(days=2)
    lagos = ZoneInfo("Africa/Lagos")
    url = feeds.publish(
        "/home.ics",
        calendar(
            event("holiday", f"DTSTART;VALUE=DATE:{day:%Y%m%d}", f"DTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}"),
            event("gym", f"DTSTART:{day + dt.timedelta(days=1):%Y%m%d}T070000", f"DTEND:{day + dt.timedelta(days=1):%Y%m%d}T080000"),
            event("free", f"DTSTART:{day:%Y%m%d}T200000Z", "DURATION:PT1H", "TRANSP:TRANSPARENT"),
            event("off", f"DTSTART:{day:%Y%m%d}T220000Z", "DURATION:PT1H", "STATUS:CANCELLED"),
        ),
    )

    connect(bob_expert, url, django_capture_on_commit_callbacks)

    midnight = dt.datetime.combine(day, dt.time(), tzinfo=lagos)
    assert busy_of(bob_expert) == [
        (midnight.astimezone(UTC), (midnight + dt.timedelta(days=1)).astimezone(UTC)),
        ((midnight + dt.timedelta(days=1, hours=7)).astimezone(UTC), (midnight + dt.timedelta(days=1, hours=8)).astimezone(UTC)),
    ]


def test_a_feed_that_hangs_times_out_and_keeps_the_last_busy_times(feeds, bob_expert, django_capture_on_commit_callbacks):
    url = feeds.publish("/work.ics", calendar(weekly_standup(f"{next_monday():%Y%m%d}")))
    work = connect(bob_expert, url, django_capture_on_commit_callbacks)
    before = busy_of(bob_expert)
    feeds.publish("/work.ics", b"", hang=True)

    work = external_calendar_refresh(calendar_id=work.pk)

    assert work.last_error == "The calendar server did not answer in time."
    assert not work.healthy and work.last_success_at < work.last_fetched_at
    assert busy_of(bob_expert) == before and len(before) == 3


@pytest.mark.parametrize(
    ("route", "error"),
    [
        ({"body": "this is not a calendar"}, "Not an iCalendar document"),
        ({"body": "", "status": 500}, "The calendar server answered HTTP 500."),
        ({"body": "x" * 5000}, "The calendar is larger than"),
    ],
)
def test_a_broken_feed_is_reported_not_fatal(feeds, settings, bob_expert, route, error, django_capture_on_commit_callbacks):
    settings.CALENDAR_FETCH_MAX_BYTES = 4096
    url = feeds.publish("/work.ics", calendar(weekly_standup(f"{next_monday():%Y%m%d}")))
    work = connect(bob_expert, url, django_capture_on_commit_callbacks)
    feeds.publish("/work.ics", **route)

    work = external_calendar_refresh(calendar_id=work.pk)

    assert work.last_error.startswith(error)
    assert len(busy_of(bob_expert)) == 3


def test_private_network_addresses_are_refused(feeds, settings, bob_expert):
    settings.CALENDAR_FETCH_ALLOW_PRIVATE = False
    url = feeds.publish("/work.ics", calendar(weekly_standup(f"{next_monday():%Y%m%d}")))
    with pytest.raises(CalendarInvalid):  # an address naming a private host is refused at once
        external_calendar_add(user=bob_expert, name="Work", url=url)
    # One stored before that check (or a name resolving privately) is refused by the fetch.
    stored = ExternalCalendar.objects.create(user=bob_expert, name="Work", url=url)

    work = external_calendar_refresh(calendar_id=stored.pk)

    assert work.last_error == "The address points into a private network."
    assert feeds.requests == [] and busy_of(bob_expert) == []


def test_a_redirect_is_followed_and_webcal_addresses_work(feeds, bob_expert, django_capture_on_commit_callbacks):
    target = feeds.publish("/real.ics", calendar(weekly_standup(f"{next_monday():%Y%m%d}")))
    feeds.publish("/old.ics", b"", status=301, location=target)

    work = connect(bob_expert, feeds.url("/old.ics"), django_capture_on_commit_callbacks)

    assert work.healthy and feeds.requests == ["/old.ics", "/real.ics"]
    assert external_calendar_add(user=bob_expert, name="x", url="webcal://example.com/a.ics").url == "https://example.com/a.ics"


def test_the_periodic_job_picks_calendars_not_fetched_for_fifteen_minutes(feeds, bob_expert, django_capture_on_commit_callbacks):
    url = feeds.publish("/work.ics", calendar(weekly_standup(f"{next_monday():%Y%m%d}")))
    work = connect(bob_expert, url, django_capture_on_commit_callbacks)

    assert external_calendars_due() == []
    assert external_calendars_due(now=work.last_fetched_at + dt.timedelta(minutes=16)) == [work.pk]


def test_removing_a_calendar_frees_its_times(feeds, api_as, bob_expert, django_capture_on_commit_callbacks):
    url = feeds.publish("/work.ics", calendar(weekly_standup(f"{next_monday():%Y%m%d}")))
    work = connect(bob_expert, url, django_capture_on_commit_callbacks)

    assert api_as(bob_expert).delete(f"/api/v1/expert/calendars/{work.pk}").status_code == 204
    assert busy_of(bob_expert) == []
