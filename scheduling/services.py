"""Every write to an expert's availability goes through these functions.

Each write locks the expert's profile row, so two editors (two tabs, the API and the
page) change one expert's ranges one after the other and the overlap check sees the
other's result. Every write invalidates the expert's cached slot answers.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import ExpertProfile
from scheduling.cache import slots_cache_invalidate
from scheduling.errors import (
    AvailabilityInvalid,
    OverrideNotFound,
    RangesOverlap,
    WeeklyRangeNotFound,
)
from scheduling.models import DateOverride, OverrideKind, Weekday, WeeklyRange
from scheduling.selectors import bookable_until_expression
from scheduling.wallclock import MINUTES_PER_DAY, format_hhmm, parse_hhmm

MAX_WEEKLY_RANGES = 7 * 24
MAX_UPCOMING_OVERRIDES = 400
# Far enough for any booking horizon (at most 365 days) to reach it in time; anything
# later is almost surely a typing mistake (9999-12-31).
MAX_OVERRIDE_DAYS_AHEAD = 730


@dataclass(frozen=True)
class RangeSpec:
    """A weekly range as given by a caller, before it is stored."""

    weekday: int
    start_minute: int
    end_minute: int

    def label(self) -> str:
        return f"{Weekday(self.weekday).label} {format_hhmm(self.start_minute)}–{format_hhmm(self.end_minute)}"


def _lock_expert(expert: ExpertProfile) -> None:
    ExpertProfile.objects.select_for_update().filter(pk=expert.pk).values_list("pk", flat=True).first()


def _availability_changed(expert: ExpertProfile) -> None:
    """After any change to the expert's hours: forget cached slots and recompute the
    directory's ``bookable_until`` (on the row and on the instance, so a later save of
    this instance cannot write the old value back)."""
    slots_cache_invalidate(expert_id=expert.pk)
    expert_bookable_until_refresh(expert_ids=[expert.pk])
    expert.bookable_until = ExpertProfile.objects.values_list("bookable_until", flat=True).get(pk=expert.pk)


def expert_bookable_until_refresh(*, expert_ids: Iterable[int] | None = None) -> int:
    """Recompute ``bookable_until`` in one UPDATE (``None``: every expert, for bulk loads)."""
    profiles = ExpertProfile.objects.all() if expert_ids is None else ExpertProfile.objects.filter(pk__in=list(expert_ids))
    return profiles.update(bookable_until=bookable_until_expression())


def _check_bounds(start_minute: int | None, end_minute: int | None) -> None:
    if start_minute is None or end_minute is None:
        raise AvailabilityInvalid(_("A range needs a start and an end."), fields={"end": [_("Give both start and end.")]})
    if not 0 <= start_minute < MINUTES_PER_DAY or not 0 < end_minute <= MINUTES_PER_DAY:
        raise AvailabilityInvalid(_("Times must lie within the day."), fields={"start": [_("Use 00:00–24:00.")]})
    if end_minute <= start_minute:
        raise AvailabilityInvalid(_("The end must be after the start."), fields={"end": [_("Must be after the start.")]})


def weekly_count_check(count: int) -> None:
    """Refuse more weekly ranges than a week can hold (the API checks a list's length
    with this before reading its items)."""
    if count > MAX_WEEKLY_RANGES:
        raise AvailabilityInvalid(_("Too many weekly ranges."), fields={"ranges": [_("At most %d.") % MAX_WEEKLY_RANGES]})


def _check_weekly(specs: list[RangeSpec]) -> None:
    """Refuse out-of-range values and overlaps, naming the ranges that collide.

    Adjacent ranges (09:00–12:00 and 12:00–17:00) do not overlap and stay as given.
    """
    weekly_count_check(len(specs))
    for spec in specs:
        if spec.weekday not in Weekday.values:
            raise AvailabilityInvalid(_("Weekday must be 0 (Monday) to 6 (Sunday)."), fields={"weekday": [_("Use 0–6.")]})
        _check_bounds(spec.start_minute, spec.end_minute)
    ordered = sorted(specs, key=lambda s: (s.weekday, s.start_minute))
    for earlier, later in pairwise(ordered):
        if earlier.weekday == later.weekday and later.start_minute < earlier.end_minute:
            message = _("%(a)s overlaps %(b)s.") % {"a": later.label(), "b": earlier.label()}
            raise RangesOverlap(message, fields={"ranges": [message]})


def _existing_specs(expert: ExpertProfile, *, excluding: int | None = None) -> list[RangeSpec]:
    rows = WeeklyRange.objects.filter(expert=expert).exclude(pk=excluding)
    return [RangeSpec(r.weekday, r.start_minute, r.end_minute) for r in rows]


@transaction.atomic
def weekly_ranges_replace(*, expert: ExpertProfile, ranges: Iterable[RangeSpec]) -> list[WeeklyRange]:
    """Replace the expert's whole weekly set at once (``PUT /expert/availability``).

    Overlapping ranges are refused with an error naming them, so what is read back is
    exactly what was written.
    """
    specs = list(ranges)
    _check_weekly(specs)
    _lock_expert(expert)
    WeeklyRange.objects.filter(expert=expert).delete()
    created = WeeklyRange.objects.bulk_create(
        WeeklyRange(expert=expert, weekday=s.weekday, start_minute=s.start_minute, end_minute=s.end_minute)
        for s in sorted(specs, key=lambda s: (s.weekday, s.start_minute))
    )
    _availability_changed(expert)
    return created


@transaction.atomic
def weekly_range_add(*, expert: ExpertProfile, weekday: int, start_minute: int, end_minute: int) -> WeeklyRange:
    """Add one range (the editor's "add hours"); refused if it overlaps another."""
    _lock_expert(expert)
    spec = RangeSpec(weekday, start_minute, end_minute)
    _check_weekly([*_existing_specs(expert), spec])
    weekly_range = WeeklyRange.objects.create(expert=expert, weekday=weekday, start_minute=start_minute, end_minute=end_minute)
    _availability_changed(expert)
    return weekly_range


def _own_range(expert: ExpertProfile, range_id: int) -> WeeklyRange:
    try:
        return WeeklyRange.objects.get(pk=range_id, expert=expert)
    except WeeklyRange.DoesNotExist:
        raise WeeklyRangeNotFound(_("No such weekly range.")) from None


@transaction.atomic
def weekly_range_update(*, expert: ExpertProfile, range_id: int, start_minute: int, end_minute: int) -> WeeklyRange:
    """Move one range to new start/end times on its weekday."""
    _lock_expert(expert)
    weekly_range = _own_range(expert, range_id)
    spec = RangeSpec(weekly_range.weekday, start_minute, end_minute)
    _check_weekly([*_existing_specs(expert, excluding=weekly_range.pk), spec])
    weekly_range.start_minute, weekly_range.end_minute = start_minute, end_minute
    weekly_range.save(update_fields=["start_minute", "end_minute"])
    _availability_changed(expert)
    return weekly_range


@transaction.atomic
def weekly_range_delete(*, expert: ExpertProfile, range_id: int) -> None:
    _lock_expert(expert)
    _own_range(expert, range_id).delete()
    _availability_changed(expert)


def expert_today(expert: ExpertProfile) -> dt.date:
    """The expert's local calendar date now (overrides are dated in it)."""
    return timezone.now().astimezone(ZoneInfo(expert.timezone)).date()


@transaction.atomic
def date_override_create(
    *, expert: ExpertProfile, date: dt.date, kind: str, start_minute: int | None = None, end_minute: int | None = None
) -> DateOverride:
    """Add extra hours or time off on one of the expert's local dates.

    ``unavailable`` without times blocks the whole day; ``available`` always needs times.
    Past dates are refused: they can no longer change anything.
    """
    if kind not in OverrideKind.values:
        raise AvailabilityInvalid(_("Unknown kind."), fields={"kind": [_("Use available or unavailable.")]})
    if date < expert_today(expert):
        raise AvailabilityInvalid(_("That date has passed."), fields={"date": [_("Choose today or a later date.")]})
    if date > expert_today(expert) + dt.timedelta(days=MAX_OVERRIDE_DAYS_AHEAD):
        message = _("Choose a date within the next two years.")
        raise AvailabilityInvalid(message, fields={"date": [message]})
    whole_day = start_minute is None and end_minute is None
    if whole_day and kind == OverrideKind.AVAILABLE:
        raise AvailabilityInvalid(
            _("Extra availability needs a start and an end."), fields={"start": [_("Give the hours you are available.")]}
        )
    if not whole_day:
        _check_bounds(start_minute, end_minute)
    _lock_expert(expert)
    if DateOverride.objects.filter(expert=expert, date__gte=expert_today(expert)).count() >= MAX_UPCOMING_OVERRIDES:
        message = _("You have %d dates planned already; remove some first.") % MAX_UPCOMING_OVERRIDES
        raise AvailabilityInvalid(message, fields={"date": [message]})
    same = DateOverride.objects.filter(
        expert=expert, date=date, kind=kind, start_minute=start_minute, end_minute=end_minute
    )
    if same.exists():
        message = _("That date already has exactly this change.")
        raise AvailabilityInvalid(message, fields={"date": [message]})
    override = DateOverride.objects.create(
        expert=expert, date=date, kind=kind, start_minute=start_minute, end_minute=end_minute
    )
    _availability_changed(expert)
    return override


@transaction.atomic
def date_override_delete(*, expert: ExpertProfile, override_id: int) -> None:
    """Remove one of the expert's own overrides; another expert's is "not found"."""
    deleted, _rows = DateOverride.objects.filter(pk=override_id, expert=expert).delete()
    if not deleted:
        raise OverrideNotFound(_("No such override."))
    _availability_changed(expert)


def _hours(weekdays: Iterable[int], *spans: tuple[str, str]) -> list[RangeSpec]:
    return [RangeSpec(day, parse_hhmm(start), parse_hhmm(end, allow_end_of_day=True)) for day in weekdays for start, end in spans]


# Working patterns for demo experts, in each expert's own zone: office hours with lunch,
# evenings after a day job plus Saturday morning, and a Tuesday–Saturday shop week.
DEMO_WEEKS = (
    _hours(range(5), ("09:00", "12:00"), ("13:00", "17:00")),
    _hours(range(4), ("18:00", "21:00")) + _hours([5], ("10:00", "14:00")),
    _hours(range(1, 6), ("08:00", "16:00")),
)


def demo_availability_ensure(*, expert: ExpertProfile) -> bool:
    """Give a demo expert realistic weekly hours unless they have some (idempotent, for
    ``load_demo_data``). Returns whether hours were added."""
    if WeeklyRange.objects.filter(expert=expert).exists():
        return False
    weekly_ranges_replace(expert=expert, ranges=DEMO_WEEKS[expert.pk % len(DEMO_WEEKS)])
    return True
