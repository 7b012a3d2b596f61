"""GET /api/v1/experts/{id}/slots: the public answer, its input errors and its cost."""

import datetime as dt

import pytest

from accounts.services import user_deactivate
from accounts.storefront.services import expert_hide
from accounts.storefront.services_areas import area_update
from tests.scheduling.conftest import UTC, every_day, set_week, set_zone

NOW = dt.datetime(2026, 10, 20, 0, 0, tzinfo=UTC)  # a Tuesday


@pytest.fixture
def bob_in_lagos(bob_expert, bob_hour, frozen_now):
    """Bob, in Africa/Lagos (UTC+1, no daylight saving), free 09:00–12:00 every day."""
    frozen_now(NOW)
    profile = set_zone(bob_expert, "Africa/Lagos")
    set_week(profile, *every_day("09:00", "12:00"))
    return profile


def slots_url(profile, service, **params):
    query = "&".join(f"{key}={value}" for key, value in {"area": service.pk, **params}.items())
    return f"/api/v1/experts/{profile.pk}/slots?{query}"


def test_slots_are_rfc3339_strings_in_the_asked_zone(api, bob_in_lagos, bob_hour):
    answer = api.get(slots_url(bob_in_lagos, bob_hour, **{"from": "2026-10-21", "to": "2026-10-21", "tz": "Africa/Lagos"}))
    assert answer.status_code == 200
    assert answer.json() == {
        "timezone": "Africa/Lagos",
        "slots": [f"2026-10-21T{time}:00+01:00" for time in ["09:00", "09:15", "09:30", "09:45", "10:00", "10:15", "10:30", "10:45", "11:00"]],
    }


def test_the_zone_defaults_to_utc(api, bob_in_lagos, bob_hour):
    answer = api.get(slots_url(bob_in_lagos, bob_hour, **{"from": "2026-10-21", "to": "2026-10-21"})).json()
    assert answer["timezone"] == "UTC"
    assert answer["slots"][0] == "2026-10-21T08:00:00+00:00"
    assert answer["slots"][-1] == "2026-10-21T10:00:00+00:00"


def test_without_dates_the_answer_covers_seven_days_from_today(api, bob_in_lagos, bob_hour):
    slots = api.get(slots_url(bob_in_lagos, bob_hour)).json()["slots"]
    assert {slot[:10] for slot in slots} == {f"2026-10-{day}" for day in range(20, 27)}


def test_from_alone_covers_seven_days(api, bob_in_lagos, bob_hour):
    slots = api.get(slots_url(bob_in_lagos, bob_hour, **{"from": "2026-11-02"})).json()["slots"]
    assert {slot[:10] for slot in slots} == {f"2026-11-0{day}" for day in range(2, 9)}


def test_dates_are_inclusive_and_in_the_asked_zone(api, bob_in_lagos, bob_hour):
    # 09:00–12:00 in Lagos is 17:00–20:00 in Tokyo: one Tokyo date holds one Lagos morning
    slots = api.get(slots_url(bob_in_lagos, bob_hour, **{"from": "2026-10-22", "to": "2026-10-23", "tz": "Asia/Tokyo"})).json()["slots"]
    assert slots[0] == "2026-10-22T17:00:00+09:00"
    assert slots[-1] == "2026-10-23T19:00:00+09:00"
    assert len(slots) == 18


def test_sixty_two_days_is_the_most_one_request_may_ask(api, bob_in_lagos, bob_hour):
    assert api.get(slots_url(bob_in_lagos, bob_hour, **{"from": "2026-10-20", "to": "2026-12-20"})).status_code == 200
    answer = api.get(slots_url(bob_in_lagos, bob_hour, **{"from": "2026-10-20", "to": "2026-12-21"}))
    assert answer.status_code == 400
    assert "62" in answer.json()["error"]["fields"]["to"][0]


def test_the_horizon_ends_the_offer(api, bob_in_lagos, bob_hour):
    slots = api.get(slots_url(bob_in_lagos, bob_hour, **{"from": "2026-12-15", "to": "2026-12-25"})).json()["slots"]
    assert max(slots) < "2026-12-19T23:59"  # 60 days after 2026-10-20 00:00 UTC


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "2026-10-25", "to": "2026-10-24"}, "to"),
        ({"from": "25/10/2026"}, "from"),
        ({"to": "2026-13-01"}, "to"),
        ({"from": "9999-12-30"}, "from"),
        ({"from": "0001-01-01", "to": "0001-01-02"}, "from"),
        ({"tz": "Mars/Olympus_Mons"}, "tz"),
        ({"tz": "../../etc/passwd"}, "tz"),
        ({"area": "abc"}, "area"),
    ],
)
def test_bad_queries_are_field_errors(api, bob_in_lagos, bob_hour, params, field):
    answer = api.get(slots_url(bob_in_lagos, bob_hour, **params))
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "invalid"
    assert field in answer.json()["error"]["fields"]


