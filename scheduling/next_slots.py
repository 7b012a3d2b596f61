"""The next free starts of many experts at once: the directory's cards and its
"available this week" filter, the API's ``next_slot`` and a profile's next free times.

Batched, so a page costs the same number of queries whatever its size: on a cache miss
the weekly ranges and overrides, the calls and the external busy blocks of every expert
still to answer load in one query each. The engine looks at the coming week first (where
most listed experts have a free start); only the experts still short of starts are
looked at again up to their booking horizon, with their busy time of that span loaded
in one more pair of queries.

Answers are cached under each expert's slot-cache version (``scheduling.cache``), so any
change that can alter their slots forgets them, as for every other slot answer. A cached
answer is also dropped once its first start falls inside the minimum notice, or when it
was computed for another cache bucket (a later or frozen clock): a start read from the
cache is one the engine would still offer now.
"""

import datetime as dt
from collections.abc import Sequence

from django.utils import timezone

from accounts.models import ExpertProfile
from scheduling import slots as engine
from scheduling.cache import CACHE_BUCKET_SECONDS, slots_cached_many
from scheduling.selectors import rules_of
from scheduling.slot_inputs import availability_of_many

# "This week" (the directory's filter and the first look): the next 7 days from now.
WEEK = dt.timedelta(days=7)
# Overrides are dated in each expert's zone, at most a day from the UTC date; the engine
# also reads whole local days around its window.
_OVERRIDE_MARGIN = dt.timedelta(days=3)

Wanted = tuple[ExpertProfile, int]  # an expert and the call duration (minutes) to fit


def next_free_starts(
    *, wanted: Sequence[Wanted], count: int = 1, now: dt.datetime | None = None
) -> dict[int, list[dt.datetime]]:
    """The first ``count`` free starts (aware UTC, soonest first) of each expert for a
    call of its duration, within the expert's booking horizon; by expert id (an empty
    list when nothing is free)."""
    now = now or timezone.now()
    by_id = {expert.pk: (expert, minutes) for expert, minutes in wanted}
    bucket = int(now.timestamp()) // CACHE_BUCKET_SECONDS

    def usable(expert_id: int, answer: tuple[int, list[int]]) -> bool:
        answer_bucket, starts = answer
        notice = by_id[expert_id][0].min_notice_minutes * 60
        return answer_bucket == bucket and (not starts or starts[0] >= now.timestamp() + notice)

    def compute(expert_ids: list[int]) -> dict[int, tuple[int, list[int]]]:
        found = _first_starts([by_id[expert_id] for expert_id in expert_ids], count=count, now=now)
        return {expert_id: (bucket, [int(start.timestamp()) for start in found[expert_id]]) for expert_id in expert_ids}

    answers = slots_cached_many(
        parts={expert_id: ("next", minutes, count) for expert_id, (_expert, minutes) in by_id.items()},
        compute=compute,
        usable=usable,
    )
    return {
        expert_id: [dt.datetime.fromtimestamp(second, dt.UTC) for second in starts]
        for expert_id, (_bucket, starts) in answers.items()
    }


def _first_starts(wanted: list[Wanted], *, count: int, now: dt.datetime) -> dict[int, list[dt.datetime]]:
    horizon_end = {expert.pk: now + dt.timedelta(days=expert.horizon_days, seconds=1) for expert, _ in wanted}
    availability = availability_of_many(
        experts=[expert for expert, _ in wanted],
        first_date=now.date() - _OVERRIDE_MARGIN,
        last_date=max(horizon_end.values(), default=now).date() + _OVERRIDE_MARGIN,
    )
    found: dict[int, list[dt.datetime]] = {expert.pk: [] for expert, _ in wanted}
    week_end = now + WEEK
    _search(wanted, {expert.pk: (now, week_end) for expert, _ in wanted}, availability, found, count, now)
    later = [(e, minutes) for e, minutes in wanted if len(found[e.pk]) < count and horizon_end[e.pk] > week_end]
    if later:
        windows = {expert.pk: (week_end, horizon_end[expert.pk]) for expert, _ in later}
        _search(later, windows, availability, found, count, now)
    return found


def _search(wanted: list[Wanted], windows: dict, availability: dict, found: dict, count: int, now: dt.datetime) -> None:
    """Run the engine for each expert over its window, adding starts to ``found``."""
    spans = {
        expert.pk: engine.busy_window(
            timezone=expert.timezone,
            rules=rules_of(expert),
            duration_minutes=minutes,
            window_start=windows[expert.pk][0],
            window_end=windows[expert.pk][1],
        )
        for expert, minutes in wanted
    }
    span = (min(start for start, _ in spans.values()), max(end for _, end in spans.values()))
    busy = busy_intervals_of_many(experts=[expert for expert, _ in wanted], window=span)
    for expert, minutes in wanted:
        starts = engine.slot_starts(
            availability=availability[expert.pk],
            rules=rules_of(expert),
            busy=busy[expert.pk],
            duration_minutes=minutes,
            now=now,
            window_start=windows[expert.pk][0],
            window_end=windows[expert.pk][1],
        )
        found[expert.pk].extend(starts[: count - len(found[expert.pk])])


def busy_intervals_of_many(
    *, experts: list[ExpertProfile], window: tuple[dt.datetime, dt.datetime]
) -> dict[int, list[engine.BusyInterval]]:
    """The busy part of ``slot_inputs.slot_inputs_of`` for many experts in two queries
    (their calls, their external calendars), by expert id."""
    from calendars.selectors import external_busy_for_many
    from calls.models import Call  # calls imports accounts only; kept local like selectors

    profile_of = {expert.user_id: expert.pk for expert in experts}
    busy: dict[int, list[engine.BusyInterval]] = {expert.pk: [] for expert in experts}
    calls = Call.objects.filter(
        expert_id__in=list(profile_of), active=True, scheduled_start__lt=window[1], scheduled_end__gt=window[0]
    )
    for user_id, start, minutes in calls.values_list("expert_id", "scheduled_start", "duration_minutes"):
        busy[profile_of[user_id]].append(engine.BusyInterval.call(start, minutes))
    external = external_busy_for_many(expert_user_ids=list(profile_of), window=window)
    for user_id, spans in external.items():
        busy[profile_of[user_id]].extend(engine.BusyInterval.block(start, end) for start, end in spans)
    return busy
