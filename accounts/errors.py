from procusmeet.api.errors import ApplicationError, ServiceUnavailable


class EmailTaken(ApplicationError):
    """A 400 with an ``email`` field error, like every other sign-up validation error."""

    code = "email_taken"


class SlugTaken(ApplicationError):
    code = "slug_taken"


class InvalidCredentials(ApplicationError):
    status_code = 401
    code = "invalid_credentials"


class InvalidRefreshToken(ApplicationError):
    status_code = 401
    code = "invalid_refresh_token"


class AccountInactive(ApplicationError):
    status_code = 403
    code = "account_inactive"


class GoogleUnavailable(ServiceUnavailable):
    code = "google_unavailable"


class GoogleTokenRejected(ApplicationError):
    status_code = 401
    code = "google_token_invalid"


class GoogleEmailUnverified(ApplicationError):
    code = "google_email_unverified"