def test_the_area_is_required(api, bob_in_lagos):
    answer = api.get(f"/api/v1/experts/{bob_in_lagos.pk}/slots")
    assert answer.status_code == 400
    assert "area" in answer.json()["error"]["fields"]


def test_an_inactive_area_is_not_found_even_when_cached(api, bob_in_lagos, bob_hour):
    assert api.get(slots_url(bob_in_lagos, bob_hour)).status_code == 200
    area_update(area=bob_hour, active=False)
    answer = api.get(slots_url(bob_in_lagos, bob_hour))
    assert answer.status_code == 404
    assert answer.json()["error"]["code"] == "not_found"


def test_another_experts_area_is_not_found(api, bob_in_lagos, carol_hour):
    assert api.get(slots_url(bob_in_lagos, carol_hour)).status_code == 404


def test_an_unknown_expert_is_not_found(api, bob_in_lagos, bob_hour):
    answer = api.get(f"/api/v1/experts/{bob_in_lagos.pk + 999}/slots?area={bob_hour.pk}")
    assert answer.status_code == 404
    assert "expert" in answer.json()["error"]["message"].lower()


def test_a_hidden_expert_is_not_found_even_when_cached(api, bob_in_lagos, bob_hour):
    assert api.get(slots_url(bob_in_lagos, bob_hour)).status_code == 200
    expert_hide(profile=bob_in_lagos)
    assert api.get(slots_url(bob_in_lagos, bob_hour)).status_code == 404


def test_a_deactivated_expert_is_not_found_even_when_cached(api, bob_in_lagos, bob_hour):
    assert api.get(slots_url(bob_in_lagos, bob_hour)).status_code == 200
    user_deactivate(user=bob_in_lagos.user)
    assert api.get(slots_url(bob_in_lagos, bob_hour)).status_code == 404


def test_signed_in_callers_get_the_same_answer(api, api_as, alice_client, bob_in_lagos, bob_hour):
    url = slots_url(bob_in_lagos, bob_hour, **{"from": "2026-10-21", "to": "2026-10-22"})
    assert api_as(alice_client).get(url).json() == api.get(url).json()


def test_a_computed_answer_runs_one_query_whatever_the_data(
    a_client_first, api, alice_client, bob_in_lagos, bob_hour, django_assert_num_queries
):
    """The expert and area, and every input of the engine (weekly ranges, overrides,
    calls, external busy blocks) in the same query: the count grows with none of them."""
    assert bob_in_lagos.pk != bob_in_lagos.user_id
    from calendars.models import ExternalBusy, ExternalCalendar
    from scheduling.bookings.services import booking_create
    from scheduling.services import date_override_create

    url = slots_url(bob_in_lagos, bob_hour, **{"from": "2026-10-20", "to": "2026-12-20"})
    with django_assert_num_queries(1):
        small = api.get(url).json()["slots"]
    booking_create(client=alice_client, area=bob_hour, start=dt.datetime(2026, 10, 21, 10, tzinfo=UTC))
    work = ExternalCalendar.objects.create(user=bob_in_lagos.user, name="Work", url="https://calendar.example/work.ics")
    for day in range(1, 15):
        start = dt.datetime(2026, 10, 21, 14, tzinfo=UTC) + dt.timedelta(days=day)
        ExternalBusy.objects.create(calendar=work, user=bob_in_lagos.user, start=start, end=start + dt.timedelta(hours=1))
    # many adjacent pieces (they join into 06:00–22:00), and twenty days off
    set_week(bob_in_lagos, *[(day, f"{hour:02d}:00", f"{hour + 1:02d}:00") for day in range(7) for hour in range(6, 22)])
    for offset in range(20):
        date_override_create(expert=bob_in_lagos, date=dt.date(2026, 11, 1) + dt.timedelta(days=offset), kind="unavailable")
    with django_assert_num_queries(1):
        large = api.get(url).json()["slots"]
    around_the_call = [f"2026-10-21T{time}:00+00:00" in large for time in ("09:00", "09:15", "10:45", "11:00")]
    around_the_block = [f"2026-10-22T{time}:00+00:00" in large for time in ("13:00", "13:15", "14:45", "15:00")]
    assert around_the_call == around_the_block == [True, False, False, True]
    assert not any(slot.startswith("2026-11-05") for slot in large)  # a day off
    assert len(large) > len(small)


def test_a_cached_answer_runs_no_query(api, bob_in_lagos, bob_hour, django_assert_num_queries):
    url = slots_url(bob_in_lagos, bob_hour, **{"from": "2026-10-20", "to": "2026-12-20"})
    first = api.get(url).json()
    with django_assert_num_queries(0):
        assert api.get(url).json() == first


