"""GET /api/v1/experts/{id}/slots against a brute-force reading of SPEC §3, end to end.

Each seed builds a random expert through the real services (an odd-offset or
daylight-saving zone, weekly hours, dated overrides, rules, bookings of another service,
external busy time), freezes ``now`` a few days before a daylight-saving change, asks
the endpoint for a few dates in a viewer's zone, and compares the answer string for
string with an oracle that walks every UTC minute through ``zoneinfo``. The oracle
shares no code with the app: only the SPEC's words.
"""

import datetime as dt
import random
from zoneinfo import ZoneInfo

import pytest

from calendars.models import ExternalBusy, ExternalCalendar
from scheduling.bookings.services import booking_create
from scheduling.errors import AvailabilityInvalid
from scheduling.services import date_override_create
from tests.scheduling.conftest import UTC, set_week, set_zone

MINUTE = dt.timedelta(minutes=1)
EXPERT_ZONES = [
    "Asia/Kathmandu",
    "Pacific/Chatham",
    "Australia/Lord_Howe",
    "America/St_Johns",
    "Europe/London",
    "America/New_York",
    "Asia/Kolkata",
    "UTC",
]
VIEWER_ZONES = [*EXPERT_ZONES, "Etc/GMT+5", "Pacific/Kiritimati", "Pacific/Pago_Pago"]
# Days of 2026 on which some of the zones above change their offset (both directions).
CHANGE_DAYS = [
    dt.date(2026, 3, 8),  # New York, St John's forward
    dt.date(2026, 3, 29),  # London forward
    dt.date(2026, 4, 5),  # Lord Howe, Chatham back
    dt.date(2026, 9, 27),  # Chatham forward
    dt.date(2026, 10, 4),  # Lord Howe forward
    dt.date(2026, 10, 25),  # London back (New York not yet)
    dt.date(2026, 11, 1),  # New York, St John's back
]
SEEDS = range(36)


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _random_ranges(rng: random.Random, count: int) -> list[tuple[int, int]]:
    """Up to ``count`` disjoint ranges (minutes 0–1440), sometimes touching."""
    step = rng.choice([5, 15, 15, 60])  # mostly on the grid, where the edges matter
    cuts = sorted(rng.sample(range(0, 1441, step), 2 * count))
    ranges = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts), 2)]
    if len(ranges) > 1 and rng.random() < 0.5:  # an adjacent pair: 09–12 + 12–17
        ranges[1] = (ranges[0][1], max(ranges[1][1], ranges[0][1] + 5))
    return [(start, end) for start, end in ranges if start < end]


class Scenario:
    def __init__(self, seed: int):
        rng = random.Random(seed)
        self.rng = rng
        self.expert_zone = rng.choice(EXPERT_ZONES)
        self.viewer_zone = rng.choice(VIEWER_ZONES)
        change = rng.choice(CHANGE_DAYS)
        minute = rng.choice([0, 15, 30, 45, rng.randrange(1440)]) if rng.random() < 0.5 else rng.randrange(1440)
        self.now = dt.datetime.combine(change, dt.time(), tzinfo=UTC) - dt.timedelta(
            days=rng.randint(0, 2), minutes=minute, seconds=rng.choice([0, 0, 17])
        )
        self.rules = {
            "min_notice_minutes": rng.choice([0, 15, 60, 120, 135]),
            "horizon_days": rng.choice([1, 2, 3, 5, 60]),
            "buffer_before_minutes": rng.choice([0, 0, 10, 15, 30]),
            "buffer_after_minutes": rng.choice([0, 0, 5, 15]),
            "daily_limit": rng.choice([None, None, 1, 2]),
        }
        self.weekly = [
            (day, start, end) for day in range(7) for start, end in _random_ranges(rng, rng.choice([0, 1, 2, 2, 3, 3]))
        ]
        self.duration = rng.choice([15, 30, 45, 60, 90])
        self.booked_duration = rng.choice([15, 30, 60])
        first = self.now.astimezone(ZoneInfo(self.viewer_zone)).date() + dt.timedelta(days=rng.randint(-1, 2))
        self.dates = (first, first + dt.timedelta(days=rng.randint(0, 3)))


