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


@pytest.fixture
def bob_open_at_night(bob_expert, bob_hour, frozen_now):
    """Bob in UTC, open every night 04:00–09:00 UTC: New York's small hours, across both
    of its 2026 daylight-saving changes (8 March, 1 November)."""
    frozen_now(dt.datetime(2026, 3, 1, tzinfo=UTC))
    profile = set_zone(bob_expert, "UTC", min_notice_minutes=0, horizon_days=365)
    set_week(profile, *[(day, "04:00", "09:00") for day in range(7)])
    return profile


def summary(profile, area, start: str, tz: str) -> str:
    url = f"/experts/{profile.slug}/book/?area={area.pk}&tz={tz}&start={start.replace('+', '%2B')}"
    return Client().get(url, **HTMX).content.decode()


@pytest.mark.parametrize(
    ("start", "shown"),
    [
        ("2026-03-08T01:30:00-05:00", "Sunday 8 March 2026, 01:30–03:30"),  # 02:00–03:00 never happens
        ("2026-11-01T01:30:00-04:00", "Sunday 1 November 2026, 01:30 EDT–01:30 EST"),  # 01:00–02:00 happens twice
        ("2026-11-01T01:30:00-05:00", "Sunday 1 November 2026, 01:30 EST–02:30"),  # its second pass
        ("2026-11-01T00:30:00-04:00", "Sunday 1 November 2026, 00:30–01:30 EDT"),
    ],
)
def test_the_summary_ends_an_hour_later_in_real_time_across_a_clock_change(bob_open_at_night, bob_hour, start, shown):
    """And both passes of a repeated hour are offered: the time is free and can be booked."""
    html = summary(bob_open_at_night, bob_hour, start, "America/New_York")
    assert shown in html
    assert "no longer free" not in html


def test_a_wall_time_that_happens_twice_is_labelled_with_its_zone(bob_open_at_night, bob_hour):
    html = calendar(bob_open_at_night, bob_hour, tz="America/New_York", month="2026-11", day="2026-11-01").content.decode()
    assert '<time datetime="2026-11-01T01:30:00-04:00">01:30 EDT</time>' in html
    assert '<time datetime="2026-11-01T01:30:00-05:00">01:30 EST</time>' in html
    assert '<time datetime="2026-11-01T02:30:00-05:00">02:30</time>' in html
    assert '<time datetime="2026-11-01T00:30:00-04:00">00:30</time>' in html
