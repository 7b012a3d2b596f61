"""Reads of availability shared by the pages and the API, and the slot answers.

``slots_available`` (pages) and ``public_slots_json`` (the API) load what the pure slot
engine (``scheduling.slots``) needs in one query (``scheduling.slot_inputs``), cache the
engine's answer per expert, area and window (``scheduling.cache``), and re-apply the
minimum notice on every read.
"""

import datetime as dt
import math
from array import array
from bisect import bisect_left
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import (
    Case,
    DateField,
    Exists,
    F,
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
from scheduling.slot_inputs import PublicSlotInputs, public_slot_inputs, slot_inputs_of

# Overrides are dated in the expert's zone; the engine looks at whole local days around
# the window (a call near its edge, the daily limit), so load a little more than it needs.
_OVERRIDE_MARGIN = dt.timedelta(days=2)


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
    seconds = _engine_seconds(
        expert=expert,
        duration_minutes=duration_minutes,
        window=window,
        now=now or timezone.now(),
        exclude_call_id=exclude_call_id,
    )
    return start.timestamp() in seconds  # offered starts are whole seconds; no fraction matches


def rules_of(expert: ExpertProfile) -> engine.BookingRules:
    return engine.BookingRules(
        min_notice_minutes=expert.min_notice_minutes,
        horizon_days=expert.horizon_days,
        buffer_before_minutes=expert.buffer_before_minutes,
        buffer_after_minutes=expert.buffer_after_minutes,
        daily_limit=expert.daily_limit,
    )


@dataclass(frozen=True)
class SlotsJson:
    """A public slots answer rendered once, cached whole so that a cached read formats
    nothing: ``items`` is the JSON array's content (``"2026-…","2026-…"``), ``offsets``
    the byte offset of each item and ``seconds`` its UTC start, index for index, so the
    minimum notice (applied again on every read) cuts the array with one slice."""

    notice_minutes: int
    seconds: array
    offsets: array
    items: bytes

    @classmethod
    def of(cls, *, seconds: list[int], zone: ZoneInfo, notice_minutes: int) -> "SlotsJson":
        # Digits, "-", ":", "T" and "+" only: each item is its text in quotes, unescaped.
        items, offsets = engine.rfc3339_json_items(seconds, zone)
        return cls(notice_minutes, array("q", seconds), offsets, items.encode("ascii"))

    def array_from(self, moment: float) -> bytes:
        """The JSON array of the starts at or after ``moment`` (UTC seconds)."""
        first = bisect_left(self.seconds, moment)
        return b"[" + self.items[self.offsets[first] :] + b"]" if first < len(self.seconds) else b"[]"


def _key_parts(*, area_id: int, tz: ZoneInfo, window, now: dt.datetime) -> tuple:
    bucket = int(now.timestamp()) // CACHE_BUCKET_SECONDS
    return (area_id, tz.key, int(window[0].timestamp()), int(window[1].timestamp()), bucket)


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
    ``tz``, inclusive.

    Served from the cache when this expert's data has not changed since (see
    ``scheduling.cache``); the minimum notice is applied again against the real ``now``
    because a cached answer was computed a little earlier (within one 5-minute bucket).
    """
    now = now or timezone.now()
    window = engine.utc_window_for_dates(tz.key, start_date, end_date)
    parts = ("starts", area.duration_minutes, *_key_parts(area_id=area.pk, tz=tz, window=window, now=now))
    seconds = slots_cached(
        expert_id=expert.pk,
        parts=parts,
        compute=lambda: array(
            "q", _engine_seconds(expert=expert, duration_minutes=area.duration_minutes, window=window, now=now)
        ),
    )
    first = bisect_left(seconds, now.timestamp() + expert.min_notice_minutes * 60)
    return [dt.datetime.fromtimestamp(second, dt.UTC) for second in seconds[first:]]


def public_slots_json(
    *,
    expert_id: int,
    area_id: int,
    start_date: dt.date,
    end_date: dt.date,
    tz: ZoneInfo,
    now: dt.datetime | None = None,
) -> bytes:
    """``slots_available`` by ids for the public API, as the JSON array of the starts in
    RFC 3339 in ``tz``: a cache hit runs no query and formats nothing.

    The expert and area are checked (404s) only when the answer is computed; that is
    safe because everything that could make them unbookable (hiding the expert,
    deactivating the user, changing or deleting the area) invalidates the expert's
    cached answers. Errors are never cached.
    """
    now = now or timezone.now()
    window = engine.utc_window_for_dates(tz.key, start_date, end_date)

    def compute() -> SlotsJson:
        read = public_slot_inputs(expert_id=expert_id, area_id=area_id, window=window)
        if read is None:  # raises the 404 that says which is missing (or finds a fresh one)
            area = bookable_area(expert_id=expert_id, area_id=area_id)
            expert, duration_minutes = area.expert, area.duration_minutes
        else:
            expert, duration_minutes = read.expert, read.duration_minutes
        seconds = _engine_seconds(expert=expert, duration_minutes=duration_minutes, window=window, now=now, read=read)
        return SlotsJson.of(seconds=seconds, zone=tz, notice_minutes=expert.min_notice_minutes)

    parts = ("public-json", *_key_parts(area_id=area_id, tz=tz, window=window, now=now))
    answer = slots_cached(expert_id=expert_id, parts=parts, compute=compute)
    return answer.array_from(now.timestamp() + answer.notice_minutes * 60)


def _engine_seconds(
    *,
    expert: ExpertProfile,
    duration_minutes: int,
    window,
    now: dt.datetime,
    exclude_call_id: int | None = None,
    read: PublicSlotInputs | None = None,
) -> list[int]:
    """The engine's starts; its inputs are read here unless ``read`` already holds them."""
    expert_zone = ZoneInfo(expert.timezone)
    rules = rules_of(expert)
    bounds = {
        "first_date": window[0].astimezone(expert_zone).date() - _OVERRIDE_MARGIN,
        "last_date": window[1].astimezone(expert_zone).date() + _OVERRIDE_MARGIN,
        "busy_window": engine.busy_window(
            timezone=expert.timezone,
            rules=rules,
            duration_minutes=duration_minutes,
            window_start=window[0],
            window_end=window[1],
        ),
    }
    if read is not None and read.covers(**bounds):
        availability, busy = read.inputs
    else:
        availability, busy = slot_inputs_of(expert=expert, **bounds, exclude_call_id=exclude_call_id)
    return engine.slot_start_seconds(
        availability=availability,
        rules=rules,
        busy=busy,
        duration_minutes=duration_minutes,
        now=now,
        window_start=window[0],
        window_end=window[1],
    )