@pytest.fixture
def scenario_expert(request, bob_expert, frozen_now):
    frozen_now(request.param.now)
    profile = set_zone(bob_expert, request.param.expert_zone, **request.param.rules)
    set_week(profile, *((day, _hhmm(start), _hhmm(end)) for day, start, end in request.param.weekly))
    return profile


def _add_overrides(scenario: Scenario, profile) -> None:
    rng, zone = scenario.rng, ZoneInfo(scenario.expert_zone)
    today = scenario.now.astimezone(zone).date()
    for _ in range(rng.randint(0, 4)):
        day = today + dt.timedelta(days=rng.randint(0, 5))
        kind = rng.choice(["available", "unavailable", "unavailable"])
        if kind == "unavailable" and rng.random() < 0.3:
            start = end = None
        else:
            start, end = _random_ranges(rng, 1)[0]
        try:
            date_override_create(expert=profile, date=day, kind=kind, start_minute=start, end_minute=end)
        except AvailabilityInvalid as error:  # the same change drawn twice: refused, as it should be
            assert "exactly this change" in str(error)


def _add_external_busy(scenario: Scenario, profile) -> None:
    rng = scenario.rng
    work = ExternalCalendar.objects.create(user=profile.user, name="Work", url="https://calendar.example/w.ics")
    for _ in range(rng.randint(0, 2)):
        start = scenario.now + dt.timedelta(minutes=rng.randrange(0, 5 * 1440, 5))
        ExternalBusy.objects.create(
            calendar=work, user=profile.user, start=start, end=start + dt.timedelta(minutes=rng.randrange(5, 240, 5))
        )


def _ask(api, profile, area, *, zone: str, dates: tuple[dt.date, dt.date]) -> dict:
    answer = api.get(
        f"/api/v1/experts/{profile.pk}/slots",
        {"area": area.pk, "from": dates[0].isoformat(), "to": dates[1].isoformat(), "tz": zone},
    )
    assert answer.status_code == 200, answer.content
    return answer.json()


def _book_some(scenario: Scenario, api, profile, area, clients) -> list[tuple[dt.datetime, int]]:
    """Book a few offered starts of ``area`` through the booking service."""
    booked = []
    today = scenario.now.astimezone(ZoneInfo(scenario.expert_zone)).date()
    for client in clients[: scenario.rng.randint(0, len(clients))]:
        offered = _ask(api, profile, area, zone="UTC", dates=(today - dt.timedelta(days=1), today + dt.timedelta(days=6)))
        if not offered["slots"]:
            break
        start = dt.datetime.fromisoformat(scenario.rng.choice(offered["slots"]))
        booking_create(client=client, area=area, start=start)
        booked.append((start, area.duration_minutes))
    return booked


def _first_minute_of(zone: ZoneInfo, day: dt.date) -> dt.datetime:
    """The first UTC minute whose local date in ``zone`` is ``day`` or later."""
    moment = dt.datetime.combine(day, dt.time(), tzinfo=UTC) - dt.timedelta(hours=15)
    while moment.astimezone(zone).date() < day:
        moment += MINUTE
    return moment


