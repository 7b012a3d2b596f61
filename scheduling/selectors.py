"""Reads of availability shared by the pages and the API, and the slot answers.

``slots_available`` loads what the pure slot engine (``scheduling.slots``) needs in a
fixed number of queries, caches the engine's answer per expert, area and window
(``scheduling.cache``), and re-applies the minimum notice on every read.
"""

import datetime as dt
import math
from bisect import bisect_left
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import (
    Case,
    CharField,
    DateField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import ExpertArea, ExpertProfile
from scheduling import slots as engine
from scheduling.cache import CACHE_BUCKET_SECONDS, slots_cached
from scheduling.errors import AreaNotFound, ExpertNotFound
from scheduling.models import DateOverride, OverrideKind, WeeklyRange

# Overrides are dated in the expert's zone; the engine looks at whole local days around
# the window (a call near its edge, the daily limit), so load a little more than it needs.
_OVERRIDE_MARGIN = dt.timedelta(days=2)
_WEEKLY = "weekly"  # marks weekly rows in the availability UNION (override kinds differ)


def weekly_ranges_of(*, expert: ExpertProfile) -> list[WeeklyRange]:
    return list(WeeklyRange.objects.filter(expert=expert).order_by("weekday", "start_minute"))


def overrides_upcoming(*, expert: ExpertProfile) -> QuerySet[DateOverride]:
    """The expert's overrides from their local today onwards, soonest first."""
    today = timezone.now().astimezone(ZoneInfo(expert.timezone)).date()
    return DateOverride.objects.filter(expert=expert, date__gte=today).order_by("date", "start_minute", "pk")


def bookable_until_expression() -> Case:
    """``ExpertProfile.bookable_until`` computed in SQL for each expert row: ``date.max``
    with weekly hours (bookable on any future date), else the last date with extra hours,
    else NULL."""
    weekly = Exists(WeeklyRange.objects.filter(expert=OuterRef("pk")))
    extra = DateOverride.objects.filter(expert=OuterRef("pk"), kind=OverrideKind.AVAILABLE).order_by("-date")
    return Case(When(weekly, then=Value(dt.date.max)), default=Subquery(extra.values("date")[:1]), output_field=DateField())


def experts_with_availability(queryset: QuerySet[ExpertProfile] | None = None) -> QuerySet[ExpertProfile]:
    """Experts who can be booked at all: a weekly range, or extra hours on a date that
    has not passed everywhere yet (the directory hides the others)."""
    queryset = ExpertProfile.objects.all() if queryset is None else queryset
    # "Yesterday" in UTC: no zone is more than a day behind UTC, so this keeps every
    # override whose local date may still be today or later for its expert.
    not_past = timezone.now().date() - dt.timedelta(days=1)
    return queryset.filter(bookable_until__gte=not_past)


def experts_with_hours_within(
    queryset: QuerySet[ExpertProfile], *, until: dt.datetime, now: dt.datetime | None = None
) -> QuerySet[ExpertProfile]:
    """A cheap superset, in SQL, of the experts of ``queryset`` with a free start before
    ``until``: weekly hours (``bookable_until`` is ``date.max``) or extra hours on a date
    the window may touch in their zone, and a minimum notice that leaves a start before
    ``until`` and inside the horizon. Bookings, time off and the daily limit are left to
    the slot engine (``scheduling.next_slots``), which decides for the experts shown."""
    now = now or timezone.now()
    extra = DateOverride.objects.filter(
        expert=OuterRef("pk"),
        kind=OverrideKind.AVAILABLE,
        date__range=(now.date() - dt.timedelta(days=1), until.date() + dt.timedelta(days=1)),
    )
    return queryset.filter(
        Q(bookable_until=dt.date.max) | Exists(extra),
        min_notice_minutes__lt=math.ceil((until - now).total_seconds() / 60),
        min_notice_minutes__lte=F("horizon_days") * 24 * 60,
    )


def bookable_area(*, expert_id: int, area_id: int) -> ExpertArea:
    """The active area ``area_id`` of the public expert ``expert_id``, with its expert, in
    one query; the 404 says which of the two is missing."""
    # Imported here: the storefront's selectors import this module (the directory hook).
    from accounts.storefront.selectors import experts_public

    public = experts_public().filter(pk=expert_id)
    area = ExpertArea.objects.select_related("expert").filter(pk=area_id, active=True, expert__in=public).first()
    if area is not None:
        return area
    if not public.exists():
        raise ExpertNotFound(_("No such expert."))
    raise AreaNotFound(_("This expert offers no such service."))


def busy_intervals_for(
    *, expert: ExpertProfile, window: tuple[dt.datetime, dt.datetime], exclude_call_id: int | None = None
) -> list[engine.BusyInterval]:
    """Time the expert cannot be booked within ``window`` (aware UTC start, end).

    One ``BusyInterval.call`` per call that holds its time (booking pending or
    confirmed; ``Call.active``) and overlaps ``window``, each with its own duration, in
    one query; the caller passes the engine's ``busy_window``, which already covers
    buffers and whole local days for the daily limit. ``exclude_call_id`` leaves one
    call out (a reschedule checks the new start against the expert's *other* calls).
    Every booking change calls ``scheduling.cache.slots_cache_invalidate``.
    """
    from calls.models import (
        Call,  # calls imports accounts only; kept local like the storefront hook
    )

    calls = Call.objects.filter(
        expert_id=expert.user_id, active=True, scheduled_start__lt=window[1], scheduled_end__gt=window[0]
    )
    if exclude_call_id is not None:
        calls = calls.exclude(pk=exclude_call_id)
    rows = calls.values_list("scheduled_start", "duration_minutes")
    busy = [engine.BusyInterval.call(start, minutes) for start, minutes in rows]
    # The expert's external calendars (app ``calendars``, fetched by the worker) block
    # time too, as plain busy blocks: no buffers around them, not counted as calls.
    from calendars.selectors import external_busy_for

    external = external_busy_for(expert_user_id=expert.user_id, window=window)
    return busy + [engine.BusyInterval.block(start, end) for start, end in external]


def start_offered(
    *,
    expert: ExpertProfile,
    duration_minutes: int,
    start: dt.datetime,
    now: dt.datetime | None = None,
    exclude_call_id: int | None = None,
) -> bool:
    """Whether the engine offers ``start`` for a call of ``duration_minutes`` right now.

    Computed fresh, never from the cache: the booking services ask it under the expert's
    row lock, so the answer sees every committed booking.
    """
    window = (start, start + dt.timedelta(minutes=engine.GRID_MINUTES))
    starts = _engine_slots(
        expert=expert,
        duration_minutes=duration_minutes,
        window=window,
        now=now or timezone.now(),
        exclude_call_id=exclude_call_id,
    )
    return start in starts


def availability_of(*, expert: ExpertProfile, first_date: dt.date, last_date: dt.date) -> engine.Availability:
    """The engine's view of the expert's weekly ranges and of their overrides between two
    expert-local dates, in one query (a UNION: one round trip on the hot path)."""
    weekly = (
        WeeklyRange.objects.filter(expert=expert)
        .order_by()
        .annotate(source=Value(_WEEKLY, output_field=CharField()), day=Value(None, output_field=DateField()))
        .values_list("source", "weekday", "day", "start_minute", "end_minute")
    )
    overrides = (
        DateOverride.objects.filter(expert=expert, date__range=(first_date, last_date))
        .order_by()
        .annotate(no_weekday=Value(None, output_field=IntegerField()))
        .values_list("kind", "no_weekday", "date", "start_minute", "end_minute")
    )
    ranges, dated = [], []
    for source, weekday, day, start, end in weekly.union(overrides, all=True):
        if source == _WEEKLY:
            ranges.append(engine.WeeklyRange(weekday, start, end))
        else:
            dated.append(engine.DateOverride(day, source, start, end))
    return engine.Availability(timezone=expert.timezone, weekly=ranges, overrides=dated)


def rules_of(expert: ExpertProfile) -> engine.BookingRules:
    return engine.BookingRules(
        min_notice_minutes=expert.min_notice_minutes,
        horizon_days=expert.horizon_days,
        buffer_before_minutes=expert.buffer_before_minutes,
        buffer_after_minutes=expert.buffer_after_minutes,
        daily_limit=expert.daily_limit,
    )


@dataclass(frozen=True)
class SlotAnswer:
    """Free starts, sorted: as UTC epoch seconds and as RFC 3339 strings in the asked
    zone (the same slots, index for index). Cached whole, so a cached read renders
    nothing."""

    seconds: list[int]
    texts: list[str]

    def not_before(self, moment: float) -> "SlotAnswer":
        first = bisect_left(self.seconds, moment)
        return SlotAnswer(self.seconds[first:], self.texts[first:]) if first else self

    @property
    def datetimes(self) -> list[dt.datetime]:
        return [dt.datetime.fromtimestamp(second, dt.UTC) for second in self.seconds]


def _answer_compute(*, expert: ExpertProfile, area: ExpertArea, window, tz: ZoneInfo, now: dt.datetime) -> SlotAnswer:
    starts = _engine_slots(expert=expert, duration_minutes=area.duration_minutes, window=window, now=now)
    return SlotAnswer([int(start.timestamp()) for start in starts], [start.astimezone(tz).isoformat() for start in starts])


def _key_parts(*, area_id: int, tz: ZoneInfo, window, now: dt.datetime) -> tuple:
    bucket = int(now.timestamp()) // CACHE_BUCKET_SECONDS
    return (area_id, tz.key, int(window[0].timestamp()), int(window[1].timestamp()), bucket)


def slot_answer(
    *,
    expert: ExpertProfile,
    area: ExpertArea,
    start_date: dt.date,
    end_date: dt.date,
    tz: ZoneInfo,
    now: dt.datetime | None = None,
) -> SlotAnswer:
    """Free starts for ``area`` between two dates of ``tz``, inclusive.

    Served from the cache when this expert's data has not changed since (see
    ``scheduling.cache``); the minimum notice is applied again against the real ``now``
    because a cached answer was computed a little earlier (within one 5-minute bucket).
    """
    now = now or timezone.now()
    window = engine.utc_window_for_dates(tz.key, start_date, end_date)
    parts = ("area", area.duration_minutes, *_key_parts(area_id=area.pk, tz=tz, window=window, now=now))
    answer = slots_cached(
        expert_id=expert.pk,
        parts=parts,
        compute=lambda: _answer_compute(expert=expert, area=area, window=window, tz=tz, now=now),
    )
    return answer.not_before(now.timestamp() + expert.min_notice_minutes * 60)


def public_slot_answer(
    *, expert_id: int, area_id: int, start_date: dt.date, end_date: dt.date, tz: ZoneInfo, now: dt.datetime | None = None
) -> SlotAnswer:
    """``slot_answer`` by ids for the public API: a cache hit runs no query at all.

    The expert and area are checked (404s) only when the answer is computed; that is
    safe because everything that could make them unbookable (hiding the expert,
    deactivating the user, changing or deleting the area) invalidates the expert's
    cached answers. Errors are never cached.
    """
    now = now or timezone.now()
    window = engine.utc_window_for_dates(tz.key, start_date, end_date)

    def compute() -> tuple[int, SlotAnswer]:
        area = bookable_area(expert_id=expert_id, area_id=area_id)
        expert = area.expert
        return expert.min_notice_minutes, _answer_compute(expert=expert, area=area, window=window, tz=tz, now=now)

    parts = ("public", *_key_parts(area_id=area_id, tz=tz, window=window, now=now))
    notice_minutes, answer = slots_cached(expert_id=expert_id, parts=parts, compute=compute)
    return answer.not_before(now.timestamp() + notice_minutes * 60)


def slots_available(
    *,
    expert: ExpertProfile,
    area: ExpertArea,
    start_date: dt.date,
    end_date: dt.date,
    tz: ZoneInfo,
    now: dt.datetime | None = None,
) -> list[dt.datetime]:
    """Free starts (aware UTC datetimes, sorted) for ``area`` between two dates of
    ``tz``, inclusive; see ``slot_answer``."""
    return slot_answer(expert=expert, area=area, start_date=start_date, end_date=end_date, tz=tz, now=now).datetimes


def _engine_slots(
    *, expert: ExpertProfile, duration_minutes: int, window, now: dt.datetime, exclude_call_id: int | None = None
) -> list[dt.datetime]:
    expert_zone = ZoneInfo(expert.timezone)
    rules = rules_of(expert)
    busy_span = engine.busy_window(
        timezone=expert.timezone,
        rules=rules,
        duration_minutes=duration_minutes,
        window_start=window[0],
        window_end=window[1],
    )
    return engine.slot_starts(
        availability=availability_of(
            expert=expert,
            first_date=window[0].astimezone(expert_zone).date() - _OVERRIDE_MARGIN,
            last_date=window[1].astimezone(expert_zone).date() + _OVERRIDE_MARGIN,
        ),
        rules=rules,
        busy=busy_intervals_for(expert=expert, window=busy_span, exclude_call_id=exclude_call_id),
        duration_minutes=duration_minutes,
        now=now,
        window_start=window[0],
        window_end=window[1],
    )
