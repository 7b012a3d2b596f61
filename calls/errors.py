"""Domain errors of the calls app; the API's exception handler turns them into the
``{"error": {...}}`` shape with their HTTP status."""

from django.utils.translation import gettext as _

from procusmeet.api.errors import ApplicationError, Conflict, NotFound, ServiceUnavailable


class LiveKitNotConfigured(ServiceUnavailable):
    """No LiveKit server is set up (the embedded default): the call page stays calm."""

    code = "video_service_unavailable"

    def __init__(self, message: str | None = None):
        super().__init__(message or _("The video service is not available right now. Please try again in a few minutes."))


class WebhookSignatureInvalid(ApplicationError):
    """The Authorization JWT is missing, not ours, expired, or does not match the body."""

    status_code = 401
    code = "webhook_signature_invalid"

    def __init__(self, message: str | None = None):
        super().__init__(message or _("The webhook signature is not valid."))


class WebhookPayloadInvalid(ApplicationError):
    """Correctly signed, but the body is not a LiveKit webhook event."""

    code = "webhook_payload_invalid"

    def __init__(self, message: str | None = None):
        super().__init__(message or _("The webhook body is not a LiveKit event."))


# --- Calls, their join window, their end, and the expert's notes -----------------------------


class CallNotFound(NotFound):
    """No such call, or one the asker takes no part in (never say which)."""

    def __init__(self, message: str | None = None):
        super().__init__(message or _("No such call."))


class CallNotConfirmed(Conflict):
    """The call's booking is not (or no longer) confirmed; ``fields.status`` names it."""

    code = "booking_not_confirmed"

    def __init__(self, message: str, *, status: str):
        super().__init__(message, fields={"status": [status]})


class CallNotOpen(Conflict):
    """Too early: the call cannot be joined (or ended) before its join window opens."""

    code = "call_not_open"

    def __init__(self, message: str, *, opens_at: str):
        super().__init__(message, fields={"join_opens_at": [opens_at]})


class CallNotStarted(Conflict):
    """Ending (and paying for) a call needs it to have taken place: its scheduled start
    passed and both participants joined its room. ``fields`` says what is missing."""

    code = "call_not_started"


class CallOver(Conflict):
    """Too late: the call's scheduled end has passed."""

    code = "call_over"


class CallTransitionRefused(Conflict):
    """The call's current status does not allow the action (it already ended, say)."""

    code = "illegal_transition"

    def __init__(self, message: str, *, status: str):
        super().__init__(message, fields={"status": [status]})


class NotesNotOpen(Conflict):
    """Notes are written about a call that has started, not before."""

    code = "notes_not_open"


class NoteNotFound(NotFound):
    def __init__(self, message: str | None = None):
        super().__init__(message or _("No such note."))


class NoteInvalid(ApplicationError):
    """A note's text is empty or too long (400 with ``fields.body``)."""
