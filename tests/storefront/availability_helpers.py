"""A directory of experts whose free time differs in the coming week, on a frozen clock.

``NOW`` is a Wednesday 10:00 UTC; "this week" runs to the next Wednesday 10:00.
"""

import datetime as dt

from django.utils import timezone

from accounts.storefront.services import expert_profile_update
from scheduling.bookings.services import booking_create
from scheduling.services import date_override_create
from tests.storefront.helpers import add_area, expert, listed_expert

UTC = dt.UTC
NOW = dt.datetime(2026, 3, 4, 10, 0, tzinfo=UTC)  # Wednesday
NEXT_MONDAY_9 = dt.datetime(2026, 3, 9, 9, 0, tzinfo=UTC)  # the listed_expert's weekly Monday hours
TOMORROW_9 = dt.datetime(2026, 3, 5, 9, 0, tzinfo=UTC)
NEXT_MONTH_9 = dt.datetime(2026, 4, 3, 9, 0, tzinfo=UTC)


def extra_hours(profile, day: dt.date, start_minute: int, end_minute: int) -> None:
    date_override_create(expert=profile, date=day, kind="available", start_minute=start_minute, end_minute=end_minute)


def week_people(client_user) -> dict:
    """Five listed experts (all in UTC):

    - ``free``: Monday hours, so next Monday 09:00 is free;
    - ``next_month``: only extra hours a month ahead;
    - ``booked``: one free hour tomorrow, which ``client_user`` has booked;
    - ``away``: Monday hours, but next Monday off, so free the Monday after;
    - ``slow``: Monday hours behind a minimum notice of 8 days.
    """
    assert timezone.now() == NOW, "freeze the clock at NOW first"
    free = listed_expert("Wanda Free", timezone="UTC")
    next_month = expert("Lars Later", timezone="UTC")
    add_area(next_month)
    extra_hours(next_month, NEXT_MONTH_9.date(), 9 * 60, 12 * 60)
    booked = expert("Bola Booked", timezone="UTC")
    hour = add_area(booked, title="One hour", duration_minutes=60)
    extra_hours(booked, TOMORROW_9.date(), 9 * 60, 10 * 60)
    booking_create(client=client_user, area=hour, start=TOMORROW_9)
    away = listed_expert("Ayo Away", timezone="UTC")
    date_override_create(expert=away, date=NEXT_MONDAY_9.date(), kind="unavailable")
    slow = listed_expert("Sade Slow", timezone="UTC")
    expert_profile_update(profile=slow, min_notice_minutes=8 * 24 * 60)
    return {"free": free, "next_month": next_month, "booked": booked, "away": away, "slow": slow}
