from procusmeet.api.errors import ApplicationError, Conflict, ServiceUnavailable


class EmailTaken(Conflict):
    code = "email_taken"


class InvalidCredentials(ApplicationError):
    status_code = 401
    code = "invalid_credentials"


class InvalidRefreshToken(ApplicationError):
    status_code = 401
    code = "invalid_refresh_token"


class GoogleUnavailable(ServiceUnavailable):
    code = "google_unavailable"


class GoogleTokenRejected(ApplicationError):
    status_code = 401
    code = "google_token_invalid"
