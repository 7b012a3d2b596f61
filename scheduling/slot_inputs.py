"""Everything the slot engine needs about one expert, read in one query.

Weekly ranges, date overrides, calls holding their time and external busy blocks are
four kinds of rows; a ``UNION ALL`` reads them in one round trip (the slots endpoint's
cache miss, and the booking services' check under the expert's row lock). Each row
carries every column of ``_COLUMNS``, NULL where its kind has no such value.
"""

import datetime as dt
from collections import defaultdict

from django.db.models import (
    CharField,
    DateField,
    DateTimeField,
    F,
    IntegerField,
    QuerySet,
    Value,
)
from django.db.models.functions import Cast

from accounts.models import ExpertProfile
from calendars.models import ExternalBusy
from calls.models import Call
from scheduling import slots as engine
from scheduling.models import DateOverride, WeeklyRange

_COLUMNS = {
    "expert": IntegerField,  # the ExpertProfile id (many experts share one query)
    "source": CharField,
    "weekday": IntegerField,
    "day": DateField,
    "start_minute": IntegerField,
    "end_minute": IntegerField,
    "start": DateTimeField,
    "end": DateTimeField,
    "minutes": IntegerField,
}
# Row kinds besides the override kinds ("available", "unavailable").
_WEEKLY, _CALL, _BLOCK = "weekly", "call", "block"


def slot_inputs_of(
    *,
    expert: ExpertProfile,
    first_date: dt.date,
    last_date: dt.date,
    busy_window: tuple[dt.datetime, dt.datetime],
    exclude_call_id: int | None = None,
) -> tuple[engine.Availability, list[engine.BusyInterval]]:
    """The expert's availability (weekly ranges, and overrides between two expert-local
    dates) and busy time within ``busy_window`` (aware UTC start, end), in one query.

    Busy time is one ``BusyInterval.call`` per call that holds its time (booking pending
    or confirmed; ``Call.active``) and overlaps the window, each with its own duration,
    and one ``BusyInterval.block`` per span of the expert's external calendars (app
    ``calendars``, fetched by the worker): no buffers around those, not counted as calls.
    The caller passes the engine's ``busy_window``, which already covers buffers and whole
    local days for the daily limit. ``exclude_call_id`` leaves one call out (a reschedule
    checks the new start against the expert's *other* calls). Every change to any of these
    rows calls ``scheduling.cache.slots_cache_invalidate``.
    """
    calls = Call.objects.filter(
        expert_id=expert.user_id, active=True, scheduled_start__lt=busy_window[1], scheduled_end__gt=busy_window[0]
    )
    if exclude_call_id is not None:
        calls = calls.exclude(pk=exclude_call_id)
    weekly = WeeklyRange.objects.filter(expert=expert)
    overrides = DateOverride.objects.filter(expert=expert, date__range=(first_date, last_date))
    blocks = ExternalBusy.objects.filter(user_id=expert.user_id, start__lt=busy_window[1], end__gt=busy_window[0])
    rows = _weekly_rows(weekly).union(
        _override_rows(overrides),
        _rows(calls, source=Value(_CALL), start=F("scheduled_start"), minutes=F("duration_minutes")),
        _rows(blocks, source=Value(_BLOCK), start=F("start"), end=F("end")),
        all=True,
    )
    return _inputs(rows, timezone=expert.timezone)


def availability_of_many(
    *, experts: list[ExpertProfile], first_date: dt.date, last_date: dt.date
) -> dict[int, engine.Availability]:
    """The availability part of ``slot_inputs_of`` (weekly ranges, and overrides between
    two expert-local dates) for many experts in one query, by expert id."""
    ids = [expert.pk for expert in experts]
    rows = _weekly_rows(WeeklyRange.objects.filter(expert_id__in=ids)).union(
        _override_rows(DateOverride.objects.filter(expert_id__in=ids, date__range=(first_date, last_date))),
        all=True,
    )
    rows_of = defaultdict(list)
    for row in rows:
        rows_of[row[0]].append(row)
    return {expert.pk: _inputs(rows_of[expert.pk], timezone=expert.timezone)[0] for expert in experts}


def _weekly_rows(weekly: QuerySet) -> QuerySet:
    return _rows(
        weekly,
        expert=F("expert_id"),
        source=Value(_WEEKLY),
        weekday=F("weekday"),
        start_minute=F("start_minute"),
        end_minute=F("end_minute"),
    )


def _override_rows(overrides: QuerySet) -> QuerySet:
    return _rows(
        overrides,
        expert=F("expert_id"),
        source=F("kind"),
        day=F("date"),
        start_minute=F("start_minute"),
        end_minute=F("end_minute"),
    )


def _inputs(rows, *, timezone: str) -> tuple[engine.Availability, list[engine.BusyInterval]]:
    ranges, dated, busy = [], [], []
    for _expert, source, weekday, day, start_minute, end_minute, start, end, minutes in rows:
        if source == _WEEKLY:
            ranges.append(engine.WeeklyRange(weekday, start_minute, end_minute))
        elif source == _CALL:
            busy.append(engine.BusyInterval.call(start, minutes))
        elif source == _BLOCK:
            busy.append(engine.BusyInterval.block(start, end))
        else:
            dated.append(engine.DateOverride(day, source, start_minute, end_minute))
    return engine.Availability(timezone=timezone, weekly=ranges, overrides=dated), busy


def _rows(queryset: QuerySet, **columns) -> QuerySet:
    """``queryset`` as rows of ``_COLUMNS``: the given ones from these expressions, the
    others NULL. The NULLs are typed: PostgreSQL matches a UNION's column types pair by
    pair, and two untyped NULLs would make a text column that a date cannot join."""
    selected = {
        f"input_{name}": columns[name] if name in columns else Cast(Value(None), field())
        for name, field in _COLUMNS.items()
    }
    return queryset.order_by().annotate(**selected).values_list(*selected)
