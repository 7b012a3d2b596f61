"""The availability editor page: week grid, overrides and rules through HTMX posts,
the same posts without JavaScript, the live preview and who may use it."""

import datetime as dt

import pytest
from django.test import Client

from scheduling.models import DateOverride, WeeklyRange
from tests.scheduling.conftest import UTC, set_week, set_zone

NOW = dt.datetime(2026, 10, 20, 6, 0, tzinfo=UTC)  # Tuesday 07:00 in Lagos
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def bob_web(bob_expert, frozen_now):
    frozen_now(NOW)
    set_zone(bob_expert, "Africa/Lagos")
    client = Client()
    client.force_login(bob_expert)
    return client


def test_an_expert_without_hours_sees_the_empty_state(bob_web):
    page = bob_web.get("/availability/")
    assert page.status_code == 200
    assert "No availability yet — add your weekly hours" in page.content.decode()


def test_adding_hours_with_htmx_answers_the_row_and_tells_the_preview(bob_web, bob_profile):
    answer = bob_web.post("/availability/weekly/2/add", {"start": "09:00", "end": "12:30"}, **HTMX)
    assert answer.status_code == 200
    assert answer["HX-Trigger"] == "availability-changed"
    html = answer.content.decode()
    assert 'id="weekday-2"' in html and 'value="12:30"' in html
    assert "No availability yet" not in html  # the empty state is swapped away out of band
    assert list(WeeklyRange.objects.filter(expert=bob_profile).values_list("weekday", "start_minute", "end_minute")) == [
        (2, 540, 750)
    ]


def test_adding_hours_without_javascript_redirects_back(bob_web, bob_profile):
    answer = bob_web.post("/availability/weekly/0/add", {"start": "09:00", "end": "00:00"})
    assert answer.status_code == 302 and answer["Location"] == "/availability/"
    # a picker's 00:00 as an end is midnight, the end of the day
    assert WeeklyRange.objects.get(expert=bob_profile).end_minute == 1440
    assert "Monday" in bob_web.get("/availability/").content.decode()


def test_an_overlapping_range_is_refused_inline(bob_web, bob_profile):
    set_week(bob_profile, (1, "09:00", "12:00"))
    answer = bob_web.post("/availability/weekly/1/add", {"start": "11:00", "end": "13:00"}, **HTMX)
    html = answer.content.decode()
    assert "HX-Trigger" not in answer
    assert 'role="alert"' in html and "overlaps" in html
    assert WeeklyRange.objects.filter(expert=bob_profile).count() == 1


def test_moving_a_range_changes_its_times(bob_web, bob_profile):
    (weekly_range,) = set_week(bob_profile, (3, "09:00", "12:00"))
    answer = bob_web.post(f"/availability/weekly/{weekly_range.pk}/update", {"start": "10:00", "end": "14:00"}, **HTMX)
    assert answer["HX-Trigger"] == "availability-changed"
    weekly_range.refresh_from_db()
    assert (weekly_range.start_minute, weekly_range.end_minute) == (600, 840)


def test_an_end_before_the_start_is_refused(bob_web, bob_profile):
    (weekly_range,) = set_week(bob_profile, (3, "09:00", "12:00"))
    answer = bob_web.post(f"/availability/weekly/{weekly_range.pk}/update", {"start": "14:00", "end": "10:00"}, **HTMX)
    assert "Must be after the start." in answer.content.decode()
    weekly_range.refresh_from_db()
    assert weekly_range.start_minute == 540


def test_removing_a_range(bob_web, bob_profile):
    (weekly_range,) = set_week(bob_profile, (3, "09:00", "12:00"))
    answer = bob_web.post(f"/availability/weekly/{weekly_range.pk}/delete", **HTMX)
    assert answer["HX-Trigger"] == "availability-changed"
    assert not WeeklyRange.objects.filter(expert=bob_profile).exists()
    assert "No availability yet" in answer.content.decode()


def test_another_experts_range_cannot_be_touched(bob_web, carol_expert):
    (carols,) = set_week(carol_expert.expert_profile, (3, "09:00", "12:00"))
    assert bob_web.post(f"/availability/weekly/{carols.pk}/delete", **HTMX).status_code == 404
    assert bob_web.post(f"/availability/weekly/{carols.pk}/update", {"start": "01:00", "end": "02:00"}).status_code == 404
    assert WeeklyRange.objects.filter(pk=carols.pk, start_minute=540).exists()


def test_adding_and_removing_a_day_off(bob_web, bob_profile):
    answer = bob_web.post("/availability/overrides/add", {"date": "2026-10-23", "kind": "unavailable"}, **HTMX)
    assert answer["HX-Trigger"] == "availability-changed"
    assert "whole day" in answer.content.decode()
    override = DateOverride.objects.get(expert=bob_profile)
    assert (override.date, override.start_minute) == (dt.date(2026, 10, 23), None)
    bob_web.post(f"/availability/overrides/{override.pk}/delete", **HTMX)
    assert not DateOverride.objects.exists()


def test_extra_hours_need_times(bob_web):
    answer = bob_web.post("/availability/overrides/add", {"date": "2026-10-23", "kind": "available"}, **HTMX)
    assert "Extra hours need a start and an end." in answer.content.decode()
    assert not DateOverride.objects.exists()


def test_the_rules_form_saves_through_the_account_service(bob_web, bob_profile):
    rules = {"min_notice_minutes": 240, "horizon_days": 30, "buffer_before_minutes": 15, "buffer_after_minutes": 10, "daily_limit": 3}
    answer = bob_web.post("/availability/rules", rules, **HTMX)
    assert answer["HX-Trigger"] == "availability-changed"
    bob_profile.refresh_from_db()
    assert (bob_profile.min_notice_minutes, bob_profile.horizon_days, bob_profile.daily_limit) == (240, 30, 3)


def test_bad_rules_are_shown_on_the_form(bob_web, bob_profile):
    rules = {"min_notice_minutes": 60, "horizon_days": 400, "buffer_before_minutes": 0, "buffer_after_minutes": 0}
    answer = bob_web.post("/availability/rules", rules, **HTMX)
    assert "HX-Trigger" not in answer
    assert 'aria-invalid="true"' in answer.content.decode()
    bob_profile.refresh_from_db()
    assert bob_profile.horizon_days == 60


def test_the_preview_shows_the_next_week_as_clients_see_it(bob_web, bob_profile, bob_hour):
    set_week(bob_profile, (1, "09:00", "11:00"), (2, "09:00", "10:00"))
    html = bob_web.get(f"/availability/preview?area={bob_hour.pk}").content.decode()
    assert "Times shown in Africa/Lagos" in html
    # Tuesday (today, 07:00 now, 2 h notice): 09:00 to 10:00; Wednesday: 09:00 only
    assert html.count('datetime="2026-10-20T') == 5 and html.count('datetime="2026-10-21T') == 1
    assert 'datetime="2026-10-20T09:00:00+01:00"' in html


def test_the_preview_asks_for_a_service_first(bob_web, bob_profile):
    set_week(bob_profile, (1, "09:00", "11:00"))
    assert "Add a service first" in bob_web.get("/availability/preview").content.decode()


def test_clients_cannot_open_the_editor(alice_client):
    client = Client()
    client.force_login(alice_client)
    assert client.get("/availability/").status_code == 403
    assert client.post("/availability/weekly/0/add", {"start": "09:00", "end": "10:00"}).status_code == 403
    assert not WeeklyRange.objects.exists()


def test_visitors_are_sent_to_sign_in(db):
    answer = Client().get("/availability/")
    assert answer.status_code == 302 and "/accounts/login/" in answer["Location"]
