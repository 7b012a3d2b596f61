"""The directory's "available this week" filter (SPEC §2) and ``next_slot`` in the API:
a free start in the next 7 days, for any active area, decided by the slot engine."""

import datetime as dt

import pytest

from accounts.storefront.services import expert_profile_update
from scheduling.bookings.services import booking_create
from tests.storefront.availability_helpers import (
    NEXT_MONDAY_9,
    NEXT_MONTH_9,
    NOW,
    TOMORROW_9,
    extra_hours,
    week_people,
)
from tests.storefront.helpers import add_area, expert

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(frozen_now, alice_client):
    frozen_now(NOW)
    return week_people(alice_client)


def _names(response) -> set[str]:
    assert response.status_code == 200, response.json()
    return {item["display_name"] for item in response.json()["results"]}


def test_only_experts_with_a_free_start_this_week_are_listed(api, people):
    response = api.get("/api/v1/experts", {"available": "week"})
    assert _names(response) == {"Wanda Free"}
    assert response.json()["count"] == 1  # one page: every candidate was checked, the count is exact


def test_without_the_filter_everyone_listed_shows_with_their_next_slot(api, people):
    results = {item["display_name"]: item["next_slot"] for item in api.get("/api/v1/experts").json()["results"]}
    assert results == {
        "Wanda Free": "2026-03-09T09:00:00Z",
        "Lars Later": "2026-04-03T09:00:00Z",
        "Bola Booked": None,  # its only hour is taken
        "Ayo Away": "2026-03-16T09:00:00Z",  # next Monday is a day off
        "Sade Slow": "2026-03-16T09:00:00Z",  # 8 days' notice
    }


def test_the_detail_carries_the_next_slot_too(api, people):
    assert api.get(f"/api/v1/experts/{people['next_month'].pk}").json()["next_slot"] == "2026-04-03T09:00:00Z"
    assert api.get(f"/api/v1/experts/{people['booked'].pk}").json()["next_slot"] is None


def test_any_active_area_counts_so_the_shortest_decides(api, people):
    tight = expert("Tolu Tight", timezone="UTC")
    add_area(tight, title="Deep dive", duration_minutes=60)
    extra_hours(tight, TOMORROW_9.date(), 9 * 60, 9 * 60 + 45)  # 45 minutes: no hour fits
    assert "Tolu Tight" not in _names(api.get("/api/v1/experts", {"available": "week"}))
    add_area(tight, title="Quick question", duration_minutes=15, price=1_000)
    assert "Tolu Tight" in _names(api.get("/api/v1/experts", {"available": "week"}))
    assert api.get(f"/api/v1/experts/{tight.pk}").json()["next_slot"] == "2026-03-05T09:00:00Z"


def test_booking_the_advertised_slot_moves_it_and_the_filter_follows(api, people, dave_client):
    free = people["free"]
    assert api.get(f"/api/v1/experts/{free.pk}").json()["next_slot"] == "2026-03-09T09:00:00Z"  # now cached
    booking_create(client=dave_client, area=free.areas.get(), start=NEXT_MONDAY_9)
    assert api.get(f"/api/v1/experts/{free.pk}").json()["next_slot"] == "2026-03-09T09:30:00Z"
    for half_hour in range(1, 16):  # book the rest of Monday 09:30–17:00
        start = NEXT_MONDAY_9 + dt.timedelta(minutes=30 * half_hour)
        booking_create(client=dave_client, area=free.areas.get(), start=start)
    assert _names(api.get("/api/v1/experts", {"available": "week"})) == set()
    assert api.get(f"/api/v1/experts/{free.pk}").json()["next_slot"] == "2026-03-16T09:00:00Z"


def test_a_cached_next_slot_inside_the_notice_is_not_served(api, people, frozen_now):
    free = expert_profile_update(profile=people["free"], min_notice_minutes=122)
    # Both moments lie in one 5-minute cache bucket; between them the notice passes 09:00.
    frozen_now(dt.datetime(2026, 3, 9, 6, 56, tzinfo=dt.UTC))
    assert api.get(f"/api/v1/experts/{free.pk}").json()["next_slot"] == "2026-03-09T09:00:00Z"
    frozen_now(dt.datetime(2026, 3, 9, 6, 59, tzinfo=dt.UTC))
    assert api.get(f"/api/v1/experts/{free.pk}").json()["next_slot"] == "2026-03-09T09:15:00Z"


def test_the_week_is_the_next_seven_days_from_now(api, people, frozen_now):
    once = expert("Olu Once", timezone="UTC")
    add_area(once)
    thursday_9 = dt.datetime(2026, 3, 12, 9, 0, tzinfo=dt.UTC)
    extra_hours(once, thursday_9.date(), 9 * 60, 10 * 60)
    frozen_now(thursday_9 - dt.timedelta(days=7, minutes=-1))  # 09:01 a week before: 6 days 23:59 ahead
    assert "Olu Once" in _names(api.get("/api/v1/experts", {"available": "week"}))
    frozen_now(thursday_9 - dt.timedelta(days=7, minutes=1))  # 08:59: a minute too far
    assert "Olu Once" not in _names(api.get("/api/v1/experts", {"available": "week"}))
    assert api.get(f"/api/v1/experts/{once.pk}").json()["next_slot"] == "2026-03-12T09:00:00Z"


def test_a_page_shorter_than_its_size_and_an_upper_bound_count_when_results_span_pages(api, people):
    # Newest first: Sade (left out by SQL: notice), Ayo, Bola, Wanda, Lars (left out by SQL).
    first = api.get("/api/v1/experts", {"available": "week", "page_size": 2}).json()
    assert first["results"] == []  # Ayo is away and Bola booked: the engine drops both
    assert first["count"] == 3  # the SQL candidates: Ayo, Bola, Wanda
    second = api.get(first["next"]).json()
    assert [item["display_name"] for item in second["results"]] == ["Wanda Free"]


def test_it_combines_with_the_other_filters(api, people):
    add_area(people["free"], title="Visa interview", price=2_000_000)
    assert _names(api.get("/api/v1/experts", {"available": "week", "q": "visa"})) == {"Wanda Free"}
    assert _names(api.get("/api/v1/experts", {"available": "week", "max_price": 1_000})) == set()
    assert _names(api.get("/api/v1/experts", {"available": "", "q": "lars"})) == {"Lars Later"}


@pytest.mark.parametrize("value", ["month", "WEEK", "true", "1", "week;drop table", "w" * 300])
def test_forged_values_are_400_with_the_error_shape(api, people, value):
    response = api.get("/api/v1/experts", {"available": value})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid" and list(error["fields"]) == ["available"]


def test_the_page_explains_a_forged_value_and_keeps_the_other_filters(client, people):
    response = client.get("/experts/", {"available": "tomorrow", "q": "lars"})
    assert response.status_code == 200
    assert response.context["form"].errors["available"]
    html = response.content.decode()
    assert "Lars Later" in html and "Wanda Free" not in html


def test_next_month_slots_are_found_beyond_the_first_week(api, people):
    assert NEXT_MONTH_9 - NOW > dt.timedelta(days=7)
    assert api.get(f"/api/v1/experts/{people['next_month'].pk}").json()["next_slot"] == "2026-04-03T09:00:00Z"
