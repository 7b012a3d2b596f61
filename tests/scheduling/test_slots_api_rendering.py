"""The slots answer is pre-rendered JSON: the same bytes and headers DRF's renderer gives,
cut by the minimum notice on every read, and negotiated like any other answer."""

import datetime as dt

import pytest
from rest_framework.renderers import JSONRenderer

from tests.scheduling.conftest import UTC, every_day, set_week, set_zone

NOW = dt.datetime(2026, 10, 20, 0, 0, tzinfo=UTC)


@pytest.fixture
def url(bob_expert, bob_hour, frozen_now):
    """Bob in Kathmandu (+05:45), free 09:00–12:00 every day; his slots for two days."""
    frozen_now(NOW)
    profile = set_zone(bob_expert, "Asia/Kathmandu")
    set_week(profile, *every_day("09:00", "12:00"))
    return f"/api/v1/experts/{profile.pk}/slots?area={bob_hour.pk}&from=2026-10-21&to=2026-10-22&tz=America/St_Johns"


def test_the_answer_is_what_the_json_renderer_writes_computed_and_cached(api, url):
    computed, cached = api.get(url), api.get(url)
    for answer in (computed, cached):
        assert answer.status_code == 200
        assert answer["Content-Type"] == "application/json"
        assert answer.content == JSONRenderer().render(answer.json())
    assert cached.content == computed.content
    assert computed.json()["timezone"] == "America/St_Johns"
    assert computed.json()["slots"][0] == "2026-10-21T00:45:00-02:30"  # 09:00 in Kathmandu
    assert len(computed.json()["slots"]) == 18


def test_the_headers_are_those_drf_gives_its_own_answers(api, url):
    ours = api.get(url)
    drf_rendered = api.get(url.split("?")[0])  # no area: a 400 written by DRF's renderer
    assert drf_rendered.status_code == 400
    assert set(ours.headers) == set(drf_rendered.headers)
    same = ("Allow", "Content-Type", "X-Content-Type-Options", "Referrer-Policy", "Content-Security-Policy")
    assert [ours[name] for name in same] == [drf_rendered[name] for name in same]


def test_an_indented_answer_is_still_available(api, url):
    plain = api.get(url).json()
    answer = api.get(url, HTTP_ACCEPT="application/json; indent=2")
    assert answer.status_code == 200
    assert answer.json() == plain
    assert answer.content == JSONRenderer().render(plain, "application/json; indent=2")
    assert b'\n  "slots": [\n' in answer.content


def test_an_answer_nobody_can_read_is_refused(api, url):
    answer = api.get(url, HTTP_ACCEPT="text/html")
    assert answer.status_code == 406
    assert answer.json()["error"]["code"] == "not_acceptable"


def test_a_cached_answer_loses_its_starts_as_the_notice_passes(api, url, frozen_now, django_assert_num_queries):
    # 01:15 UTC: with 2 h notice the first start (09:00 Kathmandu, 03:15 UTC) is just free
    frozen_now(dt.datetime(2026, 10, 21, 1, 15, tzinfo=UTC))
    everything = api.get(url).json()["slots"]
    assert everything[0] == "2026-10-21T00:45:00-02:30"
    frozen_now(dt.datetime(2026, 10, 21, 1, 16, tzinfo=UTC))  # the same 5-minute cache bucket
    with django_assert_num_queries(0):
        assert api.get(url).json()["slots"] == everything[1:]


def test_a_cached_answer_with_every_start_inside_the_notice_is_empty(
    api, bob_expert, bob_hour, frozen_now, django_assert_num_queries
):
    frozen_now(dt.datetime(2026, 10, 20, 7, 0, tzinfo=UTC))
    profile = set_zone(bob_expert, "UTC")
    set_week(profile, *every_day("09:00", "10:00"))
    day = f"/api/v1/experts/{profile.pk}/slots?area={bob_hour.pk}&from=2026-10-20&to=2026-10-20"
    assert api.get(day).json()["slots"] == ["2026-10-20T09:00:00+00:00"]
    frozen_now(dt.datetime(2026, 10, 20, 7, 0, 1, tzinfo=UTC))
    with django_assert_num_queries(0):
        answer = api.get(day)
    assert answer.content == b'{"timezone":"UTC","slots":[]}'
