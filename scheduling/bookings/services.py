"""Booking a call (SPEC §3): check the slot, reserve it, open the payment.

Two requests for overlapping time can never both win. The service locks the expert's
profile row, so bookings of one expert are decided one at a time against committed
data; PostgreSQL's exclusion constraints on ``calls.Call`` catch whatever gets past that
(the same client booking two experts at once, or any code path that forgot the lock).
A loser gets a 409 and leaves no row behind.
"""

import datetime as dt
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import ExpertArea
from calls.models import Call
from payments.services import payment_create
from procusmeet.api.errors import NotFound
from scheduling import selectors
from scheduling.bookings.errors import BookingForbidden, BookingInvalid
from scheduling.bookings.states import Action
from scheduling.bookings.steps import (
    client_busy_at,
    client_busy_error,
    event_record,
    expert_lock,
    not_offered_error,
    overlap_error,
    start_checked,
    start_normalised,
)
from scheduling.cache import slots_cache_invalidate
from scheduling.models_booking import Booking

logger = logging.getLogger(__name__)


def booking_create(*, client, area: ExpertArea, start: dt.datetime, now: dt.datetime | None = None) -> Booking:
    """Book ``area`` at ``start`` (any UTC offset) for ``client``: Call ``scheduled``,
    Booking ``pending`` and Payment ``pending`` with the provider's checkout opened, all
    in one transaction.

    Errors: ``BookingForbidden`` (not a client), ``BookingInvalid`` (400: unknown or
    inactive service, a start in the past or off the expert's 15-minute grid),
    ``SlotTaken`` / ``SlotUnavailable`` / ``ClientBusy`` (409), and the provider's
    ``PaymentProviderUnavailable`` (503) / ``PaymentProviderError`` (502), after which
    nothing is left behind.
    """
    if not client.is_authenticated or not client.is_client:
        raise BookingForbidden(_("Only clients can book calls."))
    start = start_normalised(start)
    try:
        booking = _booking_create(client=client, area_id=area.pk, start=start, now=now or timezone.now())
    except IntegrityError as error:
        raise overlap_error(error) from None
    logger.info("booking created booking=%s call=%s start=%s", booking.pk, booking.call_id, start.isoformat())
    return booking


def _unbookable() -> BookingInvalid:
    message = _("This service cannot be booked.")
    return BookingInvalid(message, fields={"area": [message]})


def _bookable(*, expert_id: int, area_id: int) -> ExpertArea:
    """The area, active, of a public expert (read under the expert's lock)."""
    try:
        return selectors.bookable_area(expert_id=expert_id, area_id=area_id)
    except NotFound:
        raise _unbookable() from None


@transaction.atomic
def _booking_create(*, client, area_id: int, start: dt.datetime, now: dt.datetime) -> Booking:
    expert_id = ExpertArea.objects.filter(pk=area_id).values_list("expert_id", flat=True).first()
    if expert_id is None:
        raise _unbookable()
    expert = expert_lock(expert_id)
    area = _bookable(expert_id=expert_id, area_id=area_id)  # under the lock: price and flag are settled
    start_checked(expert=expert, start=start, now=now)
    minutes = area.duration_minutes
    client_busy = client_busy_at(client_id=client.pk, start=start, minutes=minutes)
    if not selectors.start_offered(expert=expert, duration_minutes=minutes, start=start, now=now):
        # A client booking again what they already hold (a second click, another tab)
        # is told so, not that "someone" took it.
        raise client_busy_error() if client_busy else not_offered_error(expert=expert, start=start, minutes=minutes)
    if client_busy:
        raise client_busy_error()
    call = Call.objects.create(
        expert_id=expert.user_id,
        client=client,
        area=area,
        scheduled_start=start,
        duration_minutes=minutes,
        scheduled_end=start + dt.timedelta(minutes=minutes),
    )
    booking = Booking.objects.create(call=call)
    event_record(booking, actor=client, action=Action.CREATE, from_status="", data={"start": start.isoformat()})
    payment_create(call=call, amount=area.price, currency=area.currency, email=client.email)
    slots_cache_invalidate(expert_id=expert.pk)
    return booking
