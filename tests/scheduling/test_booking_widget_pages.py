"""The booking widget's calendar and summary: times in the visitor's zone, with HTMX
and as plain pages."""

import datetime as dt

import pytest
from django.test import Client

from accounts.storefront.services import expert_hide
from tests.scheduling.conftest import UTC, set_week, set_zone

NOW = dt.datetime(2026, 10, 20, 0, 0, tzinfo=UTC)
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def bob_in_lagos(bob_expert, bob_hour, frozen_now):
    """Free on Wednesdays 09:00–10:30 Lagos time (08:00–09:30 UTC)."""
    frozen_now(NOW)
    profile = set_zone(bob_expert, "Africa/Lagos")
    set_week(profile, (2, "09:00", "10:30"))
    return profile


def calendar(profile, area, **params):
    query = "&".join(f"{key}={value}" for key, value in {"area": area.pk, **params}.items())
    return Client().get(f"/experts/{profile.slug}/calendar/?{query}", **HTMX)


def test_the_month_marks_the_days_with_free_times(bob_in_lagos, bob_hour):
    html = calendar(bob_in_lagos, bob_hour, tz="Africa/Lagos").content.decode()
    assert "October 2026" in html
    wednesdays = ["21", "28"]
    for day in wednesdays:
        assert f"day=2026-10-{day}" in html
    assert "day=2026-10-22" not in html


def test_the_first_free_day_is_chosen_and_its_times_are_in_the_visitors_zone(bob_in_lagos, bob_hour):
    html = calendar(bob_in_lagos, bob_hour, tz="Asia/Tokyo").content.decode()
    assert "Times shown in Asia/Tokyo" in html
    # 09:00 Lagos is 17:00 Tokyo
    assert '<time datetime="2026-10-21T17:00:00+09:00">17:00</time>' in html
    assert '<time datetime="2026-10-21T17:30:00+09:00">17:30</time>' in html
    assert "17:45" not in html


def test_a_chosen_day_shows_its_times(bob_in_lagos, bob_hour):
    html = calendar(bob_in_lagos, bob_hour, tz="UTC", day="2026-10-28").content.decode()
    assert 'datetime="2026-10-28T08:00:00+00:00"' in html
    assert 'datetime="2026-10-21T08:00:00+00:00"' not in html


def test_an_unknown_zone_falls_back_to_utc(bob_in_lagos, bob_hour):
    assert "Times shown in UTC" in calendar(bob_in_lagos, bob_hour, tz="Nowhere/Land").content.decode()


def test_the_next_month_is_reachable_and_the_past_is_not(bob_in_lagos, bob_hour):
    html = calendar(bob_in_lagos, bob_hour, tz="UTC").content.decode()
    assert "month=2026-11" in html and "month=2026-09" not in html
    earlier = calendar(bob_in_lagos, bob_hour, tz="UTC", month="2026-01").content.decode()
    assert "October 2026" in earlier


def test_a_month_without_free_times_says_so(bob_in_lagos, bob_hour):
    set_week(bob_in_lagos)
    html = calendar(bob_in_lagos, bob_hour, tz="UTC").content.decode()
    assert "No free times in October." in html


def test_the_summary_shows_service_expert_time_and_price(bob_in_lagos, bob_hour):
    start = "2026-10-21T17:15:00%2B09:00"
    answer = Client().get(f"/experts/{bob_in_lagos.slug}/book/?area={bob_hour.pk}&tz=Asia/Tokyo&start={start}", **HTMX)
    html = answer.content.decode()
    assert "Career advice" in html and bob_in_lagos.display_name in html
    assert "Wednesday 21 October 2026, 17:15–18:15" in html and "Asia/Tokyo" in html
    assert "₦15,000" in html
    assert "no longer free" not in html


def test_the_summary_of_a_taken_or_made_up_time_says_it_is_not_free(bob_in_lagos, bob_hour):
    start = "2026-10-21T17:10:00%2B09:00"
    html = Client().get(f"/experts/{bob_in_lagos.slug}/book/?area={bob_hour.pk}&tz=Asia/Tokyo&start={start}").content.decode()
    assert "no longer free" in html


def test_without_javascript_the_calendar_is_a_whole_page(bob_in_lagos, bob_hour):
    answer = Client().get(f"/experts/{bob_in_lagos.slug}/calendar/?area={bob_hour.pk}&tz=Asia/Tokyo")
    html = answer.content.decode()
    assert "<html" in html and 'name="tz"' in html
    assert '<option value="Asia/Tokyo" selected>' in html
    assert "17:00" in html


def test_hidden_experts_and_other_services_are_not_found(bob_in_lagos, bob_hour, carol_hour):
    assert calendar(bob_in_lagos, carol_hour, tz="UTC").status_code == 404
    expert_hide(profile=bob_in_lagos)
    assert calendar(bob_in_lagos, bob_hour, tz="UTC").status_code == 404


def test_made_up_months_and_times_never_fail(bob_in_lagos, bob_hour):
    assert "October 2026" in calendar(bob_in_lagos, bob_hour, tz="UTC", month="9999-12").content.decode()
    far = Client().get(f"/experts/{bob_in_lagos.slug}/book/?area={bob_hour.pk}&start=9999-12-31T23:00:00%2B00:00")
    assert far.status_code == 404
    naive = Client().get(f"/experts/{bob_in_lagos.slug}/book/?area={bob_hour.pk}&start=2026-10-21T09:00:00")
    assert naive.status_code == 404
