"""Domain errors of reviews (mapped to the API's one error shape)."""

from django.utils.translation import gettext as _

from procusmeet.api.errors import ApplicationError, Conflict, Forbidden, NotFound


class ReviewNotFound(NotFound):
    """No such booking or review, or one the asker takes no part in (never say which)."""

    def __init__(self, message: str | None = None):
        super().__init__(message or _("No such review."))


class ReviewForbidden(Forbidden):
    """The other side of the call asked (the expert reviewing, the client replying)."""


class ReviewInvalid(ApplicationError):
    code = "review_invalid"


class ReviewNotAllowed(Conflict):
    """The call has not been completed, so there is nothing to review yet."""

    code = "review_not_allowed"


class ReviewExists(Conflict):
    code = "review_exists"


class ReviewEditClosed(Conflict):
    code = "review_edit_closed"


class ReviewReplyExists(Conflict):
    code = "review_reply_exists"
