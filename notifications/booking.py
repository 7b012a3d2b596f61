"""What each side of a booking hears, in words: one function per booking event.

``scheduling.bookings.notify`` calls these after the booking's transaction committed.
Times are written in each recipient's own time zone. Events that change a confirmed
call's place in a calendar carry an invite (``calendar``: REQUEST, or CANCEL once the
call will not happen) that ``notifications.emails`` attaches; whoever caused the change
gets their own, already-read copy so their calendar follows too.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import dateformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.selectors import user_zone
from notifications.models import NotificationKind as Kind
from notifications.services import notification_create

REQUEST, CANCEL = "REQUEST", "CANCEL"
# Read in the app and in the email alike: the email carries the .ics invite, the booking
# page its "Add to calendar" download.
INVITE_NOTE = gettext_lazy("%(slot)s. Add it to your calendar with the invite in the email or from the booking page.")
UPDATED_INVITE_NOTE = gettext_lazy(
    "%(slot)s. Update your calendar with the new invite in the email or from the booking page."
)
_CONFIRMING_ACTIONS = ("accepted", "reschedule_accepted")


def booking_path(booking_id: int) -> str:
    return reverse("scheduling:booking-detail", args=[booking_id])


def when_for(user, moment) -> str:
    """``Tue 21 Oct 2026, 14:30 WAT`` in ``user``'s zone. A zone without an abbreviation
    (Asia/Kathmandu's is only "+0545") is named instead, so the reader knows whose time it is."""
    zone = user_zone(user)
    local = moment.astimezone(zone)
    abbreviation = local.tzname() or ""
    label = zone.key if abbreviation[:1] in ("+", "-") else abbreviation
    return f"{dateformat.format(local, 'D j M Y, H:i')} {label}"


@dataclass
class Parties:
    booking: object
    call: object
    expert: object
    client: object

    @property
    def expert_name(self) -> str:
        profile = getattr(self.expert, "expert_profile", None)
        return (profile.display_name if profile else "") or self.expert.full_name or self.expert.email

    @property
    def client_name(self) -> str:
        return self.client.full_name or self.client.email

    @property
    def area(self) -> str:
        return self.call.area.title

    def other(self, user):
        return self.client if user.pk == self.expert.pk else self.expert

    def name_of(self, user) -> str:
        return self.expert_name if user.pk == self.expert.pk else self.client_name


def parties_of(booking) -> Parties:
    """The booking as committed (the caller's instance may predate later changes)."""
    from scheduling.models_booking import Booking

    booking = Booking.objects.select_related(
        "call", "call__area", "call__expert__expert_profile", "call__client__client_profile"
    ).get(pk=booking.pk)
    return Parties(booking, booking.call, booking.call.expert, booking.call.client)


def _was_confirmed(booking) -> bool:
    """Whether an invite ever went out (the booking was confirmed at some point)."""
    return booking.events.filter(action__in=_CONFIRMING_ACTIONS).exists()


def _send(parties: Parties, user, kind: str, title: str, body: str, *, calendar: str | None = None, read=False):
    data = {"booking_id": parties.booking.pk}
    if calendar:
        data["calendar"] = {"booking_id": parties.booking.pk, "method": calendar}
    return notification_create(
        user=user, kind=kind, title=title, body=body, url=booking_path(parties.booking.pk), data=data, read=read
    )


def _slot(parties: Parties, user) -> str:
    return _("%(area)s · %(when)s (%(minutes)s min)") % {
        "area": parties.area,
        "when": when_for(user, parties.call.scheduled_start),
        "minutes": parties.call.duration_minutes,
    }


def booking_requested(booking) -> None:
    """Paid: the expert has a request to answer; the client's money is in escrow."""
    p = parties_of(booking)
    _send(p, p.expert, Kind.BOOKING_REQUESTED, _("New booking request from %(name)s") % {"name": p.client_name},
          _("%(slot)s. Accept or decline it before the call is due.") % {"slot": _slot(p, p.expert)})
    _send(p, p.client, Kind.PAYMENT_HELD, _("Payment received: waiting for %(name)s") % {"name": p.expert_name},
          _("%(slot)s. Your payment is held safely until the call; you will hear as soon as %(name)s answers.")
          % {"slot": _slot(p, p.client), "name": p.expert_name})


def booking_accepted(booking) -> None:
    from notifications.reminders import reminders_plan

    p = parties_of(booking)
    _send(p, p.client, Kind.BOOKING_ACCEPTED, _("%(name)s accepted your booking") % {"name": p.expert_name},
          INVITE_NOTE % {"slot": _slot(p, p.client)}, calendar=REQUEST)
    _send(p, p.expert, Kind.BOOKING_CONFIRMED, _("Confirmed: call with %(name)s") % {"name": p.client_name},
          INVITE_NOTE % {"slot": _slot(p, p.expert)}, calendar=REQUEST, read=True)
    reminders_plan(call=p.call)


def booking_declined(booking) -> None:
    p = parties_of(booking)
    reason = p.booking.decline_reason
    body = _("%(slot)s. You will get a full refund.") % {"slot": _slot(p, p.client)}
    if reason:
        body = _("%(body)s Their reason: “%(reason)s”") % {"body": body, "reason": reason}
    _send(p, p.client, Kind.BOOKING_DECLINED, _("%(name)s declined your booking") % {"name": p.expert_name}, body)


def booking_cancelled(booking, *, by_user_id: int | None) -> None:
    """Both sides hear; whoever cancelled gets a read copy (with the CANCEL for their
    calendar when an invite had gone out)."""
    p = parties_of(booking)
    calendar = CANCEL if _was_confirmed(p.booking) else None
    canceller = next((u for u in (p.client, p.expert) if u.pk == by_user_id), None)
    for user in (p.client, p.expert):
        refund = _(" You will get a full refund.") if user.pk == p.client.pk else ""
        if canceller is None:
            title = _("Your call with %(name)s was cancelled") % {"name": p.name_of(p.other(user))}
        elif user.pk == canceller.pk:
            title = _("You cancelled your call with %(name)s") % {"name": p.name_of(p.other(user))}
        else:
            title = _("%(name)s cancelled your call") % {"name": p.name_of(canceller)}
        body = _("%(slot)s.%(refund)s") % {"slot": _slot(p, user), "refund": refund}
        _send(p, user, Kind.BOOKING_CANCELLED, title, body, calendar=calendar, read=user == canceller)


def booking_expired(booking, *, paid: bool) -> None:
    p = parties_of(booking)
    refund = _(" You will get a full refund.") if paid else ""
    _send(p, p.client, Kind.BOOKING_EXPIRED, _("Your booking request with %(name)s expired") % {"name": p.expert_name},
          _("%(slot)s.%(refund)s") % {"slot": _slot(p, p.client), "refund": refund})
    if paid:
        _send(p, p.expert, Kind.BOOKING_EXPIRED, _("A request from %(name)s expired") % {"name": p.client_name},
              _("%(slot)s. It was not answered in time.") % {"slot": _slot(p, p.expert)})


def reschedule_proposed(booking) -> None:
    from scheduling.models_booking import RescheduleStatus

    p = parties_of(booking)
    proposal = p.booking.reschedules.filter(status=RescheduleStatus.OPEN).first()
    if proposal is None:  # withdrawn before this ran; the withdrawal says so
        return
    _send(p, p.client, Kind.RESCHEDULE_PROPOSED, _("%(name)s proposed a new time") % {"name": p.expert_name},
          _("%(area)s: %(new)s instead of %(old)s. Accept or decline the new time.") % {
              "area": p.area, "new": when_for(p.client, proposal.proposed_start),
              "old": when_for(p.client, p.call.scheduled_start)})


def reschedule_withdrawn(booking) -> None:
    p = parties_of(booking)
    _send(p, p.client, Kind.RESCHEDULE_WITHDRAWN, _("%(name)s withdrew the new time") % {"name": p.expert_name},
          _("%(slot)s stays as it was.") % {"slot": _slot(p, p.client)})


def reschedule_accepted(booking) -> None:
    """The call moved: updated invites (same UID, higher SEQUENCE) and new reminders."""
    from notifications.reminders import reminders_plan

    p = parties_of(booking)
    _send(p, p.expert, Kind.RESCHEDULE_ACCEPTED, _("%(name)s accepted the new time") % {"name": p.client_name},
          UPDATED_INVITE_NOTE % {"slot": _slot(p, p.expert)}, calendar=REQUEST)
    _send(p, p.client, Kind.RESCHEDULE_ACCEPTED, _("You moved your call with %(name)s") % {"name": p.expert_name},
          UPDATED_INVITE_NOTE % {"slot": _slot(p, p.client)},
          calendar=REQUEST, read=True)
    reminders_plan(call=p.call)


def reschedule_declined(booking) -> None:
    p = parties_of(booking)
    calendar = CANCEL if _was_confirmed(p.booking) else None
    _send(p, p.expert, Kind.RESCHEDULE_DECLINED,
          _("%(name)s declined the new time: the booking is cancelled") % {"name": p.client_name},
          _("%(slot)s. The client is refunded in full.") % {"slot": _slot(p, p.expert)}, calendar=calendar)
    _send(p, p.client, Kind.BOOKING_CANCELLED, _("Your call with %(name)s is cancelled") % {"name": p.expert_name},
          _("%(slot)s. You declined the new time; you will get a full refund.") % {"slot": _slot(p, p.client)},
          calendar=calendar, read=True)


def payment_refunded(booking) -> None:
    from accounts.storefront.money import money_format
    from payments.models import Payment

    p = parties_of(booking)
    payment = Payment.objects.get(call_id=p.call.pk)
    amount = money_format(payment.amount, payment.currency)
    _send(p, p.client, Kind.PAYMENT_REFUNDED, _("%(amount)s refunded for your call with %(name)s") % {"amount": amount, "name": p.expert_name},
          _("Your payment for %(slot)s was refunded in full. Your bank may take a few days to show it.")
          % {"slot": _slot(p, p.client)})


# --- The call itself (``calls.notify``): never a word of the expert's private notes ----------


def call_completed(booking) -> None:
    """The call took place: the expert hears what they earned, the client is asked for a
    review (on the review page)."""
    from accounts.storefront.money import money_format
    from payments.models import Payment

    p = parties_of(booking)
    payment = Payment.objects.get(call_id=p.call.pk)
    earned = money_format(payment.expert_share or 0, payment.currency)
    _send(p, p.expert, Kind.CALL_COMPLETED, _("Call with %(name)s completed") % {"name": p.client_name},
          _("%(slot)s. %(earned)s, after the platform fee, is added to your balance.")
          % {"slot": _slot(p, p.expert), "earned": earned})
    notification_create(
        user=p.client, kind=Kind.CALL_COMPLETED, url=reverse("reviews:write", args=[p.booking.pk]),
        title=_("Your call with %(name)s is complete") % {"name": p.expert_name},
        body=_("%(slot)s. How did it go? A short review helps others choose.") % {"slot": _slot(p, p.client)},
        data={"booking_id": p.booking.pk},
    )


def call_no_show(booking, *, absent: list[str]) -> None:
    """Someone never joined: each side hears who, and that the client is refunded in full
    (SPEC §4, whoever stayed away)."""
    p = parties_of(booking)
    roles = {p.expert.pk: "expert", p.client.pk: "client"}
    for user in (p.client, p.expert):
        other = p.other(user)
        if roles[user.pk] in absent and roles[other.pk] not in absent:
            title = _("You missed your call with %(name)s") % {"name": p.name_of(other)}
        elif roles[other.pk] in absent and roles[user.pk] not in absent:
            title = _("%(name)s did not join your call") % {"name": p.name_of(other)}
        else:
            title = _("Neither of you joined your call with %(name)s") % {"name": p.name_of(other)}
        refund = _("You will get a full refund.") if user.pk == p.client.pk else _("The client is refunded in full.")
        body = _("%(slot)s. The booking is cancelled. %(refund)s") % {"slot": _slot(p, user), "refund": refund}
        _send(p, user, Kind.CALL_NO_SHOW, title, body)
