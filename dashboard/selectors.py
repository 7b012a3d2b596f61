"""Everything the expert's dashboard shows, read in a fixed number of queries.

Figures (SPEC §2, UX "Home/dashboard"):
- this month's earnings: the expert's share of payments released since the first of
  the month in the expert's time zone, per currency;
- completion rate: completed calls out of the requests that reached the expert (paid)
  and are closed (completed, declined, cancelled, expired, no-show);
- no-show rate: no-shows out of the calls that were due to happen (completed + no-show);
- revenue by month: the last 12 months in the expert's zone, per currency.
"""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth

from calls.models import CallStatus
from payments.balance import Balance, expert_balances
from payments.models import Payment, PaymentStatus
from payments.models_payouts import Payout
from reviews.models import ExpertRating
from scheduling.bookings.selectors import with_open_proposals
from scheduling.models_booking import Booking, BookingStatus

LIST_LIMIT = 5
MONTHS = 12
CLOSED = (BookingStatus.COMPLETED, BookingStatus.DECLINED, BookingStatus.CANCELLED, BookingStatus.EXPIRED)


def percent(part: int, whole: int) -> int | None:
    """``part`` of ``whole`` in whole percent, rounded half-up; None when there is no whole."""
    if not whole:
        return None
    return (200 * part + whole) // (2 * whole)


def month_starts(now: dt.datetime, zone: ZoneInfo, count: int = MONTHS) -> list[dt.date]:
    """The first days of the last ``count`` months, oldest first, the current one last."""
    local = now.astimezone(zone).date().replace(day=1)
    months = []
    for _ in range(count):
        months.append(local)
        local = (local - dt.timedelta(days=1)).replace(day=1)
    return months[::-1]


def _aware_midnight(day: dt.date, zone: ZoneInfo) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=zone)


@dataclass(frozen=True)
class Performance:
    completed: int
    completion_rate: int | None
    no_show_rate: int | None
    rating: ExpertRating | None


@dataclass(frozen=True)
class MonthlyRevenue:
    currency: str
    months: list[tuple[dt.date, int]]


@dataclass(frozen=True)
class Dashboard:
    zone: ZoneInfo
    upcoming: list[Booking]
    requests: list[Booking]
    month_earnings: dict[str, int]
    balances: list[Balance]
    payouts: list[Payout]
    performance: Performance
    revenue: list[MonthlyRevenue]
    calls_per_area: list[tuple[str, int]]


def _bookings(expert):
    bookings = Booking.objects.filter(call__expert=expert).select_related("call", "call__area", "call__client")
    return with_open_proposals(bookings)  # the lists flag a proposed new time


def _earned(expert, since: dt.datetime) -> dict[str, int]:
    rows = (
        Payment.objects.filter(call__expert=expert, status=PaymentStatus.SUCCEEDED, released_at__gte=since)
        .order_by()
        .values("currency")
        .annotate(total=Sum("expert_share"))
    )
    return {row["currency"]: int(row["total"] or 0) for row in rows}


def _performance(expert) -> Performance:
    counts = Booking.objects.filter(call__expert=expert, call__payment__held_at__isnull=False).aggregate(
        completed=Count("pk", filter=Q(status=BookingStatus.COMPLETED)),
        closed=Count("pk", filter=Q(status__in=CLOSED)),
        no_show=Count("pk", filter=Q(call__status=CallStatus.NO_SHOW)),
    )
    completed, no_show = counts["completed"], counts["no_show"]
    return Performance(
        completed=completed,
        completion_rate=percent(completed, counts["closed"]),
        no_show_rate=percent(no_show, completed + no_show),
        rating=ExpertRating.objects.filter(expert__user=expert, rating_count__gt=0).first(),
    )


def _revenue(expert, months: list[dt.date], zone: ZoneInfo) -> list[MonthlyRevenue]:
    rows = (
        Payment.objects.filter(
            call__expert=expert,
            status=PaymentStatus.SUCCEEDED,
            released_at__gte=_aware_midnight(months[0], zone),
        )
        .annotate(month=TruncMonth("released_at", tzinfo=zone))
        .order_by()
        .values("month", "currency")
        .annotate(total=Sum("expert_share"))
    )
    totals: dict[str, dict[dt.date, int]] = {}
    for row in rows:
        totals.setdefault(row["currency"], {})[row["month"].date()] = int(row["total"] or 0)
    return [
        MonthlyRevenue(currency, [(month, by_month.get(month, 0)) for month in months])
        for currency, by_month in sorted(totals.items())
    ]


def _calls_per_area(expert) -> list[tuple[str, int]]:
    rows = (
        Booking.objects.filter(call__expert=expert, status=BookingStatus.COMPLETED)
        .order_by()
        .values("call__area__title")
        .annotate(calls=Count("pk"))
        .order_by("-calls", "call__area__title")
    )
    return [(row["call__area__title"], row["calls"]) for row in rows]


def expert_dashboard(*, expert, now: dt.datetime) -> Dashboard:
    """The expert's dashboard as of ``now`` (ten queries, whatever the history)."""
    zone = ZoneInfo(expert.expert_profile.timezone)
    months = month_starts(now, zone)
    upcoming = _bookings(expert).filter(status=BookingStatus.CONFIRMED, call__scheduled_end__gt=now)
    requests = _bookings(expert).filter(status=BookingStatus.PENDING, call__payment__held_at__isnull=False)
    return Dashboard(
        zone=zone,
        upcoming=list(upcoming.order_by("call__scheduled_start", "pk")[:LIST_LIMIT]),
        requests=list(requests.order_by("call__scheduled_start", "pk")[:LIST_LIMIT]),
        month_earnings=_earned(expert, _aware_midnight(months[-1], zone)),
        balances=expert_balances(expert=expert),
        payouts=list(Payout.objects.filter(expert=expert).order_by("-requested_at", "-pk")[:LIST_LIMIT]),
        performance=_performance(expert),
        revenue=_revenue(expert, months, zone),
        calls_per_area=_calls_per_area(expert),
    )
