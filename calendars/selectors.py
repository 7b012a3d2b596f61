"""Reads of calendar sync shared by pages, the API, the feed and the slot engine."""

import datetime as dt
import re

from django.db.models import Count, Q, QuerySet

from calendars.models import CalendarFeed, ExternalBusy, ExternalCalendar

FEED_PAST = dt.timedelta(days=60)
_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")


def feed_of(*, user) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()


def feed_by_token(*, token: str) -> CalendarFeed | None:
    # Tokens are ``secrets.token_urlsafe``; anything else (a NUL byte, which PostgreSQL
    # refuses in text) cannot match and never reaches the database.
    if not _TOKEN.fullmatch(token):
        return None
    return CalendarFeed.objects.select_related("user").filter(token=token, user__is_active=True).first()


def feed_bookings(*, user, now: dt.datetime):
    """The user's calls a calendar should show, from two months back: confirmed or
    completed ones, and paid requests still waiting for the expert (tentative)."""
    from scheduling.bookings.selectors import bookings_visible_to
    from scheduling.bookings.states import Action
    from scheduling.models_booking import BookingStatus

    paid_request = Q(status=BookingStatus.PENDING, call__payment__held_at__isnull=False)
    settled = Q(status__in=[BookingStatus.CONFIRMED, BookingStatus.COMPLETED])
    return (
        bookings_visible_to(user)
        .filter(paid_request | settled, call__scheduled_start__gte=now - FEED_PAST)
        .select_related("call", "call__area", "call__expert__expert_profile", "call__client")
        .annotate(sequence=Count("events", filter=Q(events__action=Action.RESCHEDULE_ACCEPT)))
        .order_by("call__scheduled_start")
    )


def external_calendars_of(*, user) -> QuerySet[ExternalCalendar]:
    return ExternalCalendar.objects.filter(user=user).order_by("created_at", "pk")


def external_busy_for_many(
    *, expert_user_ids: list[int], window: tuple[dt.datetime, dt.datetime]
) -> dict[int, list[tuple[dt.datetime, dt.datetime]]]:
    """Busy spans from the external calendars of many experts overlapping ``window``, in
    one query (a directory page), by user id. One expert's are read with the rest of the
    slot engine's inputs (``scheduling.slot_inputs``)."""
    rows = ExternalBusy.objects.filter(user_id__in=expert_user_ids, start__lt=window[1], end__gt=window[0])
    spans: dict[int, list[tuple[dt.datetime, dt.datetime]]] = {user_id: [] for user_id in expert_user_ids}
    for user_id, start, end in rows.values_list("user_id", "start", "end"):
        spans[user_id].append((start, end))
    return spans
