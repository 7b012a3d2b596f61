"""Everything the slot engine needs about one expert, read in one query.

Weekly ranges, date overrides, calls holding their time and external busy blocks are
four kinds of rows; a ``UNION ALL`` reads them in one round trip (the slots endpoint's
cache miss, and the booking services' check under the expert's row lock). Each row
carries every column of ``_COLUMNS``, NULL where its kind has no such value. For one
expert the statement is written once per database (``_one_expert_sql``), for many
(the directory) it is built by the ORM (``_rows``); a test keeps the two equal.
"""

import datetime as dt
import functools
from collections import defaultdict

from django.db import connections, router
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
    connection = connections[router.db_for_read(WeeklyRange)]
    sql = _one_expert_sql(connection.alias, exclude_call=exclude_call_id is not None)
    adapt_date, adapt_moment = connection.ops.adapt_datefield_value, connection.ops.adapt_datetimefield_value
    first, last = adapt_moment(busy_window[0]), adapt_moment(busy_window[1])
    params = [expert.pk, expert.pk, adapt_date(first_date), adapt_date(last_date), expert.user_id, last, first]
    params += [exclude_call_id] if exclude_call_id is not None else []
    params += [expert.user_id, last, first]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return _inputs(_converted(rows, connection), timezone=expert.timezone)


@functools.cache
def _one_expert_sql(alias: str, *, exclude_call: bool) -> str:
    """``slot_inputs_of``'s query, written once per database: the hot path of every slot
    answer computed. Building the same ``UNION ALL`` through the ORM (four querysets of
    nine typed columns) cost several times its execution on each request; the rows,
    their columns and their meaning are those of ``_rows`` (a test compares the two)."""
    connection = connections[alias]
    quote = connection.ops.quote_name

    def table(model) -> str:
        return quote(model._meta.db_table)

    def column(model, name: str) -> str:
        return quote(model._meta.get_field(name).column)

    def nulls(*names: str) -> dict[str, str]:
        return {name: f"CAST(NULL AS {_COLUMNS[name]().cast_db_type(connection)})" for name in names}

    def select(model, where: str, **columns: str) -> str:
        values = {**nulls(*_COLUMNS), **columns}
        return f"SELECT {', '.join(values[name] for name in _COLUMNS)} FROM {table(model)} WHERE {where}"

    def kind(text: str) -> str:
        return f"CAST('{text}' AS {CharField(max_length=12).cast_db_type(connection)})"

    weekly = select(
        WeeklyRange,
        f"{column(WeeklyRange, 'expert')} = %s",
        source=kind(_WEEKLY),
        weekday=column(WeeklyRange, "weekday"),
        start_minute=column(WeeklyRange, "start_minute"),
        end_minute=column(WeeklyRange, "end_minute"),
    )
    overrides = select(
        DateOverride,
        f"{column(DateOverride, 'expert')} = %s AND {column(DateOverride, 'date')} BETWEEN %s AND %s",
        source=column(DateOverride, "kind"),
        day=column(DateOverride, "date"),
        start_minute=column(DateOverride, "start_minute"),
        end_minute=column(DateOverride, "end_minute"),
    )
    held = f"{column(Call, 'active')} AND {column(Call, 'expert')} = %s"
    held += f" AND {column(Call, 'scheduled_start')} < %s AND {column(Call, 'scheduled_end')} > %s"
    if exclude_call:
        held += f" AND {column(Call, 'id')} <> %s"
    calls = select(
        Call, held, source=kind(_CALL), start=column(Call, "scheduled_start"), minutes=column(Call, "duration_minutes")
    )
    blocks = select(
        ExternalBusy,
        f"{column(ExternalBusy, 'user')} = %s AND {column(ExternalBusy, 'start')} < %s AND {column(ExternalBusy, 'end')} > %s",
        source=kind(_BLOCK),
        start=column(ExternalBusy, "start"),
        end=column(ExternalBusy, "end"),
    )
    return f"{weekly} UNION ALL {overrides} UNION ALL {calls} UNION ALL {blocks}"


def _converted(rows: list[tuple], connection) -> list[tuple]:
    """Rows read by hand, typed as the ORM would type them (SQLite returns dates and
    times as text; PostgreSQL's driver already gives ``date`` and aware ``datetime``)."""
    converters = []
    for index, (name, field) in enumerate(_COLUMNS.items()):
        if name in ("day", "start", "end"):
            expression = Value(None, output_field=field())
            converters += [(index, convert, expression) for convert in connection.ops.get_db_converters(expression)]
    if not converters:
        return rows
    converted = []
    for row in rows:
        row = list(row)
        for index, convert, expression in converters:
            row[index] = convert(row[index], expression, connection)
        converted.append(tuple(row))
    return converted


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