@pytest.mark.parametrize(
    ("asked", "answered"), [("utc", "UTC"), ("africa/lagos", "Africa/Lagos"), ("AMERICA/NEW_YORK", "America/New_York")]
)
def test_a_zone_name_in_another_case_is_the_canonical_zone(api, bob_in_lagos, bob_hour, asked, answered):
    """IANA names never differ only in case, so the case a caller typed is not an error."""
    canonical = api.get(slots_url(bob_in_lagos, bob_hour, **{"from": "2026-10-21", "to": "2026-10-21", "tz": answered}))
    answer = api.get(slots_url(bob_in_lagos, bob_hour, **{"from": "2026-10-21", "to": "2026-10-21", "tz": asked}))
    assert answer.status_code == 200
    assert answer.json() == canonical.json()
    assert answer.json()["timezone"] == answered


def test_a_head_request_has_the_get_answers_headers_and_no_body(api, bob_in_lagos, bob_hour):
    url = slots_url(bob_in_lagos, bob_hour, **{"from": "2026-10-21", "to": "2026-10-22"})
    got, head = api.get(url), api.head(url)
    assert head.status_code == 200
    assert head.content == b""
    assert (head["Content-Type"], head["Content-Length"]) == (got["Content-Type"], str(len(got.content)))


def test_empty_parameters_are_the_defaults(api, bob_in_lagos, bob_hour):
    """An HTML form sends the fields it has, empty or not: an empty tz, from or to is absent."""
    plain = api.get(slots_url(bob_in_lagos, bob_hour)).json()
    assert api.get(slots_url(bob_in_lagos, bob_hour, **{"from": "", "to": "", "tz": ""})).json() == plain
    assert plain["timezone"] == "UTC" and plain["slots"][0].startswith("2026-10-20T08:00")


def test_a_repeated_parameter_is_read_as_its_last_value(api, bob_in_lagos, bob_hour, carol_hour):
    """As every Django reader of a query string does; and the same on both readings of
    the query (a plain one, and one the serializer must read)."""
    base = f"/api/v1/experts/{bob_in_lagos.pk}/slots"
    assert api.get(f"{base}?area={carol_hour.pk}&area={bob_hour.pk}").status_code == 200
    assert api.get(f"{base}?area={bob_hour.pk}&area={carol_hour.pk}").status_code == 404
    assert api.get(f"{base}?area=abc&area={bob_hour.pk}&tz=%20UTC").status_code == 200
    assert api.get(f"{base}?area={bob_hour.pk}&from=2026-10-21&from=someday").json()["error"]["fields"].keys() == {"from"}
    # "area[]" is another parameter's name, not a list of areas
    assert api.get(f"{base}?area[]={bob_hour.pk}").json()["error"]["fields"].keys() == {"area"}


@pytest.mark.parametrize("area", ["9223372036854775807", "9223372036854775808", "1" + "0" * 30])
def test_ids_beyond_the_database_integers_are_not_found(api, bob_in_lagos, area):
    assert api.get(f"/api/v1/experts/{bob_in_lagos.pk}/slots?area={area}").status_code == 404
    assert api.get(f"/api/v1/experts/{area}/slots?area=1").status_code == 404


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "2026-10-20", "to": "2027-10-20"}, "to"),  # a year: refused, not computed
        ({"from": "2026-10-20", "to": "2036-10-20"}, "to"),
        ({"to": "2036-10-10"}, "to"),
        ({"from": "2026-10-20T00:00"}, "from"),
        ({"from": "10000-01-01"}, "from"),
        ({"tz": "+05:30"}, "tz"),
        ({"tz": "UTC\x00"}, "tz"),
        ({"tz": "posixrules"}, "tz"),
        ({"tz": "right/UTC"}, "tz"),
        ({"tz": "Europe/"}, "tz"),
        ({"tz": "Asia/Kathmandu" * 5}, "tz"),
    ],
)
def test_more_bad_queries_are_field_errors(api, bob_in_lagos, bob_hour, params, field, django_assert_num_queries):
    with django_assert_num_queries(0):  # refused before any work
        answer = api.get(slots_url(bob_in_lagos, bob_hour, **params))
    assert answer.status_code == 400
    assert answer.json()["error"]["fields"].keys() == {field}


def test_dates_past_the_horizon_are_an_empty_answer(api, bob_in_lagos, bob_hour):
    answer = api.get(slots_url(bob_in_lagos, bob_hour, **{"from": "2027-09-01", "to": "2027-10-31"}))
    assert answer.status_code == 200
    assert answer.json() == {"timezone": "UTC", "slots": []}