def oracle(scenario: Scenario, *, overrides, calls, blocks) -> list[str]:
    """SPEC §3 read literally, one UTC minute at a time."""
    expert, viewer = ZoneInfo(scenario.expert_zone), ZoneInfo(scenario.viewer_zone)
    rules = scenario.rules
    before, after = rules["buffer_before_minutes"], rules["buffer_after_minutes"]
    start = _first_minute_of(viewer, scenario.dates[0])
    end = _first_minute_of(viewer, scenario.dates[1] + dt.timedelta(days=1))
    busy = [(s - before * MINUTE, s + (m + after) * MINUTE) for s, m in calls] + blocks
    calls_on = {}
    for call_start, _minutes in calls:
        local_date = call_start.astimezone(expert).date()
        calls_on[local_date] = calls_on.get(local_date, 0) + 1

    def free(moment: dt.datetime) -> bool:
        local = moment.astimezone(expert)
        minute, day = local.hour * 60 + local.minute, local.date()
        inside = any(d == day.weekday() and s <= minute < e for d, s, e in scenario.weekly)
        for o_day, kind, s, e in overrides:
            if o_day == day and (s is None or s <= minute < e):
                if kind == "unavailable":
                    return False
                inside = True
        return inside and not any(b0 <= moment < b1 for b0, b1 in busy)

    first = start - before * MINUTE
    flags = [free(first + n * MINUTE) for n in range(int((end - first) / MINUTE) + scenario.duration + after)]
    earliest = scenario.now + rules["min_notice_minutes"] * MINUTE
    latest = scenario.now + dt.timedelta(days=rules["horizon_days"])
    slots = []
    moment = start
    while moment < end:
        local = moment.astimezone(expert)
        index = int((moment - first) / MINUTE)
        if (
            local.minute % 15 == 0
            and earliest <= moment <= latest
            and (rules["daily_limit"] is None or calls_on.get(local.date(), 0) < rules["daily_limit"])
            and all(flags[index - before : index + scenario.duration + after])
        ):
            slots.append(moment.astimezone(viewer).isoformat())
        moment += MINUTE
    return slots


@pytest.mark.parametrize("scenario_expert", [Scenario(seed) for seed in SEEDS], indirect=True, ids=[f"seed{s}" for s in SEEDS])
def test_the_endpoint_offers_exactly_what_a_minute_by_minute_reading_of_the_spec_offers(
    request, api, scenario_expert, alice_client, dave_client
):
    from accounts.storefront.services_areas import area_create

    scenario = request.node.callspec.params["scenario_expert"]
    profile = scenario_expert
    asked = area_create(expert=profile, title="Asked", duration_minutes=scenario.duration, price=100_000)
    other = area_create(expert=profile, title="Other", duration_minutes=scenario.booked_duration, price=100_000)
    _add_overrides(scenario, profile)
    _add_external_busy(scenario, profile)
    calls = _book_some(scenario, api, profile, other, [alice_client, dave_client])

    answer = _ask(api, profile, asked, zone=scenario.viewer_zone, dates=scenario.dates)

    overrides = [(o.date, o.kind, o.start_minute, o.end_minute) for o in profile.date_overrides.all()]
    blocks = [(b.start, b.end) for b in ExternalBusy.objects.filter(user=profile.user)]
    assert answer["timezone"] == scenario.viewer_zone
    assert answer["slots"] == oracle(scenario, overrides=overrides, calls=calls, blocks=blocks)


def test_notice_and_horizon_edges_on_the_grid_are_offered_computed_and_cached(api, bob_expert, bob_hour, frozen_now):
    """With ``now`` on a quarter hour, the start exactly ``min_notice`` later and the start
    exactly ``horizon_days`` later are both offered (both ends inclusive), and nothing
    beyond, whether the answer is computed or read from the cache."""
    frozen_now(dt.datetime(2026, 10, 20, 6, 45, tzinfo=UTC))
    profile = set_zone(bob_expert, "Asia/Kathmandu", min_notice_minutes=135, horizon_days=1)
    set_week(profile, *((day, "00:00", "24:00") for day in range(7)))
    query = {"area": bob_hour.pk, "from": "2026-10-20", "to": "2026-10-22", "tz": "Asia/Kathmandu"}
    for _ in ("computed", "cached"):
        slots = api.get(f"/api/v1/experts/{profile.pk}/slots", query).json()["slots"]
        assert slots[0] == "2026-10-20T14:45:00+05:45"  # 06:45 UTC (12:30 local) + 2 h 15 min
        assert slots[-1] == "2026-10-21T12:30:00+05:45"  # 06:45 UTC one day later
        assert len(slots) == (24 * 60 - 135) // 15 + 1
