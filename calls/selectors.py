"""Reads of calls shared by the pages and the API: who may see which call, why a call
cannot be joined, who attended, and the expert's own notes.

A call is visible exactly when its booking is (``scheduling.bookings.selectors``): to
its client, and to its expert once the client has paid. Anyone else gets "not found".
"""

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from calls.errors import CallNotFound, NoteNotFound
from calls.models import Call, CallAttendance, CallNote, CallStatus
from scheduling.bookings.selectors import bookings_visible_to
from scheduling.models_booking import Booking, BookingStatus


def calls_visible_to(user) -> QuerySet[Call]:
    return Call.objects.filter(booking__in=bookings_visible_to(user))


def call_get_for(*, user, call_id: int) -> Call:
    """One call the user takes part in (with its booking, people and payment), or 404."""
    call = (
        calls_visible_to(user)
        .select_related("booking", "area", "expert__expert_profile", "client", "payment")
        .filter(pk=call_id)
        .first()
    )
    if call is None:
        raise CallNotFound()
    return call


def call_of_expert(*, user, call_id: int) -> Call:
    """The call if ``user`` is its expert (for notes); everyone else, the client
    included, gets the same 404 as for a call that does not exist."""
    call = call_get_for(user=user, call_id=call_id)
    if call.expert_id != user.pk:
        raise CallNotFound()
    return call


def call_refusal(call: Call) -> str | None:
    """Why nobody can join this call now that its booking is what it is, or None when
    the booking is confirmed (the join window is the page's and the token's concern)."""
    booking: Booking = call.booking
    if booking.status == BookingStatus.CONFIRMED:
        return None
    if booking.status == BookingStatus.PENDING:
        return _("This booking is not confirmed yet: the call opens once the expert accepts it.")
    if booking.status == BookingStatus.COMPLETED:
        return _("This call has ended.")
    if call.status == CallStatus.NO_SHOW:
        return _("This call did not take place: someone did not join, and the client was refunded in full.")
    return _("This booking was %(status)s, so the call will not take place.") % {
        "status": booking.get_status_display().lower()
    }


@dataclass
class Presence:
    """One participant's attendance: each stay in the room, first join, time present."""

    user: object
    role: str
    stays: list[CallAttendance] = field(default_factory=list)

    @property
    def joined(self) -> bool:
        return any(stay.joined_at for stay in self.stays)

    @property
    def first_joined_at(self):
        return min((stay.joined_at for stay in self.stays if stay.joined_at), default=None)

    @property
    def seconds(self) -> int:
        return sum(stay.seconds or 0 for stay in self.stays)

    @property
    def minutes(self) -> int:
        return round(self.seconds / 60)


def call_absent_roles(call: Call) -> list[str]:
    """Who never joined the call's room (``expert``, ``client``), from LiveKit's webhooks."""
    joined = set(CallAttendance.objects.filter(call=call, joined_at__isnull=False).values_list("user_id", flat=True))
    return [role for role, user_id in (("expert", call.expert_id), ("client", call.client_id)) if user_id not in joined]


def call_presence(call: Call) -> list[Presence]:
    """The expert's and the client's attendance, in that order (one query)."""
    people = [Presence(call.expert, "expert"), Presence(call.client, "client")]
    by_user = {presence.user.pk: presence for presence in people}
    for stay in CallAttendance.objects.filter(call=call).order_by("joined_at", "pk"):
        if stay.user_id in by_user:
            by_user[stay.user_id].stays.append(stay)
    return people


def notes_list(*, call: Call) -> QuerySet[CallNote]:
    return CallNote.objects.filter(call=call, author_id=call.expert_id).order_by("created_at", "pk")


def note_get(*, call: Call, note_id: int) -> CallNote:
    note = notes_list(call=call).filter(pk=note_id).first()
    if note is None:
        raise NoteNotFound()
    return note
