"""External calendars that are malformed, enormous, slow or hostile: each is reported on
the calendar (the last good busy times stay) and none holds a worker or a request."""

import datetime as dt
import gzip

import pytest

from calendars import feed_reader
from calendars.models import ExternalBusy
from calendars.services import external_calendar_refresh
from tests.calendars.ics_samples import calendar, event, weekly_standup
from tests.calendars.test_external_calendars import busy_of, connect, next_monday

UTC = dt.UTC
pytestmark = pytest.mark.django_db


def _standup_then(feeds, bob_expert, captured, **route):
    """A healthy calendar (three busy times), then its feed turns into ``route``."""
    url = feeds.publish("/work.ics", calendar(weekly_standup(f"{next_monday():%Y%m%d}")))
    work = connect(bob_expert, url, captured)
    assert len(busy_of(bob_expert)) == 3
    feeds.publish("/work.ics", **route)
    return work


def _lunch(day: dt.date) -> str:
    return event("lunch", f"DTSTART:{day:%Y%m%d}T120000Z", f"DTEND:{day:%Y%m%d}T130000Z")


def test_an_event_without_a_start_is_skipped_and_the_rest_kept(feeds, bob_expert, django_capture_on_commit_callbacks):
    day = next_monday()
    url = feeds.publish("/work.ics", calendar(event("no-start", f"DTEND:{day:%Y%m%d}T100000Z"), _lunch(day)))

    work = connect(bob_expert, url, django_capture_on_commit_callbacks)

    noon = dt.datetime.combine(day, dt.time(12), tzinfo=UTC)
    assert work.healthy and busy_of(bob_expert) == [(noon, noon + dt.timedelta(hours=1))]


def test_dates_at_the_ends_of_the_calendar_do_not_break_the_feed(feeds, bob_expert, django_capture_on_commit_callbacks):
    day = next_monday()
    forever = event("forever", "DTSTART:00010101T000000Z", "DTEND:99991231T000000Z")
    url = feeds.publish("/work.ics", calendar(forever, _lunch(day)))

    work = connect(bob_expert, url, django_capture_on_commit_callbacks)

    noon = dt.datetime.combine(day, dt.time(12), tzinfo=UTC)
    assert work.healthy and any(s <= noon and noon + dt.timedelta(hours=1) <= e for s, e in busy_of(bob_expert))


def test_refreshing_a_malformed_calendar_in_the_api_is_not_a_server_error(
    feeds, api_as, bob_expert, django_capture_on_commit_callbacks
):
    work = _standup_then(
        feeds, bob_expert, django_capture_on_commit_callbacks, body=calendar(event("no-start", "SUMMARY:Broken"))
    )

    response = api_as(bob_expert).post(f"/api/v1/expert/calendars/{work.pk}/refresh")

    assert response.status_code == 200 and response.json()["healthy"] is True
    assert busy_of(bob_expert) == []  # the feed really is empty now


def test_a_rule_too_costly_to_expand_is_stopped_and_reported(
    feeds, bob_expert, monkeypatch, django_capture_on_commit_callbacks
):
    """Every second since 2020: hundreds of millions of occurrences to walk through."""
    monkeypatch.setattr(feed_reader, "PARSE_SECONDS", 0)
    monkeypatch.setattr(feed_reader, "STARTUP_SECONDS", 3)
    flood = event("flood", "DTSTART:20200101T000000Z", "DURATION:PT1S", "RRULE:FREQ=SECONDLY")
    work = _standup_then(feeds, bob_expert, django_capture_on_commit_callbacks, body=calendar(flood))
    before = busy_of(bob_expert)

    work = external_calendar_refresh(calendar_id=work.pk)

    assert work.last_error == "The calendar took too long to download and read."
    assert not work.healthy and busy_of(bob_expert) == before


def test_a_server_trickling_its_feed_is_cut_off_at_the_timeout(feeds, bob_expert, django_capture_on_commit_callbacks):
    """Every byte comes within the read timeout; the whole would take a minute."""
    body = b"BEGIN:VCALENDAR\r\n" * 20
    work = _standup_then(feeds, bob_expert, django_capture_on_commit_callbacks, body=body, trickle=True)

    work = external_calendar_refresh(calendar_id=work.pk)

    assert work.last_error == "The calendar took too long to download."
    assert len(busy_of(bob_expert)) == 3


def test_a_gzipped_feed_is_read_and_a_gzip_bomb_is_refused(
    feeds, settings, bob_expert, django_capture_on_commit_callbacks
):
    settings.CALENDAR_FETCH_MAX_BYTES = 64 * 1024
    url = feeds.publish("/work.ics", calendar(weekly_standup(f"{next_monday():%Y%m%d}")), gzip=True)
    work = connect(bob_expert, url, django_capture_on_commit_callbacks)
    assert work.healthy and len(busy_of(bob_expert)) == 3

    bomb = b"BEGIN:VCALENDAR\r\n" + b"X-PAD:" + b"0" * (10 * 1024 * 1024)
    assert len(gzip.compress(bomb)) < settings.CALENDAR_FETCH_MAX_BYTES
    feeds.publish("/work.ics", bomb, gzip=True)
    work = external_calendar_refresh(calendar_id=work.pk)

    assert work.last_error == "The calendar is larger than 64 KB."
    assert len(busy_of(bob_expert)) == 3


def test_an_address_longer_than_the_column_is_a_field_error_on_the_page(client, bob_expert):
    client.force_login(bob_expert)

    response = client.post("/calendars/external/add/", {"name": "Work", "url": "https://example.com/" + "a" * 1500})

    assert response.status_code == 400
    assert "The address is too long" in response.content.decode()
    assert not ExternalBusy.objects.exists() and not bob_expert.external_calendars.exists()
