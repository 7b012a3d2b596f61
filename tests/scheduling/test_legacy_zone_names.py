"""Browsers report some zones by their legacy ICU names ("Asia/Calcutta"): the server
takes them as the current IANA name, so every page, answer and stored profile shows
"Asia/Kolkata"; links that merge distinct places (Europe/Oslo) keep their own name."""

import datetime as dt
import re
import zoneinfo

import pytest
from django.test import Client

from accounts.models import ClientProfile, ExpertProfile
from scheduling.timezones import legacy_names, zone_choices, zone_or_none
from tests.scheduling.conftest import UTC, every_day, set_week, set_zone

NOW = dt.datetime(2026, 10, 20, 0, 0, tzinfo=UTC)
HTMX = {"HTTP_HX_REQUEST": "true"}


def test_every_legacy_name_keeps_the_clocks_of_its_current_name():
    # Month starts 1970–2040: a mapped pair that ever differed would show here.
    moments = [dt.datetime(year, month, 1, tzinfo=UTC) for year in range(1970, 2041) for month in range(1, 13)]
    assert "Asia/Calcutta" in legacy_names()
    for old, new in legacy_names().items():
        old_zone, new_zone = zoneinfo.ZoneInfo(old), zoneinfo.ZoneInfo(new)
        assert [m.astimezone(old_zone).utcoffset() for m in moments] == [
            m.astimezone(new_zone).utcoffset() for m in moments
        ], old


@pytest.mark.parametrize(
    ("reported", "current"),
    [
        ("Asia/Calcutta", "Asia/Kolkata"),
        ("asia/katmandu", "Asia/Kathmandu"),
        ("America/Buenos_Aires", "America/Argentina/Buenos_Aires"),
        ("Europe/Kiev", "Europe/Kyiv"),
        # Not renames: a link of another place, or an alias people choose on purpose.
        ("Europe/Oslo", "Europe/Oslo"),
        ("US/Pacific", "US/Pacific"),
        ("Asia/Kolkata", "Asia/Kolkata"),
    ],
)
def test_a_legacy_name_is_its_current_zone(reported, current):
    assert zone_or_none(reported).key == current


def test_the_picker_lists_current_names_only():
    choices = zone_choices()
    assert "Asia/Kolkata" in choices and "Europe/Oslo" in choices
    assert not set(legacy_names()) & set(choices)


@pytest.fixture
def bob_in_lagos(bob_expert, bob_hour, frozen_now):
    frozen_now(NOW)
    profile = set_zone(bob_expert, "Africa/Lagos")
    set_week(profile, *every_day("09:00", "12:00"))
    return profile


def test_the_slots_of_a_legacy_zone_are_those_of_its_current_name(api, bob_in_lagos, bob_hour):
    def slots(tz):
        query = f"area={bob_hour.pk}&from=2026-10-21&to=2026-10-21&tz={tz}"
        return api.get(f"/api/v1/experts/{bob_in_lagos.pk}/slots?{query}")

    legacy, current = slots("Asia/Calcutta"), slots("Asia/Kolkata")

    assert legacy.status_code == 200
    assert legacy.json() == current.json()
    assert legacy.json()["timezone"] == "Asia/Kolkata"
    assert legacy.json()["slots"][0].endswith("+05:30")


def test_the_booking_widget_shows_and_selects_the_current_name(bob_in_lagos, bob_hour):
    html = Client().get(f"/experts/{bob_in_lagos.slug}/calendar/?area={bob_hour.pk}&tz=Asia/Calcutta").content.decode()

    assert "Times shown in" in html and "Asia/Kolkata" in html
    assert re.search(r'<option value="Asia/Kolkata" data-aliases="Asia/Calcutta" selected>', html)
    assert 'value="Asia/Calcutta"' not in html


@pytest.mark.parametrize("role", ["client", "expert"])
def test_a_legacy_zone_given_at_sign_up_is_stored_by_its_current_name(db, api, role):
    body = {"email": "ada@example.com", "password": "a-long-Passphrase-9", "full_name": "Ada Obi", "role": role}

    response = api.post("/api/v1/auth/register", {**body, "timezone": "Asia/Calcutta"}, format="json")

    assert response.status_code == 201, response.json()
    assert response.json()["user"]["timezone"] == "Asia/Kolkata"


def test_a_client_setting_a_legacy_zone_stores_its_current_name(api_as, alice_client):
    response = api_as(alice_client).patch("/api/v1/me", {"timezone": "Asia/Katmandu"}, format="json")

    assert response.status_code == 200, response.json()
    assert response.json()["timezone"] == "Asia/Kathmandu"
    assert ClientProfile.objects.get(user=alice_client).timezone == "Asia/Kathmandu"


def test_an_expert_setting_a_legacy_zone_stores_its_current_name(api_as, bob_expert):
    response = api_as(bob_expert).patch("/api/v1/me", {"timezone": "Europe/Kiev"}, format="json")

    assert response.status_code == 200, response.json()
    assert ExpertProfile.objects.get(user=bob_expert).timezone == "Europe/Kyiv"


def test_a_link_of_another_place_is_stored_as_given(api_as, bob_expert):
    assert api_as(bob_expert).patch("/api/v1/me", {"timezone": "Europe/Oslo"}, format="json").status_code == 200
    assert ExpertProfile.objects.get(user=bob_expert).timezone == "Europe/Oslo"
