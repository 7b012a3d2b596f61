"""Everything the slot engine needs about one expert, read in one query.

Weekly ranges, date overrides, calls holding their time and external busy blocks are
four kinds of rows; a ``UNION ALL`` reads them in one round trip (the booking services'
check under the expert's row lock; the slots endpoint's cache miss reads them with the
public expert and area in the same query, ``public_slot_inputs``). Each row
carries every column of ``_COLUMNS``, NULL where its kind has no such value. For one
expert the statement is written once per database (``_one_expert_sql``), for many
(the directory) it is built by the ORM (``_rows``); a test keeps the two equal.
"""

import datetime as dt
import functools
from collections import defaultdict
from dataclasses import dataclass

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

from accounts.models import ExpertArea, ExpertProfile, Role, User
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
def _one_expert_sql(alias: str, *, exclude_call: bool, user: str = "%s") -> str:
    """``slot_inputs_of``'s query, written once per database: the hot path of every slot
    answer computed. Building the same ``UNION ALL`` through the ORM (four querysets of
    nine typed columns) cost several times its execution on each request; the rows,
    their columns and their meaning are those of ``_rows`` (a test compares the two).
    ``user`` is the SQL of the expert's user id: a parameter, or a subquery."""
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
    held = f"{column(Call, 'active')} AND {column(Call, 'expert')} = {user}"  # a Call's expert is a User
    held += f" AND {column(Call, 'scheduled_start')} < %s AND {column(Call, 'scheduled_end')} > %s"
    if exclude_call:
        held += f" AND {column(Call, 'id')} <> %s"
    calls = select(
        Call, held, source=kind(_CALL), start=column(Call, "scheduled_start"), minutes=column(Call, "duration_minutes")
    )
    blocks = select(
        ExternalBusy,
        f"{column(ExternalBusy, 'user')} = {user} AND {column(ExternalBusy, 'start')} < %s AND {column(ExternalBusy, 'end')} > %s",
        source=kind(_BLOCK),
        start=column(ExternalBusy, "start"),
        end=column(ExternalBusy, "end"),
    )
    return f"{weekly} UNION ALL {overrides} UNION ALL {calls} UNION ALL {blocks}"


# What the slots need of an expert (the rules, the zone and the ids that key the inputs),
# read by ``public_slot_inputs`` in the order of its query's first columns.
_TERMS_FIELDS = (
    "id",
    "user_id",
    "timezone",
    "min_notice_minutes",
    "horizon_days",
    "buffer_before_minutes",
    "buffer_after_minutes",
    "daily_limit",
)
# ``public_slot_inputs`` reads before it knows the expert's zone and rules: this much
# either side of the asked window covers any zone's local days (offsets stay within a
# day of UTC) and any buffers and call length the rules allow; ``covers`` checks.
_PUBLIC_REACH = dt.timedelta(days=3)


@dataclass(frozen=True)
class PublicSlotInputs:
    """The public expert (only ``_TERMS_FIELDS`` loaded, the others deferred), the length
    of the asked service and the engine's inputs, read for overrides between two UTC dates
    and busy time within ``busy_window``."""

    expert: ExpertProfile
    duration_minutes: int
    inputs: tuple[engine.Availability, list[engine.BusyInterval]]
    first_date: dt.date
    last_date: dt.date
    busy_window: tuple[dt.datetime, dt.datetime]

    def covers(self, *, first_date: dt.date, last_date: dt.date, busy_window: tuple[dt.datetime, dt.datetime]) -> bool:
        """Whether these inputs hold all ``slot_inputs_of`` would read for these bounds
        (more rows than it would read leave the engine's answer as it is)."""
        return (
            self.first_date <= first_date
            and last_date <= self.last_date
            and self.busy_window[0] <= busy_window[0]
            and busy_window[1] <= self.busy_window[1]
        )


