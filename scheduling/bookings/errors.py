"""Domain errors of the booking lifecycle, mapped to the API's one error shape."""

from django.utils.translation import gettext as _

from procusmeet.api.errors import ApplicationError, Conflict, Forbidden, NotFound


class BookingNotFound(NotFound):
    """No such booking, or one the asker takes no part in (never say which)."""

    def __init__(self, message: str | None = None):
        super().__init__(message or _("No such booking."))


class BookingForbidden(Forbidden):
    """A participant asked for something only the other side may do."""


class BookingInvalid(ApplicationError):
    """Bad input a form or serializer could not catch (a start in the past, off the grid)."""


class IllegalTransition(Conflict):
    """The booking's current status does not allow the action; ``fields.status`` names it."""

    code = "illegal_transition"

    def __init__(self, message: str, *, status: str):
        super().__init__(message, fields={"status": [status]})
        self.status = status


class SlotUnavailable(Conflict):
    """The start is not offered (outside the expert's hours, notice, horizon, buffers)."""

    code = "slot_unavailable"


class SlotTaken(Conflict):
    """Someone else holds that time with the expert (a lost race included)."""

    code = "slot_taken"


class ClientBusy(Conflict):
    """The client already has a call overlapping that time."""

    code = "client_busy"


class PaymentNotHeld(Conflict):
    code = "payment_not_held"


class TooLate(Conflict):
    """The call has started (or passed), or the proposed time has: too late to answer,
    cancel or reschedule."""

    code = "too_late"


class RescheduleOpen(Conflict):
    code = "reschedule_open"


class NoOpenReschedule(Conflict):
    code = "no_open_reschedule"
