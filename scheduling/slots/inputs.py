"""What the slot engine is given: plain, validated values with no Django in sight.

Times of day are minutes after local midnight, 0–1440, exactly as the models store them
(``scheduling.wallclock``): 1440 is "24:00", the end of the day, and a range always ends
after it starts (no range crosses midnight; 22:00–24:00 plus 00:00–02:00 the next day
join into one stretch of availability).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from scheduling.wallclock import MINUTES_PER_DAY

AVAILABLE = "available"
UNAVAILABLE = "unavailable"


def _check_minutes(start: int, end: int) -> None:
    if not 0 <= start < end <= MINUTES_PER_DAY:
        raise ValueError(f"A range needs 0 <= start < end <= {MINUTES_PER_DAY}, got {start}–{end}.")


def require_aware(**moments: datetime) -> None:
    for name, moment in moments.items():
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError(f"{name} must be an aware datetime.")


@dataclass(frozen=True, slots=True)
class WeeklyRange:
    """A recurring range of one weekday (0 = Monday … 6 = Sunday), local wall-clock time."""

    weekday: int
    start_minute: int
    end_minute: int

    def __post_init__(self) -> None:
        if not 0 <= self.weekday <= 6:
            raise ValueError(f"weekday must be 0 (Monday) to 6 (Sunday), got {self.weekday}.")
        _check_minutes(self.start_minute, self.end_minute)


@dataclass(frozen=True, slots=True)
class DateOverride:
    """Extra availability (``available``, always a range) or time off (``unavailable``, a
    range, or the whole local day when both ends are ``None``) on one local date."""

    date: date
    kind: str
    start_minute: int | None = None
    end_minute: int | None = None

    def __post_init__(self) -> None:
        if self.kind not in (AVAILABLE, UNAVAILABLE):
            raise ValueError(f"kind must be {AVAILABLE!r} or {UNAVAILABLE!r}, got {self.kind!r}.")
        if self.start_minute is None or self.end_minute is None:
            if self.start_minute != self.end_minute or self.kind == AVAILABLE:
                raise ValueError("Only time off may leave out the range, and then both ends.")
        else:
            _check_minutes(self.start_minute, self.end_minute)

    @property
    def is_whole_day(self) -> bool:
        return self.start_minute is None


@dataclass(frozen=True, slots=True)
class BusyInterval:
    """Time the expert cannot take a call: one of their calls (``is_call``, which the
    buffers surround and the daily limit counts) or an external busy block."""

    start: datetime
    end: datetime
    is_call: bool = True

    def __post_init__(self) -> None:
        require_aware(start=self.start, end=self.end)
        if self.end <= self.start:
            raise ValueError("A busy interval must end after it starts.")

    @classmethod
    def call(cls, start: datetime, duration_minutes: int) -> "BusyInterval":
        return cls(start, start + timedelta(minutes=duration_minutes), is_call=True)

    @classmethod
    def block(cls, start: datetime, end: datetime) -> "BusyInterval":
        return cls(start, end, is_call=False)


@dataclass(frozen=True, slots=True)
class BookingRules:
    """The expert's booking rules (field names as on ``ExpertProfile``)."""

    min_notice_minutes: int = 120
    horizon_days: int = 60
    buffer_before_minutes: int = 0
    buffer_after_minutes: int = 0
    daily_limit: int | None = None

    def __post_init__(self) -> None:
        amounts = (self.min_notice_minutes, self.horizon_days, self.buffer_before_minutes, self.buffer_after_minutes)
        if min(amounts) < 0:
            raise ValueError("Notice, horizon and buffers cannot be negative.")
        if self.daily_limit is not None and self.daily_limit < 1:
            raise ValueError("daily_limit is None (no limit) or at least 1.")


@dataclass(frozen=True, slots=True)
class Availability:
    """An expert's zone (IANA name), weekly ranges and date overrides."""

    timezone: str
    weekly: Sequence[WeeklyRange] = ()
    overrides: Sequence[DateOverride] = ()

    def __post_init__(self) -> None:
        ZoneInfo(self.timezone)  # an unknown zone fails here, not halfway through a request