def public_slot_inputs(
    *, expert_id: int, area_id: int, window: tuple[dt.datetime, dt.datetime]
) -> PublicSlotInputs | None:
    """``selectors.bookable_area`` and ``slot_inputs_of`` for a public slots answer, in one
    query: ``None`` when the expert is not public or the area not theirs and active
    (``bookable_area`` then says which, for the 404), else the inputs for ``window``
    (aware UTC) and ``_PUBLIC_REACH`` either side of it.

    The slots answer's cache miss: the ORM built ``bookable_area``'s query (three tables,
    every column of two) in several times the time it runs, and a second round trip
    cost as much again. Who is public is ``experts_public``'s rule (a test keeps the two
    equal)."""
    connection = connections[router.db_for_read(WeeklyRange)]
    first_date = window[0].date() - _PUBLIC_REACH
    last_date = window[1].date() + _PUBLIC_REACH
    busy_window = (window[0] - _PUBLIC_REACH, window[1] + _PUBLIC_REACH)
    adapt_date, adapt_moment = connection.ops.adapt_datefield_value, connection.ops.adapt_datetimefield_value
    first, last = adapt_moment(busy_window[0]), adapt_moment(busy_window[1])
    params = [area_id, expert_id, Role.EXPERT.value]
    params += [expert_id, expert_id, adapt_date(first_date), adapt_date(last_date), expert_id, last, first]
    params += [expert_id, last, first]
    with connection.cursor() as cursor:
        cursor.execute(_public_sql(connection.alias), params)
        rows = cursor.fetchall()
    if not rows:
        return None
    duration_at = len(_TERMS_FIELDS)  # then the area's duration, then _COLUMNS
    expert = ExpertProfile.from_db(connection.alias, _TERMS_FIELDS, rows[0][:duration_at])
    # a LEFT JOIN: an expert without any input row still gets one row, its source NULL
    found = [row[duration_at + 1 :] for row in rows if row[duration_at + 2] is not None]
    inputs = _inputs(_converted(found, connection), timezone=expert.timezone)
    return PublicSlotInputs(expert, rows[0][duration_at], inputs, first_date, last_date, busy_window)


@functools.cache
def _public_sql(alias: str) -> str:
    """The public expert's terms (``_TERMS_FIELDS`` and the area's duration) on every row
    of ``_one_expert_sql``'s (their user id read by a subquery)."""
    quote = connections[alias].ops.quote_name
    aliases = {ExpertArea: "area", ExpertProfile: "expert", User: "account"}

    def table(model) -> str:
        return f"{quote(model._meta.db_table)} {aliases[model]}"

    def column(model, name: str) -> str:
        return f"{aliases[model]}.{quote(model._meta.get_field(name).column)}"

    selected = [column(ExpertProfile, name.removesuffix("_id")) for name in _TERMS_FIELDS]
    terms = (
        f"SELECT {', '.join(selected)}, {column(ExpertArea, 'duration_minutes')}"
        f" FROM {table(ExpertArea)}"
        f" JOIN {table(ExpertProfile)} ON {column(ExpertProfile, 'id')} = {column(ExpertArea, 'expert')}"
        f" JOIN {table(User)} ON {column(User, 'id')} = {column(ExpertProfile, 'user')}"
        f" WHERE {column(ExpertArea, 'id')} = %s AND {column(ExpertArea, 'active')}"
        f" AND {column(ExpertProfile, 'id')} = %s AND {column(ExpertProfile, 'is_listed')}"
        f" AND {column(User, 'is_active')} AND {column(User, 'role')} = %s"
    )
    user = (
        f"(SELECT {quote(ExpertProfile._meta.get_field('user').column)} FROM {quote(ExpertProfile._meta.db_table)}"
        f" WHERE {quote(ExpertProfile._meta.pk.column)} = %s)"
    )
    rows = _one_expert_sql(alias, exclude_call=False, user=user)
    return f"SELECT * FROM ({terms}) terms LEFT JOIN ({rows}) inputs ON TRUE"


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
