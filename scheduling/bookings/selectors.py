"""Reads of bookings shared by the pages and the API.

Who sees what: a client sees every booking of theirs; an expert sees a booking only once
its payment has been held (an unpaid request has not reached them), and then for good.
Anyone else sees nothing, and a booking they may not see is simply not found.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from scheduling.bookings.errors import BookingNotFound
from scheduling.models_booking import Booking, BookingEvent, BookingStatus, RescheduleProposal, RescheduleStatus

ENDED = frozenset({BookingStatus.DECLINED, BookingStatus.CANCELLED, BookingStatus.EXPIRED})
PAGE_LIMIT = 200


def bookings_visible_to(user) -> QuerySet[Booking]:
    if not user.is_authenticated:
        return Booking.objects.none()
    if user.is_expert:
        return Booking.objects.filter(call__expert=user, call__payment__held_at__isnull=False)
    return Booking.objects.filter(call__client=user)


def with_open_proposals(bookings: QuerySet[Booking]) -> QuerySet[Booking]:
    """``bookings`` with their open reschedule proposal read in one more query, for
    ``open_proposal_of`` (lists that flag proposals cost no query per booking)."""
    open_proposals = RescheduleProposal.objects.filter(status=RescheduleStatus.OPEN)
    return bookings.prefetch_related(Prefetch("reschedules", queryset=open_proposals, to_attr="open_proposals"))


def _with_relations(bookings: QuerySet[Booking]) -> QuerySet[Booking]:
    """Everything a booking's answer shows, in one query plus one for open proposals."""
    return with_open_proposals(
        bookings.select_related(
            "call", "call__area", "call__expert__expert_profile", "call__client", "call__payment", "review"
        )
    )


def bookings_list(*, user, status: str | None = None) -> QuerySet[Booking]:
    """The user's bookings, newest first, optionally of one status."""
    bookings = bookings_visible_to(user)
    if status:
        bookings = bookings.filter(status=status)
    return _with_relations(bookings).order_by("-created_at", "-pk")


def booking_get_for(*, user, booking_id: int) -> Booking:
    """One booking the user may see, or ``BookingNotFound``."""
    booking = _with_relations(bookings_visible_to(user)).filter(pk=booking_id).first()
    if booking is None:
        raise BookingNotFound()
    return booking


def open_proposal_of(booking: Booking) -> RescheduleProposal | None:
    """The open proposal (prefetched by the selectors above)."""
    proposals = getattr(booking, "open_proposals", None)
    if proposals is None:
        proposals = list(booking.reschedules.filter(status=RescheduleStatus.OPEN))
    return proposals[0] if proposals else None


def booking_events(booking: Booking) -> QuerySet[BookingEvent]:
    return booking.events.select_related("actor").order_by("at", "pk")


@dataclass
class BookingGroups:
    """The groups of the "My bookings" page, in the order it shows them."""

    requests: list[Booking] = field(default_factory=list)  # the expert's to answer
    pending: list[Booking] = field(default_factory=list)  # the client's, awaiting payment or the expert
    upcoming: list[Booking] = field(default_factory=list)
    past: list[Booking] = field(default_factory=list)
    cancelled: list[Booking] = field(default_factory=list)


def bookings_grouped(*, user, now: dt.datetime) -> BookingGroups:
    """The user's bookings for the page: the expert's requests first (soonest first),
    then pending, upcoming (soonest first), past and ended (latest first)."""
    groups = BookingGroups()
    bookings = _with_relations(bookings_visible_to(user)).order_by("call__scheduled_start", "pk")[:PAGE_LIMIT]
    for booking in bookings:
        call = booking.call
        if booking.status == BookingStatus.PENDING:
            (groups.requests if user.is_expert else groups.pending).append(booking)
        elif booking.status in ENDED:
            groups.cancelled.append(booking)
        elif booking.status == BookingStatus.CONFIRMED and call.scheduled_end > now:
            groups.upcoming.append(booking)
        else:
            groups.past.append(booking)
    groups.past.reverse()
    groups.cancelled.reverse()
    return groups
