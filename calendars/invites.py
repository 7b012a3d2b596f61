"""A booking as a calendar event: invites for emails, the "Add to calendar" download,
the Google Calendar link and the subscription feed (see ``calendars.ics``).

The UID is ``booking-<id>@<site host>`` for every copy, so calendars treat an updated
invite, a cancellation and the feed's entry as the same event; SEQUENCE counts the
accepted reschedules.
"""

import datetime as dt
from email.mime.text import MIMEText
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from calendars import ics
from notifications.booking import Parties, booking_path
from notifications.emails import absolute_url


def call_page_url(booking) -> str:
    """Where the call happens, absolute (the invite's LOCATION and URL): the call's
    lobby, the participants' way in. It says when joining opens before the window and
    sends them on to the call page; the call page itself would only refuse a token."""
    return absolute_url(reverse("calls:lobby", args=[booking.call_id]))


def booking_uid(booking_id: int) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "procusmeet.local"
    return f"booking-{booking_id}@{host}"


def _organizer() -> ics.Person:
    from email.utils import parseaddr

    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return ics.Person(name or "ProcusMeet", address)


def booking_sequence(booking) -> int:
    from scheduling.bookings.states import Action

    return booking.events.filter(action=Action.RESCHEDULE_ACCEPT).count()


def _status_and_sequence(booking, sequence: int) -> tuple[str, int]:
    """A booking that is off (cancelled, declined, expired) is a cancelled event one
    SEQUENCE above its last invite, like the CANCEL message: a copy downloaded from an
    old link, or imported earlier, must not keep the call in anyone's calendar."""
    from scheduling.models_booking import BookingStatus

    if booking.status in (BookingStatus.CONFIRMED, BookingStatus.COMPLETED):
        return ics.CONFIRMED, sequence
    if booking.status == BookingStatus.PENDING:
        return ics.TENTATIVE, sequence
    return ics.CANCELLED, sequence + 1


def booking_event(booking, *, viewer=None, sequence: int | None = None) -> ics.CallEvent:
    """The booking as a calendar event, titled for ``viewer`` (the other side's name)."""
    status, sequence = _status_and_sequence(booking, booking_sequence(booking) if sequence is None else sequence)
    call = booking.call
    expert, client = call.expert, call.client
    # The names the notifications use (a name is optional at sign-up: the email stands in).
    parties = Parties(booking, call, expert, client)
    expert_name, client_name = parties.expert_name, parties.client_name
    other = client_name if viewer is not None and viewer.pk == expert.pk else expert_name
    url = call_page_url(booking)
    return ics.CallEvent(
        uid=booking_uid(booking.pk),
        sequence=sequence,
        start=call.scheduled_start,
        end=call.scheduled_end,
        summary=_("%(area)s with %(name)s (ProcusMeet)") % {"area": call.area.title, "name": other},
        description=_("Your ProcusMeet video call. Join here: %(url)s\nBooking: %(booking)s")
        % {"url": url, "booking": absolute_url(booking_path(booking.pk))},
        url=url,
        status=status,
        organizer=_organizer(),
        attendees=(ics.Person(expert_name, expert.email), ics.Person(client_name, client.email)),
    )


def _booking_with_people(booking_id: int):
    from scheduling.models_booking import Booking

    return (
        Booking.objects.select_related("call", "call__area", "call__expert__expert_profile", "call__client")
        .filter(pk=booking_id)
        .first()
    )


def booking_invite_attachment(*, booking_id: int, method: str, viewer=None) -> MIMEText | None:
    """``invite.ics`` as ``text/calendar; method=…``: mail clients show it as an invite."""
    booking = _booking_with_people(booking_id)
    if booking is None:
        return None
    body = ics.invite(booking_event(booking, viewer=viewer), method=method, now=timezone.now())
    part = MIMEText(body.decode("utf-8"), "calendar", "utf-8")
    part.set_param("method", method)
    name = "cancel.ics" if method == ics.CANCEL else "invite.ics"
    part.add_header("Content-Disposition", "attachment", filename=name)
    return part


def booking_ics_download(booking, *, viewer) -> bytes:
    return ics.single_event(booking_event(booking, viewer=viewer), now=timezone.now())


def booking_google_link(booking, *, viewer) -> str:
    return ics.google_calendar_link(booking_event(booking, viewer=viewer))


def feed_document(*, user, bookings, now: dt.datetime | None = None) -> bytes:
    events = [booking_event(booking, viewer=user, sequence=getattr(booking, "sequence", None)) for booking in bookings]
    return ics.feed(events, name=_("ProcusMeet calls"), now=now or timezone.now())
